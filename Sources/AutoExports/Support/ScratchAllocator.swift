/// Where kernels get large temporary memory, so that a host can turn an allocation that
/// fails into an error instead of a trap.
///
/// Swift's own allocator traps when memory runs out; the C library passes an allocator
/// built on `malloc` that returns nil instead, and the kernels throw
/// `ScratchError.outOfMemory`.
///
///     let a = ScratchAllocator.standard
///     let p = try a.allocate(Double.self, count: 100)
///     a.free(p)
public struct ScratchAllocator: Sendable {
    /// Returns `byteCount` bytes aligned to 16, or nil when they cannot be had.
    public var allocateBytes: @Sendable (_ byteCount: Int) -> UnsafeMutableRawPointer?
    /// Releases memory from `allocateBytes`.
    public var deallocateBytes: @Sendable (UnsafeMutableRawPointer) -> Void

    /// An allocator from two functions.
    ///
    /// - Complexity: O(1).
    public init(
        allocate: @escaping @Sendable (Int) -> UnsafeMutableRawPointer?,
        deallocate: @escaping @Sendable (UnsafeMutableRawPointer) -> Void
    ) {
        self.allocateBytes = allocate
        self.deallocateBytes = deallocate
    }

    /// Swift's allocator (traps when memory runs out); sizes that cannot be valid
    /// (negative, or above a quarter of the address space) return nil.
    public static var standard: ScratchAllocator {
        ScratchAllocator(
            allocate: { bytes in
                guard bytes >= 0, bytes < Int.max / 4 else { return nil }
                return UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 1), alignment: 16)
            },
            deallocate: { $0.deallocate() })
    }

    /// Uninitialized memory for `count` values of `T`; release it with `free`.
    ///
    /// - Throws: `ScratchError.outOfMemory` when the size overflows or the memory cannot
    ///   be had.
    /// - Complexity: one allocation.
    public func allocate<T>(_ type: T.Type, count: Int) throws(ScratchError) -> UnsafeMutablePointer<T> {
        let (bytes, overflow) = max(count, 0).multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !overflow, let p = allocateBytes(bytes) else {
            throw .outOfMemory(bytes: overflow ? Int.max : bytes)
        }
        return p.bindMemory(to: T.self, capacity: max(count, 0))
    }

    /// Releases memory from `allocate(_:count:)`.
    ///
    /// - Complexity: O(1).
    public func free<T>(_ p: UnsafeMutablePointer<T>) {
        deallocateBytes(UnsafeMutableRawPointer(p))
    }
}

/// The failure of a scratch allocation.
public enum ScratchError: Error, Equatable, Sendable {
    /// `bytes` bytes of temporary memory could not be allocated.
    case outOfMemory(bytes: Int)
}
