import Testing

@testable import AutoExports

/// Every byte value inside every field of an otherwise plain tidy row: the fast path (which
/// finds commas, quotes, line ends and control bytes a word at a time) must give exactly
/// the general path's panel, rejections and counts. A fuzzer found that DEL (0x7F) passed
/// the fast path's word test while the general path refuses it as a control character:
/// the panel then held a citation its own CSV export could not import again.
@Suite("Ingest: every byte in every field, fast path against the general path")
struct IngestEveryByteTests {
    @Test("each byte 0x00...0xFF in each field of a plain row")
    func everyByteEveryField() {
        let header = "exporter,period,metric,value,citation\n"
        // The odd row's series is the row before's, so that it is read by the fast path
        // (a series seen for the first time goes through the general path).
        let clean = ["CHN", "2023", "units", "4910000", "https://example.org/a"]
        for field in 0..<clean.count {
            for byte in 0...255 {
                var fields = clean.map { Array($0.utf8) }
                fields[field].insert(UInt8(byte), at: 1)
                var row: [UInt8] = []
                for (i, f) in fields.enumerated() {
                    if i > 0 { row.append(0x2C) }
                    row += f
                }
                // Rows before and after keep the fast path warm around the odd one.
                let bytes =
                    Array(header.utf8) + Array("CHN,2022,units,3400000,https://example.org/b\n".utf8) + row
                    + [0x0A] + Array("CHN,2024,units,5800000,\n".utf8)
                for policy in [ImportPolicy.lenient, .strict] {
                    var o = ImportOptions(policy: policy)
                    o.keepUnknownExporters = true
                    IngestFastPathTests.agree(bytes, o, width: 1)
                }
            }
        }
    }
}
