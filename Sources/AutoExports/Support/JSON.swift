/// A JSON value and its compact, deterministic rendering (standard library only).
///
/// Objects keep their keys in the order given, so output is stable and diffable.
///
///     JSON.object([("exporter", .string("CHN")), ("units", .number(4910000))]).rendered
///     // {"exporter":"CHN","units":4910000}
public indirect enum JSON: Hashable, Sendable {
    case null
    case bool(Bool)
    /// Rendered as an integer when whole and below 2^53, else with Swift's shortest
    /// round-trip form; NaN and ±inf render as null (JSON has no such numbers).
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.rendered == b.rendered }
    public func hash(into h: inout Hasher) { h.combine(rendered) }

    /// `.number`, or `.null` for nil.
    ///
    /// - Complexity: O(1).
    public static func number(_ x: Double?) -> JSON { x.map { .number($0) } ?? .null }
    /// `.string`, or `.null` for nil.
    ///
    /// - Complexity: O(1).
    public static func string(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }

    /// The compact JSON text.
    ///
    /// - Complexity: O(size of the value).
    public var rendered: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Appends the JSON text to `out`.
    ///
    /// - Complexity: O(size of the value, nested values included).
    public func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSON.numberText(x)
        case .string(let s): JSON.writeString(s, to: &out)
        case .array(let xs):
            out += "["
            for (i, x) in xs.enumerated() {
                if i > 0 { out += "," }
                x.write(to: &out)
            }
            out += "]"
        case .object(let kv):
            out += "{"
            for (i, (k, v)) in kv.enumerated() {
                if i > 0 { out += "," }
                JSON.writeString(k, to: &out)
                out += ":"
                v.write(to: &out)
            }
            out += "}"
        }
    }

    /// A number as JSON text: an integer when whole and below 2^53, else the shortest
    /// round-trip form; "null" for NaN and ±inf.
    ///
    /// - Complexity: O(1).
    public static func numberText(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
        return x.description
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
