/// The library's names, in one place: every closed set of values that a caller may spell
/// as text (segments, rank methods, orders, missing-value policies, percent-rank scales,
/// granularities, milestone kinds and coverage-note kinds) and the names of the fields of
/// a milestone record.
///
/// Each entry has a value (the C ABI's constant: `AEX_SEGMENT_PLUGIN` is 8), a canonical
/// name (the constant's suffix in lower case: `"plugin"`) and the aliases the core's
/// parsers accept (`"ev"`, `"plug-in"`). The command-line tool, the C API
/// (`aex_vocabulary_*`) and through it Python, SQLite and the Calc add-in read these
/// tables instead of keeping copies.
///
///     Vocabulary.segment.parse("EV")          // 8
///     Vocabulary.rankMethod.name(of: 2)       // "fractional"
///     Vocabulary.milestoneKind.names          // ["overtake", "new_leader", ...]
public enum Vocabulary: Int32, CaseIterable, Sendable, CustomStringConvertible {
    case segment = 0
    case rankMethod = 1
    case rankOrder = 2
    case missingPolicy = 3
    case rankScale = 4
    case granularity = 5
    case milestoneKind = 6
    case noteKind = 7
    /// Integer fields of a milestone (`AEX_MILESTONE_INT_*`).
    case milestoneIntField = 8
    /// Number fields of a milestone (`AEX_MILESTONE_NUM_*`); also its JSON keys.
    case milestoneNumberField = 9
    /// Text fields of a milestone (`AEX_MILESTONE_TEXT_*`).
    case milestoneTextField = 10

    /// The vocabulary's own name, e.g. `"rank_method"`.
    public var description: String {
        switch self {
        case .segment: "segment"
        case .rankMethod: "rank_method"
        case .rankOrder: "rank_order"
        case .missingPolicy: "missing_policy"
        case .rankScale: "rank_scale"
        case .granularity: "granularity"
        case .milestoneKind: "milestone_kind"
        case .noteKind: "note_kind"
        case .milestoneIntField: "milestone_int_field"
        case .milestoneNumberField: "milestone_number_field"
        case .milestoneTextField: "milestone_text_field"
        }
    }

    /// The canonical names, in value order (the values are 0, 1, 2, ... in every
    /// vocabulary).
    ///
    /// - Complexity: O(number of entries).
    public var names: [String] {
        switch self {
        case .segment:
            ["total", "bev", "phev", "fcev", "hev", "ice", "other", "nev", "plugin", "conventional"]
        case .rankMethod: ["competition", "competition_max", "fractional", "dense", "ordinal"]
        case .rankOrder: ["ascending", "descending"]
        case .missingPolicy: ["keep", "top", "bottom"]
        case .rankScale: ["rank", "pct", "percent_rank", "cume_dist"]
        // The core's names as identifiers ("half-year" would be "half_year"), as the
        // constants' suffixes are.
        case .granularity:
            Granularity.allCases.sorted { $0.rawValue < $1.rawValue }.map { Vocabulary.identifier($0.description) }
        case .milestoneKind: MilestoneKind.allCases.map(\.description)
        case .noteKind: CoverageNoteKind.allCases.map(\.description)
        case .milestoneIntField:
            ["kind", "period", "since", "rank", "streak", "run_length", "flags", "data_start", "segment"]
        case .milestoneNumberField:
            ["value", "rival_value", "value_since", "rival_value_since", "crossing", "level"]
        case .milestoneTextField:
            [
                "sentence", "subject", "rival", "period", "kind", "subject_source", "subject_scope",
                "rival_source", "rival_scope", "metric", "subject_name", "rival_name",
            ]
        }
    }

