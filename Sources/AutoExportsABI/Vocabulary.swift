import AutoExports
import CAutoExports

// The header section "Vocabulary": the core's names (Vocabulary, Exporter.parseList,
// Period's granularity) for hosts, so that none keeps a copy.

/// The vocabulary of a C argument, or AEX_E_INVALID_ARGUMENT naming it.
private func vocabularyArgument(_ v: Int32) throws(ABIError) -> Vocabulary {
    guard let voc = Vocabulary(rawValue: v) else {
        throw .invalid("vocabulary is \(v) (AEX_VOCAB_*: 0..\(Vocabulary.allCases.count - 1))")
    }
    return voc
}

@c @implementation
public func aex_vocabulary_count(_ out_count: UnsafeMutablePointer<Int64>!, _ vocabulary: Int32) -> Int32 {
    guarded("aex_vocabulary_count") { () throws(ABIError) in
        guard let out_count else { throw .null("out_count") }
        out_count.pointee = Int64(try vocabularyArgument(vocabulary).names.count)
    }
}

@c @implementation
public func aex_vocabulary_name(
    _ out_name: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ vocabulary: Int32, _ value: Int32
) -> Int32 {
    guarded("aex_vocabulary_name") { () throws(ABIError) in
        let voc = try vocabularyArgument(vocabulary)
        guard let name = voc.name(of: value) else {
            throw .range("value \(value) is not in vocabulary \(voc) (0..\(voc.names.count - 1))")
        }
        try writeText(name, into: out_name, capacity: capacity, length: out_length, "out_name")
    }
}

@c @implementation
public func aex_vocabulary_parse(
    _ out_value: UnsafeMutablePointer<Int32>!, _ vocabulary: Int32, _ name: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_vocabulary_parse") { () throws(ABIError) in
        guard let out_value else { throw .null("out_value") }
        let voc = try vocabularyArgument(vocabulary)
        let t = try checkText(name, "name")
        guard let v = voc.parse(t) else {
            throw ABIError(
                status: AEX_E_NOT_FOUND,
                message: "name \"\(t.prefix(64))\" is not in vocabulary \(voc) (\(voc.names.joined(separator: ", ")))")
        }
        out_value.pointee = v
    }
}

@c @implementation
public func aex_period_granularity(_ out_granularity: UnsafeMutablePointer<Int32>!, _ period: Int32) -> Int32 {
    guarded("aex_period_granularity") { () throws(ABIError) in
        guard let out_granularity else { throw .null("out_granularity") }
        guard let p = Period(code: period) else {
            throw .invalid("period \(period) is not a period code (see the Model section)")
        }
        out_granularity.pointee = p.granularity.rawValue
    }
}

@c @implementation
public func aex_exporter_list_parse(
    _ out_codes: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ list: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_exporter_list_parse") { () throws(ABIError) in
        let t = try checkText(list, "list")
        let codes = try exporterList(t, "list")
        try writeText(
            codes.map(\.code).joined(separator: ","), into: out_codes, capacity: capacity,
            length: out_length, "out_codes")
    }
}

/// The one treatment of a list of exporters in the C API (Exporter.parseList): an empty
/// list or item is AEX_E_INVALID_ARGUMENT, an unknown exporter AEX_E_NOT_FOUND, both
/// naming the argument.
func exporterList(_ text: String, _ argument: String) throws(ABIError) -> [Exporter] {
    do {
        return try Exporter.parseList(text)
    } catch {
        switch error {
        case .unknown: throw ABIError(status: AEX_E_NOT_FOUND, message: "\(argument): \(error)")
        case .empty, .emptyItem: throw .invalid("\(argument): \(error)")
        }
    }
}
