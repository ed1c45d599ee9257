// The C library's threads and memory for the core's kernels: a ParallelFor on pthreads
// and a ScratchAllocator on malloc. The core never starts threads or imports Glibc; this
// layer hands it these two values (docs/design.md §1: the ABI converts, the core computes).
import AutoExports
import AutoExportsRuntime
import Glibc

/// A `ParallelFor` that runs task 0 on the calling thread and each other task on a
/// thread of its own, started for the call and joined before it returns. No thread
/// outlives a call, so the library keeps no global state (header convention 7). When a
/// thread cannot be started, its task runs on the calling thread instead.
struct ThreadedFor: ParallelFor {
    let width: Int

    /// `threads` as in the header: 0 = every online CPU, 1 = the calling thread only,
    /// k = at most k threads (capped at 64).
    init(threads: Int32) {
        if threads <= 0 {
            width = max(1, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 64))
        } else {
            width = min(Int(threads), 64)
        }
    }

    func run(_ tasks: Int, _ body: (Int) -> Void) {
        let threads = min(tasks, width)
        if threads <= 1 {
            SerialFor().run(tasks, body)
            return
        }
        withoutActuallyEscaping(body) { body in
            // Thread t runs tasks t, t + threads, t + 2·threads, …
            let jobs = (1..<threads).map { TaskRange(body: body, first: $0, stride: threads, end: tasks) }
            var started: [(pthread_t, TaskRange)] = []
            var inline: [TaskRange] = []
            for job in jobs {
                var tid = pthread_t()
                let context = Unmanaged.passRetained(job).toOpaque()
                if pthread_create(&tid, nil, threadMain, context) == 0 {
                    started.append((tid, job))
                } else {
                    Unmanaged<TaskRange>.fromOpaque(context).release()
                    inline.append(job)
                }
            }
            TaskRange(body: body, first: 0, stride: threads, end: tasks).run()
            for job in inline { job.run() }
            for (tid, _) in started { pthread_join(tid, nil) }
        }
    }
}

/// The tasks one thread runs.
private final class TaskRange {
    let body: (Int) -> Void
    let first: Int
    let stride: Int
    let end: Int

    init(body: @escaping (Int) -> Void, first: Int, stride: Int, end: Int) {
        self.body = body
        self.first = first
        self.stride = stride
        self.end = end
    }

    func run() {
        var i = first
        while i < end {
            body(i)
            i += stride
        }
    }
}

private func threadMain(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    let job = Unmanaged<TaskRange>.fromOpaque(context).takeRetainedValue()
    job.run()
    return nil
}

/// Scratch memory from malloc: a failed allocation becomes AEX_E_OUT_OF_MEMORY.
let mallocAllocator = ScratchAllocator(
    allocate: { bytes in
        guard bytes >= 0, bytes < Int.max / 4 else { return nil }
        return aexrt_malloc(bytes)
    },
    deallocate: { aexrt_free($0) })
