import CAutoExports
import Testing

@testable import AutoExports

/// The core's vocabulary (the names every host reads through aex_vocabulary_*) against the
/// header's constants and the core's own parsers; and the one treatment of exporter lists.
@Suite("Vocabulary")
struct VocabularyTests {
    @Test("values are 0..count-1 (granularities: their codes) and names round-trip through parse")
    func roundTrip() {
        for v in Vocabulary.allCases {
            #expect(v.values.count == v.names.count)
            for (i, name) in v.names.enumerated() {
                let value = v.values[i]
                #expect(v == .granularity || value == Int32(i), "\(v): values are positions")
                #expect(v.parse(name) == value, "\(v) \(name)")
                #expect(v.parse(" \(name.uppercased()) ") == value, "\(v) \(name)")
                #expect(v.name(of: value) == name)
                #expect(v.name(of: Int32(i)) == name, "a position names the value there")
            }
            #expect(v.name(of: -1) == nil && v.name(of: 999) == nil)
        }
    }

    @Test("granularities are named and parsed by their AEX_GRANULARITY_* codes")
    func granularityCodes() {
        let g = Vocabulary.granularity
        #expect(g.parse("ytd_05") == 105 && g.name(of: 105) == "ytd_05")
        #expect(g.parse("fy@04") == 204 && g.name(of: 204) == "fy@04")
        #expect(g.parse("half") == AEX_GRANULARITY_HALF)
        for code in g.values { #expect(Granularity(rawValue: code) != nil) }
    }

    @Test("names follow the header's constants and the core's enums")
    func constants() {
        #expect(Vocabulary.segment.parse("plugin") == AEX_SEGMENT_PLUGIN)
        #expect(Vocabulary.segment.parse("EV") == AEX_SEGMENT_PLUGIN)
        #expect(Vocabulary.segment.names.count == Segment.allCases.count)
        #expect(Vocabulary.rankMethod.parse("rank.avg") == AEX_RANK_FRACTIONAL)
        #expect(Vocabulary.rankMethod.names.count == RankMethod.allCases.count)
        #expect(Vocabulary.rankScale.names.count == RankScale.allCases.count)
        #expect(Vocabulary.missingPolicy.names.count == MissingPolicy.allCases.count)
        #expect(Vocabulary.milestoneKind.parse("first_time_leader") == AEX_MILESTONE_FIRST_TIME_LEADER)
        #expect(Vocabulary.noteKind.parse("pending_confirmation") == AEX_NOTE_PENDING_CONFIRMATION)
        #expect(Vocabulary.milestoneIntField.parse("data_start") == AEX_MILESTONE_INT_DATA_START)
        #expect(Vocabulary.milestoneNumberField.parse("rival_value_since") == AEX_MILESTONE_NUM_RIVAL_VALUE_SINCE)
        #expect(Vocabulary.milestoneTextField.parse("rival_name") == AEX_MILESTONE_TEXT_RIVAL_NAME)
        #expect(Vocabulary.granularity.parse("quarterly") == AEX_GRANULARITY_QUARTER)
        #expect(Vocabulary.segment.parse("atlantis") == nil)
    }

    @Test("exporter lists: one treatment of empty lists and items")
    func exporterLists() throws {
        #expect(try Exporter.parseList(" chn, Japan,276,CHN").map(\.code) == ["CHN", "JPN", "DEU"])
        #expect(throws: ExporterListError.empty) { try Exporter.parseList("") }
        #expect(throws: ExporterListError.empty) { try Exporter.parseList(" , ") }
        #expect(throws: ExporterListError.emptyItem(position: 2)) { try Exporter.parseList("CHN,,JPN") }
        #expect(throws: ExporterListError.emptyItem(position: 2)) { try Exporter.parseList("CHN,") }
        #expect(throws: ExporterListError.unknown("Atlantis")) { try Exporter.parseList("CHN, Atlantis") }
    }
}
