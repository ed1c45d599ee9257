extension ProjectedCrossover {
    /// The scalar facts of a projected crossover: the C ABI's `AEX_CROSSOVER_FIELD_*`
    /// (raw values pinned). Periods are NaN when absent ("not within the horizon").
    public enum Field: Int32, CaseIterable, Sendable, CustomStringConvertible {
        /// 1 when the subject's forecast exceeds the rival's within the horizon, else 0.
        case found = 0
        case period = 1
        case earliest = 2
        case latest = 3
        case crossingPoint = 4
        case origin = 5
        case horizon = 6
        case level = 7
        /// 1 when the subject was already ahead at the origin, else 0.
        case subjectAheadAtOrigin = 8
        case gapAtOrigin = 9

        /// The snake_case name used in JSON and Python.
        public var description: String {
            switch self {
            case .found: "found"
            case .period: "period"
            case .earliest: "earliest"
            case .latest: "latest"
            case .crossingPoint: "crossing_point"
            case .origin: "origin"
            case .horizon: "horizon"
            case .level: "level"
            case .subjectAheadAtOrigin: "subject_ahead_at_origin"
            case .gapAtOrigin: "gap_at_origin"
            }
        }
    }

    /// Which of the two forecasts: the C ABI's `AEX_CROSSOVER_SUBJECT` / `_RIVAL`.
    public enum Side: Int32, CaseIterable, Sendable {
        case subject = 0
        case rival = 1
    }

    /// One scalar fact as a Double (NaN for an absent period).
    ///
    /// - Complexity: O(1).
    public subscript(field: Field) -> Double {
        switch field {
        case .found: period == nil ? 0 : 1
        case .period: period.map(Double.init) ?? .nan
        case .earliest: earliest.map(Double.init) ?? .nan
        case .latest: latest.map(Double.init) ?? .nan
        case .crossingPoint: crossingPoint ?? .nan
        case .origin: Double(origin)
        case .horizon: Double(horizon)
        case .level: level
        case .subjectAheadAtOrigin: subjectAheadAtOrigin ? 1 : 0
        case .gapAtOrigin: gapAtOrigin
        }
    }

    /// The forecast of one side.
    ///
    /// - Complexity: O(1).
    public subscript(side: Side) -> Forecast {
        side == .subject ? subject : rival
    }

    /// The crossover as JSON: every field (absent periods as null), the sentence with
    /// the given names, and both forecasts.
    ///
    /// - Complexity: O(horizon).
    public func json(subject subjectName: String = "the subject", rival rivalName: String = "the rival") -> JSON {
        var fields: [(String, JSON)] = [("found", .bool(period != nil))]
        fields.append(("period", .number(period.map(Double.init))))
        fields.append(("earliest", .number(earliest.map(Double.init))))
        fields.append(("latest", .number(latest.map(Double.init))))
        fields.append(("crossing_point", .number(crossingPoint)))
        fields.append(("origin", .number(Double(origin))))
        fields.append(("horizon", .number(Double(horizon))))
        fields.append(("level", .number(level)))
        fields.append(("subject_ahead_at_origin", .bool(subjectAheadAtOrigin)))
        fields.append(("gap_at_origin", .number(gapAtOrigin)))
        fields.append(("sentence", .string(sentence(subject: subjectName, rival: rivalName))))
        fields.append(("subject", subject.json))
        fields.append(("rival", rival.json))
        return .object(fields)
    }
}
