/// Runs numbered pieces of independent work, possibly several at the same time.
///
/// The core has no threads of its own (it uses the Swift standard library only), so work
/// that can run in parallel takes a `ParallelFor`. The default, `.serial`, runs the pieces
/// one after another; the C library passes a threaded implementation, and Swift users can
/// write one over their own thread pool.
///
///     let squares = UnsafeMutableBufferPointer<Int>.allocate(capacity: 4)
///     SerialFor().run(4) { i in squares[i] = i * i }      // squares == [0, 1, 4, 9]
///
/// Requirements on an implementation: `run(count, body)` calls `body(i)` exactly once for
/// every `i` in `0..<count`, in any order and possibly concurrently, and returns only after
/// every call has returned. `body` must not be called after `run` returns.
public protocol ParallelFor {
    /// How many pieces may run at the same time (1 for serial execution). Callers use it to
    /// decide how finely to split their work.
    var width: Int { get }

    /// Calls `body(i)` once for every `i` in `0..<count`; returns when all calls returned.
    ///
    /// - Complexity: the sum of the calls' costs, divided among `width` workers.
    func run(_ count: Int, _ body: (Int) -> Void)
}

/// Runs every piece on the calling thread, in order: the default `ParallelFor`.
///
///     var sum = 0
///     SerialFor().run(3) { sum += $0 }      // sum == 3
///
/// - Complexity: the sum of the calls' costs.
public struct SerialFor: ParallelFor, Sendable {
    /// A serial runner.
    ///
    /// - Complexity: O(1).
    public init() {}

    /// Always 1.
    public var width: Int { 1 }

    /// Calls `body(0)`, `body(1)`, … `body(count - 1)` in order.
    ///
    /// - Complexity: O(`count`) calls of `body`, spread over the worker threads; returns when all have returned.
    public func run(_ count: Int, _ body: (Int) -> Void) {
        var i = 0
        while i < count {
            body(i)
            i += 1
        }
    }
}

extension ParallelFor where Self == SerialFor {
    /// Runs every piece on the calling thread, in order.
    public static var serial: SerialFor { SerialFor() }
}
