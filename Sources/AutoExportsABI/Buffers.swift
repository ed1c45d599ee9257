import CAutoExports

// Caller-allocated output buffers with a size query (docs/design.md §7 rule 7), shared by the
// entry points that return text or arrays.
//
// Text: the function writes the UTF-8 bytes and a terminating NUL into `out` (capacity
// bytes) and the text's length without the NUL into `*out_length`. Passing `out` = NULL
// with capacity 0 asks for the length only (AEX_OK). A buffer shorter than length + 1 is
// AEX_E_BUFFER_TOO_SMALL, with `*out_length` still set to the length needed.
//
// Arrays: the same with element counts.

/// Validates a text output triple and copies `bytes` into it (see above).
func writeText(
    _ bytes: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<CChar>?, capacity: Int64,
    length: UnsafeMutablePointer<Int64>?, _ name: String
) throws(ABIError) {
    guard let length else { throw .null("out_length") }
    if capacity < 0 { throw .range("capacity is negative (\(capacity))") }
    if out == nil && capacity > 0 { throw .null(name) }
    length.pointee = Int64(bytes.count)
    if out == nil { return }  // size query
    guard let out, capacity >= Int64(bytes.count) + 1 else {
        throw ABIError(
            status: AEX_E_BUFFER_TOO_SMALL,
            message: "\(name) holds \(capacity) bytes, the text needs \(bytes.count) + 1 for the NUL")
    }
    if let base = bytes.baseAddress, !bytes.isEmpty {
        UnsafeMutableRawPointer(out).copyMemory(from: base, byteCount: bytes.count)
    }
    out[bytes.count] = 0
}

/// `writeText` for a Swift string.
func writeText(
    _ text: String, into out: UnsafeMutablePointer<CChar>?, capacity: Int64,
    length: UnsafeMutablePointer<Int64>?, _ name: String
) throws(ABIError) {
    var t = text
    let failure: ABIError? = t.withUTF8 { u in
        do throws(ABIError) {
            try writeText(UnsafeRawBufferPointer(u), into: out, capacity: capacity, length: length, name)
        } catch {
            return error
        }
        return nil
    }
    if let failure { throw failure }
}

/// Checks array outputs of `needed` elements each against their capacities; returns
/// false for a size query (every buffer NULL and every capacity 0), true when the
/// caller's buffers can be written. `*count` always receives `needed`.
func checkArrayOutput(
    needed: Int, capacities: [(Int64, String)], count: UnsafeMutablePointer<Int64>?,
    buffers: [(UnsafeMutableRawPointer?, String)]
) throws(ABIError) -> Bool {
    guard let count else { throw .null("out_count") }
    for (c, name) in capacities where c < 0 { throw .range("\(name) is negative (\(c))") }
    count.pointee = Int64(needed)
    if capacities.allSatisfy({ $0.0 == 0 }) && buffers.allSatisfy({ $0.0 == nil }) {
        return needed == 0
    }
    for (p, name) in buffers where p == nil { throw .null(name) }
    for ((c, _), (_, name)) in zip(capacities, buffers) where c < Int64(needed) {
        throw ABIError(
            status: AEX_E_BUFFER_TOO_SMALL,
            message: "\(name) holds \(c) elements, \(needed) are needed")
    }
    return true
}

/// A NUL-terminated UTF-8 argument as a String; NULL is an error unless `optional`.
func checkText(_ p: UnsafePointer<CChar>?, _ name: String) throws(ABIError) -> String {
    guard let p else { throw .null(name) }
    return try decodeText(p, name)
}

/// A NUL-terminated UTF-8 argument, or nil for NULL.
func optionalText(_ p: UnsafePointer<CChar>?, _ name: String) throws(ABIError) -> String? {
    guard let p else { return nil }
    return try decodeText(p, name)
}

func decodeText(_ p: UnsafePointer<CChar>, _ name: String) throws(ABIError) -> String {
    var n = 0
    while p[n] != 0 { n += 1 }
    let bytes = UnsafeRawBufferPointer(start: p, count: n)
    guard let s = String(validating: bytes, as: UTF8.self) else {
        throw .invalid("\(name) is not valid UTF-8")
    }
    return s
}
