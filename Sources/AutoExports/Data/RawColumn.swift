/// A growable buffer of trivial values with manual memory, for the importers' per-piece
/// output: appending is a bounds check and a store (no uniqueness check, no retain), and
/// the buffer is reused from block to block.
///
/// The owner frees it with `free()` (once); copies share the same memory.
///
/// - Complexity: `append` is O(1) amortized.
struct RawColumn<T: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<T>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    @inline(__always)
    mutating func append(_ x: T) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = x
        count += 1
    }

    mutating func grow(to n: Int) {
        guard n > capacity else { return }
        let bigger = UnsafeMutablePointer<T>.allocate(capacity: n)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = n
    }

    @inline(__always)
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    mutating func removeAll() { count = 0 }

    /// Keeps the first `n` values.
    mutating func truncate(to n: Int) { count = min(count, max(0, n)) }

    var buffer: UnsafeBufferPointer<T> { UnsafeBufferPointer(start: base, count: count) }
}