    /// A name as an identifier: lower case, "-" and " " as "_".
    static func identifier(_ name: String) -> String {
        String(name.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
    }

    /// The canonical name of `value`, or nil when the vocabulary has no such value.
    ///
    /// - Complexity: O(number of entries).
    public func name(of value: Int32) -> String? {
        let n = names
        if let i = values.firstIndex(of: value) { return n[i] }
        // A position 0..count-1 names the value at that position, so that a host can
        // enumerate every vocabulary the same way (granularity codes are not 0..count-1).
        return value >= 0 && Int(value) < n.count ? n[Int(value)] : nil
    }

    /// The values of the vocabulary, in the order of `names`: 0..count-1, except for
    /// granularities, whose values are their codes (AEX_GRANULARITY_*: 0..3 for year,
    /// quarter, month and half, 101..112 for year-to-date spans, 201..212 for fiscal years).
    ///
    /// - Complexity: O(number of entries).
    public var values: [Int32] {
        switch self {
        case .granularity: Granularity.allCases.map(\.rawValue).sorted()
        default: (0..<Int32(names.count)).map { $0 }
        }
    }

    /// The value of a canonical name or of an alias the core accepts (case-insensitive,
    /// surrounding spaces ignored), or nil.
    ///
    ///     Vocabulary.rankMethod.parse("RANK.EQ")   // 0 (competition)
    ///     Vocabulary.rankMethod.parse("avg")       // 2 (fractional)
    ///
    /// - Complexity: O(number of entries + length of the text).
    public func parse(_ text: String) -> Int32? {
        let t = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()).lowercased()
        if let i = names.firstIndex(of: t) { return values[i] }
        switch self {
        case .segment: return Segment(name: t)?.rawValue
        case .rankMethod: return RankMethod(name: t)?.rawValue
        case .rankOrder:
            switch t {
            case "asc", "ascending", "smallest_first": return RankOrder.ascending.rawValue
            case "desc", "descending", "largest_first": return RankOrder.descending.rawValue
            default: return nil
            }
        case .missingPolicy: return MissingPolicy(name: t)?.rawValue
        case .rankScale: return RankScale(name: t)?.rawValue
        case .granularity: return Granularity(name: t)?.rawValue
        case .milestoneKind: return MilestoneKind(name: t)?.rawValue
        case .noteKind, .milestoneIntField, .milestoneNumberField, .milestoneTextField: return nil
        }
    }
}

extension Exporter {
    /// Parses a comma-separated list of exporter codes, names or UN M49 numbers
    /// (`"CHN, Japan,276"`), the one treatment of such lists for every caller: spaces
    /// around an item are ignored; an empty item (`"CHN,,JPN"`, a trailing comma) and an
    /// empty or blank list are errors, since "every exporter" is said by passing no list
    /// at all; the same exporter twice is kept once, in first-seen order.
    ///
    ///     try Exporter.parseList("chn, Japan")   // [CHN, JPN]
    ///
    /// - Throws: ``ExporterListError`` naming the item.
    /// - Complexity: O(length of the text) lookups.
    public static func parseList(_ text: String) throws(ExporterListError) -> [Exporter] {
        var out: [Exporter] = []
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        if items.allSatisfy({ $0.allSatisfy { $0 == " " } }) { throw .empty }
        for (i, raw) in items.enumerated() {
            let item = String(raw.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            if item.isEmpty { throw .emptyItem(position: i + 1) }
            guard let e = Exporter.resolve(item) else { throw .unknown(item) }
            if !out.contains(e) { out.append(e) }
        }
        return out
    }
}

/// Why a list of exporters was refused (``Exporter/parseList(_:)``).
public enum ExporterListError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The list is empty or blank; to mean every exporter, pass no list.
    case empty
    /// Item `position` (1-based) is empty ("CHN,,JPN").
    case emptyItem(position: Int)
    /// An item is not a known code, name or M49 number.
    case unknown(String)

    /// One sentence, e.g. `unknown exporter "Atlantis"`.
    public var description: String {
        switch self {
        case .empty: "the list of exporters is empty; leave it out to mean every exporter"
        case .emptyItem(let p): "item \(p) of the list of exporters is empty"
        case .unknown(let s): "unknown exporter \"\(s)\""
        }
    }
}
