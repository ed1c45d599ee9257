import Testing

@testable import AutoExports

/// The tidy importer's index of special bytes (`SeparatorIndex`), against the definition
/// applied one byte at a time: a byte below 0x20, a comma, a quote, DEL or non-ASCII.
@Suite("Separator index")
struct SeparatorIndexTests {
    static func special(_ c: UInt8) -> Bool { c < 0x20 || c == 0x2C || c == 0x22 || c >= 0x7F }

    /// Every offset the index reports from `start`, taken `take` at a time (so a refill
    /// often happens with offsets kept), then the end.
    static func offsets(_ bytes: [UInt8], from start: Int = 0, take: Int = 1) -> [Int] {
        bytes.withUnsafeBufferPointer { b -> [Int] in
            let p = b.baseAddress ?? CSVScanner.emptyBase
            var index = SeparatorIndex(keep: take + 1)
            defer { index.deallocate() }
            index.reset(at: start)
            var found: [Int] = []
            while true {
                index.ensure(take, p, b.count)
                let n = min(take, index.available)
                if n == 0 { break }
                for i in 0..<n { found.append(index.offsets[index.head + i]) }
                index.head += n
                if found.last == b.count { break }
            }
            return found
        }
    }

    static func expected(_ bytes: [UInt8], from start: Int = 0) -> [Int] {
        (start..<bytes.count).filter { special(bytes[$0]) } + [bytes.count]
    }

    @Test("the 64-byte mask marks each byte value at each of the 64 places, and nothing else")
    func everyByteEveryLane() {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 64)
        for lane in 0..<64 {
            for value in 0...255 {
                bytes[lane] = UInt8(value)
                let bits = bytes.withUnsafeBytes { SeparatorIndex.specialBits($0.baseAddress!) }
                let want: UInt64 = SeparatorIndexTests.special(UInt8(value)) ? 1 << UInt64(lane) : 0
                if bits != want {
                    Issue.record("byte \(value) at lane \(lane): bits \(bits), expected \(want)")
                    return
                }
            }
            bytes[lane] = UInt8(ascii: "a")
        }
    }

    @Test(
        "offsets match a byte loop for sparse, typical and dense inputs of every length around the steps",
        arguments: [0.0, 0.03, 0.15, 0.5, 1.0])
    func randomInputs(density: Double) {
        var rng = SplitMix(state: UInt64(density * 1000) + 7)
        let specials: [UInt8] = [0x2C, 0x0A, 0x0D, 0x22, 0x09, 0x00, 0x7F, 0x80, 0xC3, 0xFF, 0x1F]
        let plain: [UInt8] = Array("abcXYZ019 -+.:;_~/".utf8) + [0x20, 0x7E, 0x2B, 0x2D, 0x21, 0x23]
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 127, 128, 129, 4095, 4096, 4097, 4160, 9000, 20_000] {
            let bytes = (0..<length).map { _ in
                Double.random(in: 0..<1, using: &rng) < density
                    ? specials.randomElement(using: &rng)! : plain.randomElement(using: &rng)!
            }
            for take in [1, 5, 13] {
                let got = SeparatorIndexTests.offsets(bytes, take: take)
                let want = SeparatorIndexTests.expected(bytes)
                if got != want {
                    Issue.record(
                        "length \(length), density \(density), take \(take): \(got.count) offsets, expected \(want.count)"
                    )
                    return
                }
            }
            if length > 100 {
                let start = length / 3
                #expect(
                    SeparatorIndexTests.offsets(bytes, from: start, take: 4)
                        == SeparatorIndexTests.expected(bytes, from: start))
            }
        }
    }

    @Test("a stretch with more than 12 special bytes in 64 (the loop past the fixed writes)")
    func denseStretch() {
        // 64 commas, then a stretch of exactly 12 and 13 special bytes.
        var bytes = [UInt8](repeating: 0x2C, count: 64)
        bytes += (0..<64).map { $0 < 12 ? 0x2C : 0x61 }
        bytes += (0..<64).map { $0 % 5 == 0 ? 0x0A : 0x61 }  // 13 line feeds
        #expect(SeparatorIndexTests.offsets(bytes, take: 3) == SeparatorIndexTests.expected(bytes))
    }

    @Test("records read another way (skip) leave the index on its offsets: each byte is looked at once")
    func skipKeepsTheIndex() {
        // 2,000 records of 50 bytes; every third is "read another way" past its end.
        let record = Array("\"a, quoted\",1700-01,units,\"1,234\",more,fields,x\n".utf8)
        let bytes = Array((0..<2000).map { _ in record }.joined())
        bytes.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            var index = SeparatorIndex(keep: 5)
            defer { index.deallocate() }
            index.reset(at: 0)
            var pos = 0, r = 0
            while pos < b.count {
                if r % 3 == 0 {
                    pos += record.count  // the general reader took the record
                    index.skip(below: pos)
                } else {
                    index.ensure(4, p, b.count)
                    // The record's first special byte is its opening quote, at pos.
                    #expect(index.offsets[index.head] == pos)
                    pos += record.count
                    index.skip(below: pos)
                }
                r += 1
            }
            #expect(index.indexedBytes <= b.count)
            #expect(index.indexedBytes >= b.count - SeparatorIndex.chunkBytes)
        }
    }
}
