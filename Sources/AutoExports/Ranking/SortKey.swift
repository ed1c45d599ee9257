/// Order-preserving 64-bit keys for doubles, so that ranking is an integer sort.
///
///     SortKey.key(-1.0, descending: false) < SortKey.key(2.0, descending: false)  // true
///
/// Every non-NaN double maps to a key in `0x000F_FFFF_FFFF_FFFF ... 0xFFF0_0000_0000_0000`,
/// so the two ends, `0` and `UInt64.max`, are free for the block of missing values.
@usableFromInline
enum SortKey {
    /// Maps a non-NaN double to a UInt64 whose unsigned order is the double's order;
    /// -0.0 and 0.0 map to the same key. Descending order flips every bit.
    ///
    /// Branch-free: `x + 0.0` folds -0.0 into 0.0 (and changes no other value), then a
    /// negative pattern flips all its bits and a positive one only its sign bit.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    static func key(_ x: Double, descending: Bool) -> UInt64 {
        let bits = (x + 0.0).bitPattern
        let flip = UInt64(bitPattern: Int64(bitPattern: bits) &>> 63) | (1 << 63)
        let k = bits ^ flip
        return descending ? ~k : k
    }

    /// The key of a missing value: before every number (`.top`) or after (`.bottom`),
    /// whatever the order. Not used under `.keep`.
    @inlinable @inline(__always)
    static func missingKey(_ missing: MissingPolicy) -> UInt64 {
        missing == .top ? 0 : UInt64.max
    }

    /// `key(x)` for numbers, `missingKey` for NaN.
    @inlinable @inline(__always)
    static func fullKey(_ x: Double, descending: Bool, missing: MissingPolicy) -> UInt64 {
        x.isNaN ? missingKey(missing) : key(x, descending: descending)
    }
}
