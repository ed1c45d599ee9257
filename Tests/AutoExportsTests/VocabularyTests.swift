import CAutoExports
import Testing
@testable import AutoExports

/// The core's vocabulary (the names every host reads through aex_vocabulary_*) against the
/// header's constants and the core's own parsers; and the one treatment of exporter lists.
@Suite("Vocabulary")
struct VocabularyTests {
    @Test("values are 0..count-1 and names round-trip through parse")
    func roundTrip() {
        for v in Vocabulary.allCases {
            for (i, name) in v.names.enumerated() {
                #expect(v.parse(name) == Int32(i), "\(v) \(name)")
                #expect(v.parse(" \(name.uppercased()) ") == Int32(i), "\(v) \(name)")
                #expect(v.name(of: Int32(i)) == name)
            }
            #expect(v.name(of: -1) == nil && v.name(of: Int32(v.names.count)) == nil)
        }
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
