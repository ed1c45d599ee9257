// The C library's threads and memory for the core's kernels: a ParallelFor on pthreads
// and a ScratchAllocator on malloc. The core never starts threads or imports Glibc; this
// layer hands it these two values (docs/design.md §1: the ABI converts, the core computes).
import AutoExports
import AutoExportsRuntime
import Glibc

/// A `ParallelFor` on the library call's own worker threads: thread t (the calling
/// thread is 0) runs tasks t, t + width, … The workers (`aexrt_pool`) start at the first
/// run with more than one task and are joined when the last copy of this value goes, at the
/// end of the library call: no thread outlives a call, so the library keeps no global
/// state (header convention 7). Between runs they spin for 0.3 ms before sleeping, so an
/// import's next block finds them awake: starting a thread per run left the other CPU
/// idle, and on a virtual machine an idle CPU took up to a few milliseconds to start the
/// new thread (43 ms of a 435 ms import, measured). A nested run (a task that runs tasks)
/// or one whose workers cannot be started falls back to a thread per task, started for
/// that run; a thread that cannot be started runs its tasks on the calling thread.
struct ThreadedFor: ParallelFor {
    let width: Int
    private let pool: PoolBox

    /// `threads` as in the header: 0 = every online CPU, 1 = the calling thread only,
    /// k = at most k threads (capped at 64).
    init(threads: Int32) {
        if threads <= 0 {
            width = max(1, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 64))
        } else {
            width = min(Int(threads), 64)
        }
        pool = PoolBox(workers: width - 1)
    }

    func run(_ tasks: Int, _ body: (Int) -> Void) {
        let threads = min(tasks, width)
        if threads <= 1 {
            SerialFor().run(tasks, body)
            return
        }
        if let p = pool.handle() {
            let ran = withoutActuallyEscaping(body) { body -> Bool in
                var task = body
                return withUnsafeMutablePointer(to: &task) { context in
                    aexrt_pool_run(p, Int64(tasks), runPoolTask, UnsafeMutableRawPointer(context)) == 0
                }
            }
            if ran { return }
        }
        spawn(tasks, threads, body)
    }

    /// A thread per task stride, started for this run and joined before it returns.
    private func spawn(_ tasks: Int, _ threads: Int, _ body: (Int) -> Void) {
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

/// The worker threads of one `ThreadedFor` (and its copies), started on first use.
private final class PoolBox: @unchecked Sendable {
    let workers: Int
    private var pool: OpaquePointer? = nil
    private var tried = false
    /// Heap storage: a pthread mutex must not move.
    private let lock = UnsafeMutablePointer<aexrt_mutex>.allocate(capacity: 1)

    init(workers: Int) {
        self.workers = workers
        aexrt_mutex_init(lock)
    }

    /// The pool, started at the first call; nil without workers or when none could start.
    func handle() -> OpaquePointer? {
        guard workers > 0 else { return nil }
        aexrt_mutex_lock(lock)
        defer { aexrt_mutex_unlock(lock) }
        if !tried {
            tried = true
            pool = aexrt_pool_create(Int32(workers))
        }
        return pool
    }

    deinit {
        if let pool { aexrt_pool_destroy(pool) }
        aexrt_mutex_destroy(lock)
        lock.deallocate()
    }
}

/// Runs one task of a pool run: `context` points at the run's `(Int) -> Void`.
private let runPoolTask: aexrt_task_fn = { context, task in
    context?.assumingMemoryBound(to: ((Int) -> Void).self).pointee(Int(task))
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
