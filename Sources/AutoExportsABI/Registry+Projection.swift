import AutoExports
import CAutoExports

// Registry entries of the header section "Projection".
extension RegistrySection {
    static let projection = RegistrySection("Projection", [
        RegistryEntry(
            "aex_trend_fit_values", "Fit a trend model (every parameter estimated) to the last values of a series.",
            example: "995000,2015000,3110000,4910000,5859000,7098000 2020 log-linear 0",
            params: [
                .outHandle("out_fit", "aex_trend_fit **", "the new fit; free it with aex_trend_fit_free"),
                .doubleArray("values", length: "n", "the series, oldest first, one value per consecutive period"),
                .int64("first_period", "the number of values[0], e.g. 2019"),
                .int32("model", "the trend model (AEX_TREND_*)", allowed: .cases(of: TrendKind.self), default: "1"),
                .int64("window", "fit at most the last window values; 0 fits them all", default: "0"),
            ]),
        RegistryEntry(
            "aex_trend_fit_holt", "Fit Holt's linear trend (optionally damped) with some parameters given (NaN = estimate).",
            example: "10,12,13,15,18,19,22 2019 0 1 nan nan nan nan nan",
            params: [
                .outHandle("out_fit", "aex_trend_fit **", "the new fit; free it with aex_trend_fit_free"),
                .doubleArray("values", length: "n", "the series, oldest first, one value per consecutive period"),
                .int64("first_period", "the number of values[0], e.g. 2019"),
                .int64("window", "fit at most the last window values; 0 fits them all", default: "0"),
                .int32("damped", "1 for a damped trend, 0 for Holt's linear trend", range: 0...1, default: "0"),
                .double("smoothing_level", "alpha, or NaN to estimate it", default: "nan"),
                .double("smoothing_trend", "beta, or NaN to estimate it", default: "nan"),
                .double("damping_trend", "phi (damped only), or NaN to estimate it", default: "nan"),
                .double("initial_level", "l0, or NaN to estimate it", default: "nan"),
                .double("initial_trend", "b0, or NaN to estimate it", default: "nan"),
            ]),
        RegistryEntry(
            "aex_trend_fit_free", "Release a fit (NULL is a no-op).", flags: .threadSafe, example: "NULL",
            params: [.handle("fit", "aex_trend_fit *", "the fit to release", nullable: true)]),
        RegistryEntry(
            "aex_trend_fit_get", "One scalar fact of a fit (NaN where the model has no such parameter).",
            example: "NULL cagr",
            params: [
                .outDouble("out_value", "the value"),
                .handle("fit", "const aex_trend_fit *", "the fit"),
                .int32("field", "which fact (AEX_TREND_FIELD_*)", allowed: .cases(of: TrendFit.Field.self)),
            ]),
        RegistryEntry(
            "aex_trend_fit_fitted", "The model's in-sample values, one per fitted period.", example: "8 NULL",
            params: [
                .outBuffer("out_values", of: .double, length: "capacity", "the in-sample values"),
                .outInt64("out_count", "the number of fitted periods"),
                .handle("fit", "const aex_trend_fit *", "the fit"),
            ]),
        RegistryEntry(
            "aex_trend_forecast", "One part (mean, lower, upper) of a fit's forecast for the next horizon periods.",
            example: "10 NULL mean 0.95",
            params: [
                .outBuffer("out_values", of: .double, length: "horizon", "one value per forecast period"),
                .handle("fit", "const aex_trend_fit *", "the fit"),
                .int32("part", "which part (AEX_FORECAST_*)", allowed: .cases(of: Forecast.Part.self), default: "0"),
                .double("level", "the prediction-interval level", range: 0...1, default: "0.95"),
            ]),
        RegistryEntry(
            "aex_trend_fit_json", "The fit as JSON, with its forecast when horizon > 0.", example: "4096 NULL 10 0.95",
            params: [
                .outBuffer("out_json", of: .utf8, length: "capacity", "the JSON text and a NUL"),
                .outInt64("out_length", "the text's length in bytes without the NUL"),
                .handle("fit", "const aex_trend_fit *", "the fit"),
                .int64("horizon", "forecast periods to include; 0 for none", range: 0...1000, default: "0"),
                .double("level", "the prediction-interval level", range: 0...1, default: "0.95"),
            ]),
        RegistryEntry(
            "aex_crossover_project", "When a subject's forecast first exceeds a rival's, with the interval of crossing periods.",
            example: "NULL NULL 10 0.95",
            params: [
                .outHandle("out_crossover", "aex_crossover **", "the new crossover; free it with aex_crossover_free"),
                .handle("subject", "const aex_trend_fit *", "the series that would overtake"),
                .handle("rival", "const aex_trend_fit *", "the series to overtake"),
                .int64("horizon", "periods after the origin to examine", range: 1...1000, default: "10"),
                .double("level", "the prediction-interval level", range: 0...1, default: "0.95"),
            ]),
        RegistryEntry(
            "aex_crossover_free", "Release a crossover (NULL is a no-op).", flags: .threadSafe, example: "NULL",
            params: [.handle("crossover", "aex_crossover *", "the crossover to release", nullable: true)]),
        RegistryEntry(
            "aex_crossover_get", "One scalar fact of a crossover (NaN for an absent period).", example: "NULL period",
            params: [
                .outDouble("out_value", "the value"),
                .handle("crossover", "const aex_crossover *", "the crossover"),
                .int32("field", "which fact (AEX_CROSSOVER_FIELD_*)", allowed: .cases(of: ProjectedCrossover.Field.self)),
            ]),
        RegistryEntry(
            "aex_crossover_forecast", "One part of one side's forecast over the crossover's horizon.",
            example: "10 NULL subject mean",
            params: [
                .outBuffer("out_values", of: .double, length: "horizon", "one value per compared period"),
                .handle("crossover", "const aex_crossover *", "the crossover"),
                .int32("side", "AEX_CROSSOVER_SUBJECT or AEX_CROSSOVER_RIVAL", allowed: .cases(of: ProjectedCrossover.Side.self)),
                .int32("part", "which part (AEX_FORECAST_*)", allowed: .cases(of: Forecast.Part.self), default: "0"),
            ]),
        RegistryEntry(
            "aex_crossover_json", "The crossover as JSON: every field, a sentence and both forecasts.", example: "4096 NULL",
            params: [
                .outBuffer("out_json", of: .utf8, length: "capacity", "the JSON text and a NUL"),
                .outInt64("out_length", "the text's length in bytes without the NUL"),
                .handle("crossover", "const aex_crossover *", "the crossover"),
            ]),
    ])
}
