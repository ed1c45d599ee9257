import AutoExports
import CAutoExports

// aex_registry_json's text, rendered from the C descriptors themselves so that the JSON and
// the structs cannot disagree.

extension RegistryTable {
    /// The JSON document of `count` descriptors (format in the header's Registry section).
    ///
    ///     {"abi_version": 1, "version": "0.1.0", "functions": [{"name": "rank_values", ...}]}
    ///
    /// - Complexity: O(total size of the descriptors).
    static func renderJSON(_ functions: UnsafePointer<aex_function>, _ count: Int) -> String {
        var out =
            "{\"abi_version\": \(AEX_ABI_VERSION), \"version\": \(jsonString(AEX_VERSION_STRING)), \"functions\": ["
        for i in 0..<count {
            let f = functions[i]
            if i > 0 { out += "," }
            out += "\n {\"name\": \(json(f.name)), \"symbol\": \(json(f.symbol)), \"category\": \(json(f.category)),"
            out += " \"help\": \(json(f.help)),"
            out +=
                " \"returns\": {\"type\": \(jsonString(typeName(f.return_type))), \"c_type\": \(json(f.return_c_type))},"
            var flags: [String] = []
            if f.flags & AEX_FN_DETERMINISTIC != 0 { flags.append("\"deterministic\"") }
            if f.flags & AEX_FN_THREAD_SAFE != 0 { flags.append("\"thread_safe\"") }
            out += " \"flags\": [\(flags.joined(separator: ", "))], \"example\": \(json(f.example)), \"params\": ["
            for j in 0..<Int(f.param_count) {
                guard let p = f.params?[j] else { continue }
                if j > 0 { out += ", " }
                out += "\n  {\"name\": \(json(p.name)), \"type\": \(jsonString(typeName(p.type))),"
                out += " \"direction\": \(jsonString(p.direction == AEX_DIR_OUT ? "out" : "in")),"
                out += " \"c_type\": \(json(p.c_type)), \"length_name\": \(json(p.length_name)),"
                out += " \"length_param\": \(p.length_param == -1 ? "null" : String(p.length_param)),"
                out += " \"element_type\": \(p.element_type == 0 ? "null" : jsonString(typeName(p.element_type))),"
                out += " \"default\": \(json(p.default_value)),"
                if let a = p.allowed {
                    let choices = (0..<Int(p.allowed_count)).map {
                        "{\"value\": \(a[$0].value), \"name\": \(json(a[$0].name))}"
                    }
                    out += " \"allowed\": [\(choices.joined(separator: ", "))],"
                } else {
                    out += " \"allowed\": null,"
                }
                if p.flags & AEX_PARAM_RANGE != 0 {
                    out += " \"range\": [\(number(p.min)), \(number(p.max))],"
                } else {
                    out += " \"range\": null,"
                }
                out += " \"nullable\": \(p.flags & AEX_PARAM_NULLABLE != 0), \"help\": \(json(p.help))}"
            }
            out += "]}"
        }
        out += "\n]}\n"
        return out
    }

    /// The JSON name of a type code: the AEX_TYPE_* suffix in lower case.
    static func typeName(_ code: Int32) -> String {
        switch code {
        case AEX_TYPE_VOID: "void"
        case AEX_TYPE_STATUS: "status"
        case AEX_TYPE_INT32: "int32"
        case AEX_TYPE_INT64: "int64"
        case AEX_TYPE_DOUBLE: "double"
        case AEX_TYPE_STRING: "string"
        case AEX_TYPE_DOUBLE_ARRAY: "double_array"
        case AEX_TYPE_BUFFER: "buffer"
        case AEX_TYPE_HANDLE: "handle"
        case AEX_TYPE_INT32_ARRAY: "int32_array"
        case AEX_TYPE_INT64_ARRAY: "int64_array"
        default: "unknown"
        }
    }

    private static func json(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "null" }
        return jsonString(String(cString: p))
    }

    /// Infinite bounds have no JSON number: they are written as strings.
    private static func number(_ x: Double) -> String {
        if x.isNaN { return "null" }
        if x.isInfinite { return x > 0 ? "\"inf\"" : "\"-inf\"" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// A JSON string literal, escaped by the core's one JSON writer (`JSON`).
    static func jsonString(_ s: String) -> String { JSON.string(s).rendered }
}
