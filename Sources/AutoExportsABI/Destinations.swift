import AutoExports
import CAutoExports

// Destination markets (issue 19) in the C API: aex_explain_destinations and
// aex_explain_market_overtake (section "Explain"), aex_league_table_markets (section
// "League tables"), aex_milestones_find_markets (section "Milestones"). Validates, converts, calls the core (Sources/AutoExports/Destinations:
// Panel.explainDestinations, explainMarketOvertake; Panel.leagueTable(marketsOf:)) and maps
// its errors; computes nothing itself.

/// The metric argument of an explanation (NULL: units).
func explainMetric(_ metric: UnsafePointer<CChar>?) throws(ABIError) -> Metric {
    metric == nil ? .units : try checkMetric(metric, "metric")
}

@c @implementation
public func aex_explain_destinations(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ panel: OpaquePointer!, _ exporter: UnsafePointer<CChar>!, _ from_period: Int32, _ to_period: Int32,
    _ metric: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_explain_destinations") { () throws(ABIError) in
        let e = try checkExporter(exporter, "exporter")
        let from: Period? = from_period == AEX_NO_PERIOD ? nil : try checkPeriodCode(from_period, "from_period")
        let to = try checkPeriodCode(to_period, "to_period")
        let m = try explainMetric(metric)
        let key = "destinations \(e.code) \(from_period) \(to_period) \(m)"
        try writeExplanation(panel, key: key, into: out_json, capacity: capacity, length: out_length) {
            () throws(ABIError) in
            let object = try Handles.get(panel, "panel", as: PanelObject.self)
            return try object.read { (p) throws(ABIError) -> String in
                // explainDestinations completes the panel's derived segments.
                try ensureCompletingSegmentsMemory(p, for: explainedPanel(p))
                return try attributing { () throws(AttributionError) in
                    try p.explainDestinations(of: e, from: from, to: to, metric: m)
                }.json.rendered
            }
        }
    }
}

@c @implementation
public func aex_explain_market_overtake(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ panel: OpaquePointer!, _ subject: UnsafePointer<CChar>!, _ rival: UnsafePointer<CChar>!,
    _ partner: UnsafePointer<CChar>!, _ period: Int32, _ metric: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_explain_market_overtake") { () throws(ABIError) in
        let a = try checkExporter(subject, "subject"), b = try checkExporter(rival, "rival")
        let market = try checkExporter(partner, "partner")
        let t = try checkPeriodCode(period, "period")
        let m = try explainMetric(metric)
        let key = "market_overtake \(a.code) \(b.code) \(market.code) \(period) \(m)"
        try writeExplanation(panel, key: key, into: out_json, capacity: capacity, length: out_length) {
            () throws(ABIError) in
            let object = try Handles.get(panel, "panel", as: PanelObject.self)
            return try object.read { (p) throws(ABIError) -> String in
                // explainMarketOvertake completes the panel's derived segments (in its
                // Explainer and in explainDestinations; measured: the peak of one).
                try ensureCompletingSegmentsMemory(p, for: explainedPanel(p))
                return try attributing { () throws(AttributionError) in
                    try p.explainMarketOvertake(subject: a, rival: b, without: market, period: t, metric: m)
                }.json.rendered
            }
        }
    }
}

@c @implementation
public func aex_league_table_markets(
    _ out_table: UnsafeMutablePointer<OpaquePointer?>!, _ panel: OpaquePointer!, _ exporter: UnsafePointer<CChar>!,
    _ period: Int32, _ metric: UnsafePointer<CChar>!, _ segment: Int32, _ basis: Int32, _ top: Int64,
    _ method: Int32
) -> Int32 {
    guarded("aex_league_table_markets") { () throws(ABIError) in
        let out = try checkHandleOutput(out_table, "out_table")
        let e = try checkExporter(exporter, "exporter")
        let metricText = try checkText(metric, "metric")
        guard let m = Metric(name: metricText) else {
            throw ABIError(
                status: AEX_E_PARSE, message: "metric \"\(metricText)\" is not units or a three-letter currency code")
        }
        guard let p = Period(code: period) else {
            throw ABIError(status: AEX_E_PARSE, message: "period \(period) is not a period code (YYYY, YYYYQ, YYYYMM)")
        }
        let seg = try checkEnum(segment, "segment", as: Segment.self)
        // SHARE_OF: a market's share of the exporter's own total (its WLD series).
        let b = basis == AEX_BASIS_SHARE_OF ? LeagueBasis.shareOf(.world) : try leagueBasis(basis, reference: nil)
        if top < 0 { throw .range("top is negative (\(top)); 0 means every row") }
        let meth = try checkEnum(method, "method", as: RankMethod.self)
        let source = try Handles.get(panel, "panel", as: PanelObject.self)
        let table: LeagueTable = try source.read { (panel) throws(ABIError) -> LeagueTable in
            let data = try leagueTableData(panel, segment: seg)
            try ensureLeagueTableMemory(
                data, period: p, metric: m, segment: seg, basis: b, exporters: nil, marketsOf: e)
            do throws(RankingError) {
                return try data.leagueTable(
                    period: p, metric: m, segment: seg, by: b,
                    top: top == 0 ? nil : Int(clamping: top), method: meth, marketsOf: e)
            } catch {
                throw error.abi
            }
        }
        out.pointee = try Handles.make(LeagueTableObject(table))
    }
}

@c @implementation
public func aex_milestones_find_markets(
    _ out_list: UnsafeMutablePointer<OpaquePointer?>!, _ panel: OpaquePointer!, _ markets_of: UnsafePointer<CChar>!,
    _ options: UnsafePointer<aex_milestone_options>!
) -> Int32 {
    guarded("aex_milestones_find_markets") { () throws(ABIError) in
        let out = try checkHandleOutput(out_list, "out_list")
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        let e = try checkExporter(markets_of, "markets_of")
        var o = try milestoneOptions(options)
        o.marketsOf = e
        let report = try p.read { (panel) throws(ABIError) -> MilestoneReport in
            try ensureMilestonesMemory(panel, o)
            do throws(MilestoneError) {
                return try panel.milestones(o)
            } catch {
                switch error {
                case .option(let s): throw .invalid("options: \(s)")
                case .notFound(let s): throw ABIError(status: AEX_E_NOT_FOUND, message: s)
                }
            }
        }
        out.pointee = try Handles.make(MilestonesObject(report))
    }
}
