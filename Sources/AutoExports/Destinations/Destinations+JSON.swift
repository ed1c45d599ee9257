extension SeriesKey {
    /// `attributionJSON` with the partner: `{"exporter":"CHN","name":"China","partner":"RUS",…}`.
    var destinationJSON: JSON {
        .object([
            ("exporter", .string(exporter.code)), ("name", .string(exporter.name)),
            ("partner", .string(partner.code)), ("partner_name", .string(partner.name)),
            ("segment", .string(segment.description)), ("metric", .string(metric.name)),
            ("source", .string(source)), ("scope", .string(scope)),
        ])
    }
}

extension DestinationExplanation.Line {
    /// Every field of the line as JSON (nil numbers are null).
    public var json: JSON {
        .object([
            ("partner", .string(partner.code)), ("name", .string(label)), ("is_rest_of_world", .bool(isRestOfWorld)),
            ("from", .number(from)), ("to", .number(to)), ("change", .number(change)), ("share", .number(share)),
            ("from_series", fromKey?.destinationJSON ?? .null), ("to_series", toKey?.destinationJSON ?? .null),
            ("from_citation", .string(fromCitation)), ("to_citation", .string(toCitation)),
            ("like_for_like", .bool(likeForLike)), ("in_exact_sum", .bool(inExactSum)), ("note", .string(note)),
            (
                "by_segment",
                .array(
                    bySegment.map { p in
                        .object([
                            ("segment", .string(p.segment.description)), ("from", .number(p.from)),
                            ("to", .number(p.to)),
                            ("change", .number(p.change)), ("share", .number(p.share)), ("derived", .bool(p.derived)),
                        ])
                    })
            ),
        ])
    }
}

extension DestinationExplanation {
    /// Every field and the sentence as JSON; `"kind":"destinations"`.
    ///
    /// - Complexity: O(lines).
    public var json: JSON {
        .object([
            ("kind", .string("destinations")), ("exporter", .string(exporter.code)), ("name", .string(exporter.name)),
            ("metric", .string(metric.name)), ("from", .string(from?.description)), ("to", .string(to.description)),
            ("total", total.destinationJSON), ("total_from", .number(totalFrom)), ("total_to", .number(totalTo)),
            ("total_change", .number(totalChange)),
            ("total_from_citation", .string(totalFromCitation)), ("total_to_citation", .string(totalToCitation)),
            ("lines", .array(lines.map(\.json))), ("unexplained", .number(unexplained)),
            ("warnings", .array(warnings.map { .string($0) })), ("sentence", .string(sentence)),
        ])
    }
}

extension MarketCounterfactual {
    /// Every field and the sentence as JSON; `"kind":"market_counterfactual"`.
    ///
    /// - Complexity: O(1).
    public var json: JSON {
        .object([
            ("kind", .string("market_counterfactual")), ("subject", subject.destinationJSON),
            ("rival", rival.destinationJSON), ("partner", .string(partner.code)),
            ("partner_name", .string(partner.name)),
            ("period", .string(period.description)), ("previous", .string(previous.description)),
            ("subject_value", .number(subjectValue)), ("rival_value", .number(rivalValue)), ("ahead", .bool(ahead)),
            ("partner_growth", .number(partnerGrowth)), ("subject_without", .number(subjectWithout)),
            ("overtakes_without", overtakesWithout.map { .bool($0) } ?? .null), ("caveat", .string(caveat)),
            ("line", line?.json ?? .null), ("sentence", .string(sentence)),
        ])
    }
}
