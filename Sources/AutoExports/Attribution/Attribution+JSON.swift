extension SeriesKey {
    /// `{"exporter":"CHN","name":"China","segment":"total","metric":"units","source":"CAAM","scope":"all_vehicles"}`.
    var attributionJSON: JSON {
        .object([
            ("exporter", .string(exporter.code)), ("name", .string(exporter.name)),
            ("segment", .string(segment.description)), ("metric", .string(metric.name)),
            ("source", .string(source)), ("scope", .string(scope)),
        ])
    }
}

extension ChangeDecomposition {
    /// Every number of the decomposition and its sentence as JSON.
    ///
    /// - Complexity: O(parts).
    public var json: JSON {
        .object([
            ("kind", .string("change")), ("series", series.attributionJSON),
            ("from", .string(from.description)), ("to", .string(to.description)),
            ("total_from", .number(totalFrom)), ("total_to", .number(totalTo)), ("total_change", .number(totalChange)),
            (
                "parts",
                .array(
                    parts.map { p in
                        .object([
                            ("segment", .string(p.segment.description)), ("from", .number(p.from)),
                            ("to", .number(p.to)),
                            ("change", .number(p.change)), ("share", .number(p.share)), ("derived", .bool(p.derived)),
                        ])
                    })
            ),
            ("unexplained", .number(unexplained)), ("ev_group", .string(evGroup.description)),
            ("ev_change", .number(evChange)), ("ev_share", .number(evShare)), ("sentence", .string(sentence)),
        ])
    }
}

extension GapDecomposition {
    /// Every number of the decomposition and its sentence as JSON.
    ///
    /// - Complexity: O(parts).
    public var json: JSON {
        .object([
            ("kind", .string("gap")), ("subject", subject.attributionJSON), ("rival", rival.attributionJSON),
            ("from", .string(from.description)), ("to", .string(to.description)),
            ("gap_from", .number(gapFrom)), ("gap_to", .number(gapTo)), ("gap_change", .number(gapChange)),
            (
                "parts",
                .array(
                    parts.map { p in
                        .object([
                            ("segment", .string(p.segment.description)), ("subject_change", .number(p.subjectChange)),
                            ("rival_change", .number(p.rivalChange)), ("contribution", .number(p.contribution)),
                        ])
                    })
            ),
            ("rival_split", .bool(rivalSplit)), ("rival_change", .number(rivalChange)),
            ("unexplained", .number(unexplained)), ("ev_group", .string(evGroup.description)),
            ("ev_contribution", .number(evContribution)), ("ev_share", .number(evShare)),
            ("sentence", .string(sentence)),
        ])
    }
}

extension OvertakeExplanation {
    /// Every number of the explanation, both counterfactuals, the flags and the sentence as JSON.
    ///
    /// - Complexity: O(1).
    public var json: JSON {
        func cf(_ c: Counterfactual) -> JSON {
            .object([
                ("subject_value", .number(c.subjectValue)), ("margin", .number(c.margin)),
                ("still_ahead", .bool(c.stillAhead)),
            ])
        }
        return .object([
            ("kind", .string("overtake")), ("subject", subject.attributionJSON), ("rival", rival.attributionJSON),
            ("period", .string(period.description)), ("previous", .string(previous.description)),
            ("since", .string(since?.description)), ("is_overtake", .bool(isOvertake)),
            ("subject_value", .number(subjectValue)), ("rival_value", .number(rivalValue)),
            ("subject_previous", .number(subjectPrevious)), ("rival_previous", .number(rivalPrevious)),
            ("margin", .number(margin)), ("ev_group", .string(evGroup.description)),
            ("subject_ev", .number(subjectEV)), ("subject_ev_previous", .number(subjectEVPrevious)),
            ("subject_change", .number(subjectChange)), ("ev_growth", .number(evGrowth)),
            ("ev_share_of_growth", .number(evShareOfGrowth)),
            ("without_ev_exports", cf(withoutEVExports)), ("without_ev_growth", cf(withoutEVGrowth)),
            ("ev_decisive", .bool(evDecisive)), ("ev_growth_decisive", .bool(evGrowthDecisive)),
            ("scopes_differ", .bool(scopesDiffer)), ("sentence", .string(sentence)),
        ])
    }
}

extension PanelCrossover {
    /// Both series, both fits, the crossover (periods as labels too) and the sentence as JSON.
    ///
    /// - Complexity: O(n + horizon).
    public var json: JSON {
        let name: (Int?) -> JSON = { n in .string(n.flatMap { period($0)?.description }) }
        var c = crossover.json(subject: PanelCrossover.label(subject), rival: PanelCrossover.label(rival))
        if case .object(var fields) = c {
            fields.append(("period_label", name(crossover.period)))
            fields.append(("earliest_label", name(crossover.earliest)))
            fields.append(("latest_label", name(crossover.latest)))
            // The horizon asked for; `horizon` is what the fits support (docs/coverage.md).
            fields.append(("requested_horizon", .number(Double(requestedHorizon))))
            c = .object(fields)
        }
        return .object([
            ("kind", .string("projection")), ("subject", subject.attributionJSON), ("rival", rival.attributionJSON),
            ("granularity", .string(granularity.description)),
            ("subject_fit", (try? subjectFit.json()) ?? .null), ("rival_fit", (try? rivalFit.json()) ?? .null),
            ("crossover", c), ("sentence", .string(sentence)),
        ])
    }
}
