/// Runs independent tasks, possibly at the same time: the core's only door to threads.
///
/// The core is standard-library Swift and starts no threads itself. Work that splits
/// into independent tasks (ranking the periods of a panel) asks a runner to call a body
/// once per task index. `SerialRunner` (the default everywhere) calls them one after the
/// other on the caller's thread; a host supplies a threaded runner (the C library uses
/// one built on pthreads, `Sources/AutoExportsABI/ThreadRunner.swift`).
///
///     let runner: any ParallelRunner = SerialRunner()
///     runner.run(tasks: 3) { i in print(i) }  // 0, 1, 2
///
/// Contract for implementations: `run(tasks:_:)` calls `body(i)` exactly once for every
/// `i` in `0..<tasks`, from any threads, and returns only after every call has returned.
/// Contract for callers: the calls may overlap in time, so `body(i)` writes only memory
/// that belongs to task `i` and reads nothing another task writes.
public protocol ParallelRunner {
    /// How many tasks can make progress at once; callers split work into about this
    /// many tasks. At least 1.
    var width: Int { get }

    /// Calls `body(i)` for every `i` in `0..<tasks` and returns when all have returned.
    ///
    /// - Complexity: the sum of the bodies' work, divided by up to `width`.
    func run(tasks: Int, _ body: (Int) -> Void)
}

/// A runner that calls the tasks in order on the caller's thread.
///
///     SerialRunner().run(tasks: 2) { print($0) }  // 0, then 1
public struct SerialRunner: ParallelRunner, Sendable {
    public init() {}

    /// Always 1.
    public var width: Int { 1 }

    /// Calls `body(0)`, `body(1)`, … in order.
    ///
    /// - Complexity: the sum of the bodies' work.
    public func run(tasks: Int, _ body: (Int) -> Void) {
        var i = 0
        while i < tasks {
            body(i)
            i += 1
        }
    }
}
