/// One milestone with the data that prove it and its sentence (docs/design.md §4).
///
///     // the headline event on the reference data (units, default options)
///     m.kind           // .overtake
///     m.period         // 2023
///     m.subject        // CHN;  m.rival: JPN
///     m.value          // 4910000;  m.rivalValue: 4422682
///     m.since          // 2022 (the last strictly ordered period): 3110000 vs 3813269
///     m.crossing       // 2022.59…, "around 2022.6"
///     m.sentence       // "2023: China (4.91M) overtook Japan (4.42M) to become the largest
///                      //  vehicle exporter (units; CAAM vs JAMA, all vehicles)"
///
/// Numbers that do not apply to a kind are NaN; optional fields are nil.
public struct Milestone: Hashable, Sendable, CustomStringConvertible {
    public var kind: MilestoneKind
    /// The period of the event.
    public var period: Period
    /// How the period is written: `2023`, or `2023-01/2023-05` for year-to-date figures.
    public var periodLabel: String
    /// Who the event is about.
    public var subject: Exporter
    /// The other exporter: the one passed (overtake), the previous leader (new leader, lead
    /// change); nil for the other kinds.
    public var rival: Exporter?
    public var metric: Metric
    public var segment: Segment
    /// The subject's value in `period` (for a share threshold: the share, 0…1).
    public var value: Double
    /// The rival's value in `period`.
    public var rivalValue: Double = .nan
    /// The earlier period the event is measured against: the last strictly ordered period
    /// (overtake), the previous period (leaders, thresholds, top N), the period of the
    /// previous record, the period before the streak began.
    public var since: Period?
    /// The subject's value in `since`.
    public var valueSince: Double = .nan
    /// The rival's value in `since`.
    public var rivalValueSince: Double = .nan
    /// For an overtake: when the two crossed, interpolated linearly between `since` and
    /// `period`, as a decimal year (2022.59 = "around 2022.6").
    public var crossing: Double = .nan
    /// For a threshold: the level crossed (a share for share thresholds).
    public var level: Double = .nan
    /// For a threshold: the level is a share of the subject's total (e.g. NEV share).
    public var isShare = false
    /// The subject's rank in `period` (competition ranking, largest first; 0 = none).
    public var rank = 0
    /// For a streak: its length when reported (the k of the options); for top N: N.
    public var streak = 0
    /// For a streak: the length of the whole run it belongs to, as far as the data go.
    public var runLength = 0
    /// For a leader: never #1 in any earlier period of the data.
    public var firstTime = false
    /// The comparison was carried across a missing figure (only with gap bridging on).
    public var bridged = false
    /// The subject's and rival's series count different things (scopes differ).
    public var scopeWarning = false
    /// The first period with a figure of the subject's series: "first time" means first
    /// time within the data, which for the subject start here.
    public var dataStart: Period?
    /// The subject's series (exporter, segment, metric, source, scope).
    public var subjectSeries: SeriesKey
    /// The rival's series.
    public var rivalSeries: SeriesKey?
    /// One plain sentence.
    public var sentence: String = ""

    /// A milestone from its fields.
    ///
    /// - Complexity: O(1).
    public init(
        kind: MilestoneKind, period: Period, periodLabel: String? = nil, subject: Exporter,
        rival: Exporter? = nil, metric: Metric, segment: Segment, value: Double,
        subjectSeries: SeriesKey, rivalSeries: SeriesKey? = nil
    ) {
        self.kind = kind
        self.period = period
        self.periodLabel = periodLabel ?? period.description
        self.subject = subject
        self.rival = rival
        self.metric = metric
        self.segment = segment
        self.value = value
        self.subjectSeries = subjectSeries
        self.rivalSeries = rivalSeries
    }

    /// The sentence.
    public var description: String { sentence }

    // NaN != NaN would make equal milestones unequal: compare the JSON form.
    public static func == (a: Milestone, b: Milestone) -> Bool { a.json == b.json }
    public func hash(into h: inout Hasher) { h.combine(json) }

    /// The milestone as a JSON object (NaN numbers and nil fields are null).
    ///
    /// - Complexity: O(1).
    public var json: JSON {
        .object([
            ("kind", .string(kind.description)),
            ("period", .string(periodLabel)),
            ("subject", .string(subject.code)),
            ("subject_name", .string(subject.name)),
            ("rival", .string(rival?.code)),
            ("rival_name", .string(rival?.name)),
            ("metric", .string(metric.name)),
            ("segment", .string(segment.description)),
            ("value", .number(value)),
            ("rival_value", .number(rivalValue)),
            ("since", .string(since?.description)),
            ("value_since", .number(valueSince)),
            ("rival_value_since", .number(rivalValueSince)),
            ("crossing", .number(crossing)),
            ("level", .number(level)),
            ("is_share", .bool(isShare)),
            ("rank", rank > 0 ? .number(Double(rank)) : .null),
            ("streak", streak > 0 ? .number(Double(streak)) : .null),
            ("run_length", runLength > 0 ? .number(Double(runLength)) : .null),
            ("first_time", .bool(firstTime)),
            ("bridged", .bool(bridged)),
            ("scope_warning", .bool(scopeWarning)),
            ("data_start", .string(dataStart?.description)),
            ("subject_source", .string(subjectSeries.source)),
            ("subject_scope", .string(subjectSeries.scope)),
            ("rival_source", .string(rivalSeries?.source)),
            ("rival_scope", .string(rivalSeries?.scope)),
            ("sentence", .string(sentence)),
        ])
    }
}

/// A change that is not a milestone because it comes from coverage: a series starting,
/// ending or skipping a period (docs/design.md §4).
///
///     note.sentence   // "2019: Japan's series (JAMA, all vehicles) starts; ranks that
///                     //  change only because of it are not milestones."
public struct CoverageNote: Hashable, Sendable, CustomStringConvertible {
    public var kind: CoverageNoteKind
    public var period: Period
    public var periodLabel: String
    public var exporter: Exporter
    /// The other exporter involved, if any.
    public var other: Exporter?
    public var sentence: String

    /// A coverage note from its fields.
    ///
    /// - Complexity: O(1).
    public init(
        kind: CoverageNoteKind, period: Period, periodLabel: String? = nil,
        exporter: Exporter, other: Exporter? = nil, sentence: String
    ) {
        self.kind = kind
        self.period = period
        self.periodLabel = periodLabel ?? period.description
        self.exporter = exporter
        self.other = other
        self.sentence = sentence
    }

    public var description: String { sentence }

    /// The note as a JSON object.
    public var json: JSON {
        .object([
            ("kind", .string(kind.description)), ("period", .string(periodLabel)),
            ("exporter", .string(exporter.code)), ("other", .string(other?.code)),
            ("sentence", .string(sentence)),
        ])
    }
}
