/// Writes a panel as JSON: every series with its key and observations.
///
///     {"series":[{"exporter":"CHN","exporter_name":"China","segment":"total",
///       "metric":"units","source":"CAAM","scope":"all_vehicles",
///       "observations":[{"period":"2023","value":4910000,"citation":"https://…"}]}]}
///
/// Values are JSON numbers in their shortest round-trip form (`ValueText`); a missing
/// value, and ±inf (which JSON cannot write), are `null`. An observation without a
/// citation has no `citation` member. When a series has a destination market (a partner
/// other than `WLD`, docs/destinations.md), every series gets `"partner"` and
/// `"partner_name"` after `exporter_name` (`"WLD"`, `"World"` for national totals), as the
/// tidy CSV gets a `partner` column.
///
/// - Complexity: O(rows + text length).
public struct PanelJSONWriter: Sendable {
    /// A writer.
    ///
    /// - Complexity: O(1).
    public init() {}

    /// The whole text of `panel`.
    ///
    /// - Complexity: O(rows + text length).
    public func write(_ panel: Panel) -> String {
        let withPartner = panel.series.contains { !$0.isWorld }
        var out = "{\"series\":["
        for (s, key) in panel.series.enumerated() {
            if s > 0 { out += "," }
            out += "{\"exporter\":"
            JSON.writeString(key.exporter.code, to: &out)
            out += ",\"exporter_name\":"
            JSON.writeString(key.exporter.name, to: &out)
            if withPartner {
                out += ",\"partner\":"
                JSON.writeString(key.partner.code, to: &out)
                out += ",\"partner_name\":"
                JSON.writeString(key.partner.name, to: &out)
            }
            out += ",\"segment\":\"\(key.segment)\",\"metric\":"
            JSON.writeString(key.metric.name, to: &out)
            out += ",\"source\":"
            JSON.writeString(key.source, to: &out)
            out += ",\"scope\":"
            JSON.writeString(key.scope, to: &out)
            out += ",\"observations\":["
            for (i, r) in panel.rows(ofSeries: s).enumerated() {
                let row = Int(r)
                if i > 0 { out += "," }
                out += "{\"period\":\"\(panel.periods[panel.periodIndex(ofRow: row)])\",\"value\":"
                let v = panel.rowValues[row]
                out += v.isFinite ? ValueText.text(v) : "null"
                if let c = panel.citation(ofRow: row) {
                    out += ",\"citation\":"
                    JSON.writeString(c, to: &out)
                }
                out += "}"
            }
            out += "]}"
        }
        out += "]}\n"
        return out
    }
}
