import AutoExports
import CAutoExports

// The header section "Model": periods and exporters as text, for hosts that receive what
// people type ("2023-Q1", "China") and need the C API's codes.

@c @implementation
public func aex_period_parse(_ out_period: UnsafeMutablePointer<Int32>!, _ text: UnsafePointer<CChar>!) -> Int32 {
    guarded("aex_period_parse") { () throws(ABIError) in
        guard let out_period else { throw .null("out_period") }
        let t = try checkText(text, "text")
        guard let p = Period(parsing: t) else {
            throw ABIError(
                status: AEX_E_PARSE,
                message: "text \"\(t.prefix(64))\" is not a period (\(Period.examples))")
        }
        out_period.pointee = p.code
    }
}

@c @implementation
public func aex_period_format(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ period: Int32
) -> Int32 {
    guarded("aex_period_format") { () throws(ABIError) in
        guard let p = Period(code: period) else {
            throw .invalid("period \(period) is not a period code (YYYY, YYYYQ, YYYYMM, 1YYYY0H, 2YYYYMM or 3YYYYMM)")
        }
        try writeText(p.description, into: out_text, capacity: capacity, length: out_length, "out_text")
    }
}

@c @implementation
public func aex_exporter_resolve(
    _ out_code: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ name: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_exporter_resolve") { () throws(ABIError) in
        let t = try checkText(name, "name")
        guard let e = Exporter.resolve(t) else {
            throw ABIError(
                status: AEX_E_NOT_FOUND,
                message: "name " + Exporter.notFoundMessage(t))
        }
        try writeText(e.code, into: out_code, capacity: capacity, length: out_length, "out_code")
    }
}
