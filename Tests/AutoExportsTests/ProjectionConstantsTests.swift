import CAutoExports
import Testing

@testable import AutoExports

/// The Projection section's pinned constants equal the core enums' raw values (the ABI
/// passes them straight through).
@Suite("Projection header constants")
struct ProjectionConstantsTests {
    @Test("AEX_TREND_*, AEX_FORECAST_*, AEX_CROSSOVER_SUBJECT/RIVAL")
    func kinds() {
        #expect(TrendKind.linear.rawValue == AEX_TREND_LINEAR)
        #expect(TrendKind.logLinear.rawValue == AEX_TREND_LOG_LINEAR)
        #expect(TrendKind.holt.rawValue == AEX_TREND_HOLT)
        #expect(TrendKind.allCases.count == 3)
        #expect(Int(AEX_TREND_MAX_HORIZON) == TrendModel.maximumHorizon)
        #expect(Forecast.Part.mean.rawValue == AEX_FORECAST_MEAN)
        #expect(Forecast.Part.lower.rawValue == AEX_FORECAST_LOWER)
        #expect(Forecast.Part.upper.rawValue == AEX_FORECAST_UPPER)
        #expect(ProjectedCrossover.Side.subject.rawValue == AEX_CROSSOVER_SUBJECT)
        #expect(ProjectedCrossover.Side.rival.rawValue == AEX_CROSSOVER_RIVAL)
    }

    @Test("AEX_TREND_FIELD_* equal TrendFit.Field")
    func trendFields() {
        let pairs: [(TrendFit.Field, Int32)] = [
            (.model, AEX_TREND_FIELD_MODEL), (.damped, AEX_TREND_FIELD_DAMPED), (.count, AEX_TREND_FIELD_COUNT),
            (.firstPeriod, AEX_TREND_FIELD_FIRST_PERIOD), (.lastPeriod, AEX_TREND_FIELD_LAST_PERIOD),
            (.sse, AEX_TREND_FIELD_SSE), (.sigma2, AEX_TREND_FIELD_SIGMA2), (.intercept, AEX_TREND_FIELD_INTERCEPT),
            (.slope, AEX_TREND_FIELD_SLOPE), (.cagr, AEX_TREND_FIELD_CAGR),
            (.smoothingLevel, AEX_TREND_FIELD_SMOOTHING_LEVEL), (.smoothingTrend, AEX_TREND_FIELD_SMOOTHING_TREND),
            (.dampingTrend, AEX_TREND_FIELD_DAMPING_TREND), (.initialLevel, AEX_TREND_FIELD_INITIAL_LEVEL),
            (.initialTrend, AEX_TREND_FIELD_INITIAL_TREND), (.finalLevel, AEX_TREND_FIELD_FINAL_LEVEL),
            (.finalTrend, AEX_TREND_FIELD_FINAL_TREND),
        ]
        #expect(pairs.count == TrendFit.Field.allCases.count)
        for (f, c) in pairs { #expect(f.rawValue == c, "\(f)") }
    }

    @Test("AEX_CROSSOVER_FIELD_* equal ProjectedCrossover.Field")
    func crossoverFields() {
        let pairs: [(ProjectedCrossover.Field, Int32)] = [
            (.found, AEX_CROSSOVER_FIELD_FOUND), (.period, AEX_CROSSOVER_FIELD_PERIOD),
            (.earliest, AEX_CROSSOVER_FIELD_EARLIEST), (.latest, AEX_CROSSOVER_FIELD_LATEST),
            (.crossingPoint, AEX_CROSSOVER_FIELD_CROSSING_POINT), (.origin, AEX_CROSSOVER_FIELD_ORIGIN),
            (.horizon, AEX_CROSSOVER_FIELD_HORIZON), (.level, AEX_CROSSOVER_FIELD_LEVEL),
            (.subjectAheadAtOrigin, AEX_CROSSOVER_FIELD_SUBJECT_AHEAD_AT_ORIGIN),
            (.gapAtOrigin, AEX_CROSSOVER_FIELD_GAP_AT_ORIGIN),
        ]
        #expect(pairs.count == ProjectedCrossover.Field.allCases.count)
        for (f, c) in pairs { #expect(f.rawValue == c, "\(f)") }
    }
}
