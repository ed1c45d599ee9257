import Testing

@testable import AutoExports

/// Collects the importer's progress calls (they come on the importing thread).
final class ProgressLog: @unchecked Sendable {
    var calls: [(done: Int, total: Int?)] = []
}

@Suite("Import progress")
struct ImportProgressTests {
    static func csv(rows: Int) -> [UInt8] {
        var text = "exporter,period,segment,metric,value\n"
        let exporters = ["CHN", "JPN", "DEU", "KOR", "MEX"]
        for i in 0..<rows {
            text += "\(exporters[i % 5]),\(1000 + i / 5),total,units,\(i)\n"
        }
        return Array(text.utf8)
    }

    @Test("progress is called once per block with increasing bytes, ending at the input's size")
    func perBlock() throws {
        let bytes = Self.csv(rows: 5_000)
        let log = ProgressLog()
        var o = ImportOptions()
        o.blockBytes = 10_000
        o.progress = { done, total in log.calls.append((done, total)) }
        let r = try bytes.withUnsafeBytes { try Importer.read(bytes: $0, format: .tidy, options: o) }
        #expect(r.report.rowsLoaded == 5_000)
        #expect(log.calls.count >= bytes.count / 10_000)
        #expect(zip(log.calls, log.calls.dropFirst()).allSatisfy { $0.done < $1.done })
        #expect(log.calls.last?.done == bytes.count)
        #expect(log.calls.allSatisfy { $0.total == bytes.count })
    }

    @Test("a stream reports its size hint as the total (nil when unknown)")
    func streamed() throws {
        struct Chunks: ByteSource {
            var bytes: [UInt8]
            var at = 0
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
                let n = min(buffer.count, bytes.count - at, 4096)
                bytes.withUnsafeBytes { b in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[at..<(at + n)]))
                }
                at += n
                return n
            }
        }
        let bytes = Self.csv(rows: 3_000)
        for hint in [Optional(bytes.count), nil] {
            let log = ProgressLog()
            var o = ImportOptions()
            o.blockBytes = 8_192
            o.progress = { done, total in log.calls.append((done, total)) }
            var source = Chunks(bytes: bytes)
            _ = try Importer.read(from: &source, sizeHint: hint, format: .tidy, options: o)
            #expect(log.calls.last?.done == bytes.count)
            #expect(log.calls.allSatisfy { $0.total == hint })
        }
    }

    @Test("progress does not change the result")
    func sameResult() throws {
        let bytes = Self.csv(rows: 2_000)
        var o = ImportOptions()
        o.blockBytes = 4_096
        let plain = try bytes.withUnsafeBytes { try Importer.read(bytes: $0, format: .tidy, options: o) }
        o.progress = { _, _ in }
        let watched = try bytes.withUnsafeBytes { try Importer.read(bytes: $0, format: .tidy, options: o) }
        #expect(plain.panel.rowValues == watched.panel.rowValues)
        #expect(plain.report.rowsLoaded == watched.report.rowsLoaded)
    }
}
