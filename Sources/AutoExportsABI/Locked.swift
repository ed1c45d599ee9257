import AutoExportsRuntime

/// A value behind a pthread mutex: the lock of the handle table and of each panel.
///
///     let counter = Locked(0)
///     counter.withLock { $0 += 1 }   // 1
///
/// Not `Synchronization.Mutex`: on Linux that lock is a priority-inheritance futex which
/// the kernel acquires when it is contended, out of ThreadSanitizer's sight, so every
/// contended section looked like a data race and real races could not be told apart.
/// ThreadSanitizer intercepts pthread locks; their speed is the same here.
///
/// - Complexity: `withLock` is O(1) plus the body.
final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<aexrt_mutex>
    private var value: Value

    init(_ value: Value) {
        mutex = .allocate(capacity: 1)
        aexrt_mutex_init(mutex)
        self.value = value
    }

    deinit {
        aexrt_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value while holding the lock.
    func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        aexrt_mutex_lock(mutex)
        defer { aexrt_mutex_unlock(mutex) }
        return try body(&value)
    }
}
