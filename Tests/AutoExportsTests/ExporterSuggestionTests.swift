import Testing

@testable import AutoExports

/// "Did you mean": one implementation (Exporter+Suggest.swift) behind every front door.
@Suite("Exporter suggestions")
struct ExporterSuggestionTests {
    @Test("a swapped or dropped letter finds the exporter, by code or by name")
    func typos() {
        #expect(Exporter.suggestions(for: "JNP") == ["JPN"])
        #expect(Exporter.suggestions(for: "Grmany") == ["DEU"])
        #expect(Exporter.suggestions(for: "grmany") == ["DEU"])
        #expect(Exporter.suggestions(for: "Brasil") == ["BRA"])
        #expect(Exporter.suggestions(for: "Untied Kingdom") == ["GBR"])
        #expect(Exporter.suggestions(for: "Chnia") == ["CHN"])
        #expect(Exporter.suggestions(for: " Mexcio ") == ["MEX"])
    }

    @Test("nothing close gives no suggestion; known texts are not this function's business")
    func farAway() {
        #expect(Exporter.suggestions(for: "Atlantis").isEmpty)
        #expect(Exporter.suggestions(for: "").isEmpty)
        #expect(Exporter.suggestions(for: "XQZW").isEmpty)
        #expect(Exporter.suggestions(for: "the united states of atlantis and more").isEmpty)
    }

    @Test("every suggestion is within the documented distance of a spelling of it")
    func withinThreshold() {
        for text in ["JNP", "CHA", "Grmany", "Frnace", "Itly", "Suth Korea", "Spian", "Thialand"] {
            let t = Array(text.lowercased())
            let allowed = t.count <= 4 ? 1 : t.count <= 8 ? 2 : 3
            let found = Exporter.suggestions(for: text)
            #expect(!found.isEmpty, "\(text)")
            for e in found {
                let spellings =
                    [e.code, e.name]
                    + Exporter.index.byName.filter { $0.value == Exporter.index.byCode[e.code] }.map(\.key)
                let best = spellings.map { Exporter.editDistance(t, Array($0.lowercased()), bound: 10) }.min() ?? 99
                #expect(best <= allowed, "\(text) → \(e.code) at distance \(best)")
            }
        }
    }

    @Test("edit distance counts a swap of neighbours as one")
    func distance() {
        func d(_ a: String, _ b: String) -> Int { Exporter.editDistance(Array(a), Array(b), bound: 10) }
        #expect(d("jnp", "jpn") == 1)
        #expect(d("grmany", "germany") == 1)
        #expect(d("kitten", "sitting") == 3)
        #expect(d("", "abc") == 3)
        #expect(d("abc", "abc") == 0)
        #expect(Exporter.editDistance(Array("aaaaaa"), Array("bbbbbb"), bound: 2) == 3)  // gave up past the bound
    }

    @Test("one sentence for every front door, naming the suggestion")
    func message() {
        #expect(
            Exporter.notFoundMessage("JNP")
                == "\"JNP\" is not a known exporter (an ISO 3166-1 alpha-3 code, an English name or a UN M49 number); did you mean JPN (Japan)?"
        )
        #expect(Exporter.didYouMean("Atlantis") == "")
        #expect(Exporter.notFoundMessage(String(repeating: "x", count: 100)).count < 200)
    }

    @Test("the tidy and wide importers' rejections suggest the exporter")
    func importers() throws {
        let tidy = "exporter,period,metric,value\nJNP,2023,units,1\nCHN,2023,units,2\n"
        let (_, report) = try Importer.read(tidy, format: .tidy, options: ImportOptions(policy: .lenient))
        #expect(report.rejections.count == 1)
        #expect(report.rejections.first?.detail.contains("did you mean JPN (Japan)?") == true)
        let wide = "exporter,2022,2023\nGrmany,1,2\nChina,3,4\n"
        let (_, wideReport) = try Importer.read(wide, format: .wide, options: ImportOptions(policy: .lenient))
        #expect(wideReport.rejections.first?.detail.contains("did you mean DEU (Germany)?") == true)
    }

    @Test("a list of exporters names the suggestion too")
    func list() {
        #expect(throws: ExporterListError.unknown("JNP")) { try Exporter.parseList("CHN,JNP") }
        #expect(Exporter.didYouMean("JNP") == "; did you mean JPN (Japan)?")
    }
}
