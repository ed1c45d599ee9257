/// A hash table from short byte strings (1 to 8 bytes) with a small tag to `Int32`
/// values: the tidy importer's per-row lookup of an exporter's series (the tag is the
/// id of the row's other key fields and the length, the key the exporter's bytes as one
/// word).
///
/// Entries are numbered in insertion order and each remembers the entry looked up right
/// after it last time (`successor`): files list their series in the same order period
/// after period (or repeat one series row after row), so the caller checks that guess
/// with one comparison before it hashes. Open addressing with linear probing over manual
/// memory; an entry (word, tag, value, successor) is one 24-byte record.
///
/// A class so that copies of a format value share nothing by accident: each worker makes
/// its own table on its first piece (see `TidyCSV.parsePiece`).
///
/// - Complexity: `find` and `insert` are O(1) on average.
final class ShortKeyTable {
    struct Entry {
        var word: UInt64
        /// Never 0.
        var tag: UInt64
        var value: Int32
        /// The entry found after this one last time, or -1.
        var successor: Int32
    }

    private(set) var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity: Int
    /// Slot -> entry number, -1 = empty.
    private var slots: UnsafeMutablePointer<Int32>
    private var capacity: Int
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 256) {
        var c = 64, bits: UInt64 = 6
        while c < capacity * 2 { c *= 2; bits += 1 }
        self.capacity = c
        shift = 64 - bits
        slots = .allocate(capacity: c)
        slots.initialize(repeating: -1, count: c)
        entryCapacity = c / 2
        entries = .allocate(capacity: entryCapacity)
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
    }

    /// The bytes `p[0..<n]` (n in 1...8) as a key word; `readable` bytes at `p` may be
    /// read (at least `n`).
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ n: Int, readable: Int) -> UInt64 {
        if readable >= 8 {
            let w = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            return n >= 8 ? w : w & ((1 << UInt64(n &* 8)) &- 1)
        }
        var w: UInt64 = 0
        var i = 0
        while i < n { w |= UInt64(p[i]) << UInt64(i &* 8); i += 1 }
        return w
    }

    @inline(__always)
    private func slot(_ word: UInt64, _ tag: UInt64) -> Int {
        let h = (word ^ (tag &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h >> shift)
    }

    /// The entry number of (word, tag), or -1. `tag` must not be 0.
    @inline(__always)
    func find(_ word: UInt64, tag: UInt64) -> Int32 {
        let mask = capacity &- 1
        var s = slot(word, tag)
        while true {
            let e = slots[s]
            if e < 0 { return -1 }
            let entry = entries[Int(e)]
            if entry.tag == tag && entry.word == word { return e }
            s = (s &+ 1) & mask
        }
    }

    /// The entry number of (word, tag), trying first the successor of entry `previous`
    /// (-1: none), which then becomes the entry found; -1 when (word, tag) is absent.
    @inline(__always)
    func find(_ word: UInt64, tag: UInt64, after previous: Int32) -> Int32 {
        if previous >= 0 {
            let guess = entries[Int(previous)].successor
            if guess >= 0 {
                let g = entries[Int(guess)]
                if g.word == word && g.tag == tag { return guess }
            }
            let e = find(word, tag: tag)
            if e >= 0 { entries[Int(previous)].successor = e }
            return e
        }
        return find(word, tag: tag)
    }

    /// The value of entry `e`.
    @inline(__always)
    func value(_ e: Int32) -> Int32 { entries[Int(e)].value }

    /// Stores `value` for (word, tag) (which must not be present yet; `tag` not 0) and
    /// returns its entry number.
    @discardableResult
    func insert(_ word: UInt64, tag: UInt64, value: Int32) -> Int32 {
        if (count + 1) * 2 > capacity { grow() }
        if count == entryCapacity {
            let bigger = UnsafeMutablePointer<Entry>.allocate(capacity: entryCapacity * 2)
            bigger.moveInitialize(from: entries, count: count)
            entries.deallocate()
            entries = bigger
            entryCapacity *= 2
        }
        let e = Int32(count)
        (entries + count).initialize(to: Entry(word: word, tag: tag, value: value, successor: -1))
        count += 1
        place(e)
        return e
    }

    private func place(_ e: Int32) {
        let mask = capacity &- 1
        let entry = entries[Int(e)]
        var s = slot(entry.word, entry.tag)
        while slots[s] >= 0 { s = (s &+ 1) & mask }
        slots[s] = e
    }

    private func grow() {
        slots.deallocate()
        capacity *= 2
        shift -= 1
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: -1, count: capacity)
        for e in 0..<count { place(Int32(e)) }
    }
}
