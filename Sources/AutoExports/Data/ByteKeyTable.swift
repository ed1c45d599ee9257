/// A hash table from byte strings to `Int32` values, for the importers' hot path: looking
/// up a row's series key, citation or name without making a `String` per row.
///
/// Keys are copied into one arena; the table uses open addressing with linear probing
/// and keeps the full 64-bit hash of every entry, so a probe compares bytes only when
/// the hashes agree.
///
/// - Complexity: `find` and `insert` are O(key length) on average.
struct ByteKeyTable {
    private var arena: [UInt8] = []
    /// Per slot: hash (0 = empty; real hashes have their top bit set), arena offset,
    /// length, value.
    private var hashes: [UInt64]
    private var offsets: [Int]
    private var lengths: [Int32]
    private var values: [Int32]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 64) {
        var c = 16
        while c < capacity * 2 { c *= 2 }
        hashes = [UInt64](repeating: 0, count: c)
        offsets = [Int](repeating: 0, count: c)
        lengths = [Int32](repeating: 0, count: c)
        values = [Int32](repeating: 0, count: c)
        mask = c - 1
    }

    /// A fast 64-bit hash of the bytes (multiply-xorshift over 8-byte words).
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return (h ^ (h >> 32)) | (1 << 63)
    }

    /// `hash(p, n)` for bytes followed by at least `8 - n % 8` readable bytes (the
    /// tail is read as one word and masked, instead of byte by byte).
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int, readable: Int) -> UInt64 {
        let rest = n & 7
        guard rest != 0, readable >= n - rest + 8 else { return hash(p, n) }
        let raw = UnsafeRawPointer(p)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        let tail = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & ((1 << UInt64(rest * 8)) &- 1)
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return (h ^ (h >> 32)) | (1 << 63)
    }

    /// The value stored for the bytes, or nil.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let sh = hashes[slot]
            if sh == 0 { return nil }
            if sh == h && Int(lengths[slot]) == n && equal(offsets[slot], p, n) { return values[slot] }
            slot = (slot + 1) & mask
        }
    }

    /// `find` for bytes followed by at least 8 readable bytes: short keys compare as one
    /// masked word.
    @inline(__always)
    func find(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64, readable: Int) -> Int32? {
        guard n < 8, readable >= 8 else { return find(p, n, hash: h) }
        let mask: UInt64 = (1 << UInt64(n * 8)) &- 1
        let x = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) & mask
        var slot = Int(truncatingIfNeeded: h) & self.mask
        return arena.withUnsafeBufferPointer { a -> Int32? in
            guard let base = a.baseAddress else { return nil }
            while true {
                let sh = hashes[slot]
                if sh == 0 { return nil }
                if sh == h && Int(lengths[slot]) == n
                    && UnsafeRawPointer(base + offsets[slot]).loadUnaligned(as: UInt64.self) & mask == x
                {
                    return values[slot]
                }
                slot = (slot + 1) & self.mask
            }
        }
    }

    @inline(__always)
    private func equal(_ offset: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        arena.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return n == 0 }
            return memoryEqual(base + offset, p, n)
        }
    }

    /// Stores `value` for the bytes (which must not be present yet).
    mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64, value: Int32) {
        if (count + 1) * 2 > hashes.count { grow() }
        let offset = arena.count
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        arena.append(contentsOf: repeatElement(0, count: 8))  // every key can be read as whole words
        place(h, offset, Int32(n), value)
        count += 1
    }

    private mutating func place(_ h: UInt64, _ offset: Int, _ n: Int32, _ value: Int32) {
        var slot = Int(truncatingIfNeeded: h) & mask
        while hashes[slot] != 0 { slot = (slot + 1) & mask }
        hashes[slot] = h
        offsets[slot] = offset
        lengths[slot] = n
        values[slot] = value
    }

    private mutating func grow() {
        let old = (hashes, offsets, lengths, values)
        let c = hashes.count * 2
        hashes = [UInt64](repeating: 0, count: c)
        offsets = [Int](repeating: 0, count: c)
        lengths = [Int32](repeating: 0, count: c)
        values = [Int32](repeating: 0, count: c)
        mask = c - 1
        for i in old.0.indices where old.0[i] != 0 { place(old.0[i], old.1[i], old.2[i], old.3[i]) }
    }
}
