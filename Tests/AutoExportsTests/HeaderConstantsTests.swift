import CAutoExports
import Testing

@testable import AutoExports

/// The C header's pinned constants and the Swift enums' raw values must agree: the ABI
/// layer passes raw values straight through.
@Suite("Header constants")
struct HeaderConstantsTests {
    @Test("AEX_SEGMENT_* equal Segment raw values")
    func segments() {
        let pairs: [(Segment, Int32)] = [
            (.total, AEX_SEGMENT_TOTAL), (.bev, AEX_SEGMENT_BEV), (.phev, AEX_SEGMENT_PHEV),
            (.fcev, AEX_SEGMENT_FCEV), (.hev, AEX_SEGMENT_HEV), (.ice, AEX_SEGMENT_ICE),
            (.other, AEX_SEGMENT_OTHER), (.nev, AEX_SEGMENT_NEV), (.plugin, AEX_SEGMENT_PLUGIN),
            (.conventional, AEX_SEGMENT_CONVENTIONAL),
        ]
        #expect(pairs.count == Segment.allCases.count)
        for (s, c) in pairs { #expect(s.rawValue == c, "\(s)") }
    }

    @Test("AEX_GRANULARITY_*, AEX_RANK_*, AEX_ORDER_*, AEX_MISSING_* equal the raw values")
    func enums() {
        #expect(Granularity.year.rawValue == AEX_GRANULARITY_YEAR)
        #expect(Granularity.quarter.rawValue == AEX_GRANULARITY_QUARTER)
        #expect(Granularity.month.rawValue == AEX_GRANULARITY_MONTH)
        #expect(Granularity.half.rawValue == AEX_GRANULARITY_HALF)
        #expect(Granularity.fiscalYear(start: Int(AEX_FISCAL_YEAR_START_DEFAULT)) == Granularity(name: "fy"))
        #expect(PercentRankConvention.excel.rawValue == AEX_CONVENTION_EXCEL)
        #expect(PercentRankConvention.calc.rawValue == AEX_CONVENTION_CALC)
        #expect(RankMethod.competition.rawValue == AEX_RANK_COMPETITION)
        #expect(RankMethod.competitionMax.rawValue == AEX_RANK_COMPETITION_MAX)
        #expect(RankMethod.fractional.rawValue == AEX_RANK_FRACTIONAL)
        #expect(RankMethod.dense.rawValue == AEX_RANK_DENSE)
        #expect(RankMethod.ordinal.rawValue == AEX_RANK_ORDINAL)
        #expect(RankOrder.ascending.rawValue == AEX_ORDER_ASCENDING)
        #expect(RankOrder.descending.rawValue == AEX_ORDER_DESCENDING)
        #expect(MissingPolicy.keep.rawValue == AEX_MISSING_KEEP)
        #expect(MissingPolicy.top.rawValue == AEX_MISSING_TOP)
        #expect(MissingPolicy.bottom.rawValue == AEX_MISSING_BOTTOM)
        #expect(RankScale.rank.rawValue == AEX_SCALE_RANK)
        #expect(RankScale.pct.rawValue == AEX_SCALE_PCT)
        #expect(RankScale.percentRank.rawValue == AEX_SCALE_PERCENT_RANK)
        #expect(RankScale.cumeDist.rawValue == AEX_SCALE_CUME_DIST)
    }

    @Test("the header's version macros equal the core's version")
    func version() {
        #expect(Int(AEX_VERSION_MAJOR) == AutoExportsVersion.major)
        #expect(Int(AEX_VERSION_MINOR) == AutoExportsVersion.minor)
        #expect(Int(AEX_VERSION_PATCH) == AutoExportsVersion.patch)
    }
}
