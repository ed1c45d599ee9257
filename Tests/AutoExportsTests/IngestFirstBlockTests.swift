import Testing

@testable import AutoExports

/// The small first block of a streamed import (`ImportOptions.firstBlockBytes`): any size,
/// however it falls against records, headers and the source's read sizes, gives the same
/// panel and report as reading the bytes whole.
@Suite("Ingest: the small first block of a stream")
struct IngestFirstBlockTests {
    /// Gives its bytes in reads of at most `step` bytes.
    struct Trickle: ByteSource {
        var bytes: [UInt8]
        var step: Int
        var at = 0
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
            let n = min(buffer.count, bytes.count - at, step)
            bytes.withUnsafeBytes { b in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[at..<(at + n)])) }
            at += n
            return n
        }
        var failure: String { "" }
    }

    /// A tidy CSV whose header and first record are long (a long source column), then
    /// ordinary rows, a refused row and a quoted field.
    static func csv(rows: Int, longHeader: Bool) -> [UInt8] {
        let wide = String(repeating: "s", count: 300)
        var text = "exporter,period,metric,value,source" + (longHeader ? ",note_" + wide : "") + "\n"
        let extra = longHeader ? ",x" : ""
        text += "CHN,1999,units,1,\"a \(wide) long citation\"\(extra)\n"
        for i in 0..<rows {
            let value = i == rows / 2 ? "not-a-number" : String(i * 7 % 1000)
            text += "E\(i % 40),\(2000 + i / 40),units,\(value),src\(i % 3)\(extra)\n"
        }
        return Array(text.utf8)
    }

    @Test("every first-block size gives the whole-bytes result (serial and two workers, several read sizes)")
    func sameResult() throws {
        for longHeader in [false, true] {
            let bytes = Self.csv(rows: 3_000, longHeader: longHeader)
            var o = ImportOptions(policy: .lenient)
            o.keepUnknownExporters = true
            o.blockBytes = 4_096
            o.minPieceBytes = 16
            let whole = try bytes.withUnsafeBytes { try Importer.read(bytes: $0, format: .tidy, options: o) }
            #expect(whole.report.rowsLoaded == 3_000)  // the long first record and all but one row
            for first in [1, 17, 300, 1_000, 4_096, 1 << 20] {
                for step in [5, 333, 1 << 16] {
                    for width in [1, 2] {
                        o.firstBlockBytes = first
                        var source = Trickle(bytes: bytes, step: step)
                        let streamed = try Importer.read(
                            from: &source, sizeHint: bytes.count, format: .tidy, options: o,
                            parallel: ConcurrentFor(width: width))
                        let what = "first \(first) step \(step) width \(width) long header \(longHeader)"
                        #expect(sameContent(whole.panel, streamed.panel), "\(what)")
                        #expect(streamed.report.rowsLoaded == whole.report.rowsLoaded, "\(what)")
                        #expect(
                            streamed.report.rejections.map { "\($0.line):\($0.column)" }
                                == whole.report.rejections.map { "\($0.line):\($0.column)" }, "\(what)")
                    }
                }
            }
        }
    }

    @Test("the first block holds at most firstBlockBytes (to its last record end), the next ones a whole block")
    func blockSizes() {
        let bytes = Self.csv(rows: 2_000, longHeader: false)
        var blocks = StreamBlocks(
            source: Trickle(bytes: bytes, step: 1 << 16), blockBytes: 4_096, firstBlockBytes: 1_000)
        defer { blocks.release() }
        var sizes: [Int] = []
        var total = 0
        while case .block(let b, _) = blocks.next(maxRecordBytes: 1 << 20) {
            sizes.append(b.count)
            total += b.count
            if sizes.count > 1 { blocks.prefetch() }  // the read-ahead path too
        }
        #expect(total == bytes.count)
        #expect(sizes[0] <= 1_000 && sizes[0] > 1_000 - 400)  // the first record is ~330 bytes long
        #expect(sizes.dropFirst().dropLast().allSatisfy { $0 > 4_096 - 40 && $0 <= 4_096 })
        #expect(blocks.prefetchBytes == 0)  // the source has ended
    }
}
