import AutoExportsRuntime
import CAutoExports

/// A failure of an entry point: a status code and the message naming what was wrong.
/// The ABI layer throws these from validation and converts them to a status at the
/// boundary with `guarded`.
struct ABIError: Error {
    var status: Int32
    var message: String

    static func null(_ argument: String) -> ABIError {
        ABIError(status: AEX_E_NULL_POINTER, message: "\(argument) is NULL")
    }
    static func invalid(_ message: String) -> ABIError {
        ABIError(status: AEX_E_INVALID_ARGUMENT, message: message)
    }
    static func range(_ message: String) -> ABIError {
        ABIError(status: AEX_E_OUT_OF_RANGE, message: message)
    }
}

/// Records `message` as this thread's error text and returns `status`.
@inline(never)
func fail(_ status: Int32, _ message: String) -> Int32 {
    var m = message
    m.withUTF8 {
        aexrt_error_set(UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: CChar.self), Int64($0.count))
    }
    return status
}

/// Runs an entry point's body: clears the error text, maps a thrown `ABIError` to its
/// status and message. Every fallible `@c` function is written as `guarded { ... }`.
@inline(__always)
func guarded(_ function: StaticString, _ body: () throws(ABIError) -> Void) -> Int32 {
    aexrt_error_clear()
    do {
        try body()
        return AEX_OK
    } catch {
        return fail(error.status, "\(function): \(error.message)")
    }
}

/// Refuses a length whose size in bytes does not fit in an `Int`: no caller's memory can be
/// that long, and computing with it (byte counts, end addresses) would overflow and trap.
@inline(__always)
func checkLength<T>(_ n: Int64, of _: T.Type, _ lengthName: String) throws(ABIError) {
    if n < 0 { throw .range("\(lengthName) is negative (\(n))") }
    // No process can address 2^56 bytes (x86-64 and arm64 use at most 57-bit addresses).
    if n > Int64((1 << 56) / MemoryLayout<T>.stride) {
        throw ABIError(
            status: AEX_E_TOO_LARGE,
            message: "\(lengthName) is \(n): \(n) elements of \(MemoryLayout<T>.stride) bytes cannot be in memory")
    }
}

/// Validates a (pointer, length) pair: 0 <= length <= Int.max / element size, pointer
/// non-NULL when length > 0.
@inline(__always)
func checkArray<T>(
    _ p: UnsafePointer<T>?, _ n: Int64, _ name: String, _ lengthName: String
) throws(ABIError) -> UnsafeBufferPointer<T> {
    try checkLength(n, of: T.self, lengthName)
    if n == 0 { return UnsafeBufferPointer(start: nil, count: 0) }
    guard let p else { throw .null(name) }
    return UnsafeBufferPointer(start: p, count: Int(n))
}

@inline(__always)
func checkOutput<T>(
    _ p: UnsafeMutablePointer<T>?, _ n: Int64, _ name: String, _ lengthName: String
) throws(ABIError) -> UnsafeMutableBufferPointer<T> {
    try checkLength(n, of: T.self, lengthName)
    if n == 0 { return UnsafeMutableBufferPointer(start: nil, count: 0) }
    guard let p else { throw .null(name) }
    return UnsafeMutableBufferPointer(start: p, count: Int(n))
}

/// Parses an enum-valued argument, naming the argument and the allowed values on failure.
@inline(__always)
func checkEnum<E: RawRepresentable & CaseIterable>(_ raw: Int32, _ name: String, as: E.Type) throws(ABIError) -> E
where E.RawValue == Int32 {
    guard let e = E(rawValue: raw) else {
        let allowed = E.allCases.map { String($0.rawValue) }.joined(separator: ", ")
        throw .invalid("\(name) has unknown value \(raw) (allowed: \(allowed))")
    }
    return e
}

/// Checks, before work that allocates about `count × bytesEach` bytes through Swift's own
/// allocator (which ends the process when an allocation fails), that this much memory can
/// be had now: one allocation of that size from malloc must succeed (it is freed at once,
/// its pages never touched). `what` names the argument that asks for the memory.
///
/// - Throws: `AEX_E_TOO_LARGE` when the size does not fit in an `Int`,
///   `AEX_E_OUT_OF_MEMORY` when the allocation fails.
/// - Complexity: one malloc and free (an mmap and munmap for large sizes).
func ensureMemory(
    _ count: Int, bytesEach: Int, plus extra: Int = 0, for what: @autoclosure () -> String
) throws(ABIError) {
    let (product, overflow) = count.multipliedReportingOverflow(by: bytesEach)
    let (bytes, overflow2) = product.addingReportingOverflow(max(0, extra))
    guard count >= 0, !overflow, !overflow2, bytes < Int.max / 2 else {
        throw ABIError(status: AEX_E_TOO_LARGE, message: "\(what()) needs more memory than an address space holds")
    }
    guard let p = aexrt_malloc(bytes) else {
        throw ABIError(
            status: AEX_E_OUT_OF_MEMORY, message: "\(what()) needs about \(bytes) bytes, which cannot be allocated")
    }
    aexrt_free(p)
}

/// Whether about `bytes` more can be allocated now, with room to spare (half as much again
/// and 1 MiB: the work that follows holds other memory beside its largest piece): one
/// malloc of that size, freed at once. Requests under 1 MiB are granted without a probe
/// (a probe costs an mmap; a process that cannot find 1 MiB fails anyway). The importers'
/// `ImportOptions.memoryCheck`.
///
/// - Complexity: at most one malloc and free.
@Sendable func memoryAvailable(_ bytes: Int) -> Bool {
    guard bytes >= 1 << 20 else { return bytes >= 0 }
    let (total, over) = bytes.addingReportingOverflow(bytes / 2 + (1 << 20))
    guard !over, total < Int.max / 2, let p = aexrt_malloc(total) else { return false }
    aexrt_free(p)
    return true
}

/// Temporary memory from malloc, so that an impossible size is AEX_E_OUT_OF_MEMORY
/// instead of a trap in Swift's allocator.
func withScratch<R>(bytes: Int, _ body: (UnsafeMutableRawBufferPointer) throws(ABIError) -> R) throws(ABIError) -> R {
    guard bytes >= 0, bytes < Int.max / 2, let p = aexrt_malloc(bytes) else {
        throw ABIError(status: AEX_E_OUT_OF_MEMORY, message: "cannot allocate \(bytes) bytes of scratch memory")
    }
    defer { aexrt_free(p) }
    return try body(UnsafeMutableRawBufferPointer(start: p, count: bytes))
}

let statusNames: [Int32: StaticString] = [
    AEX_OK: "AEX_OK",
    AEX_E_INVALID_ARGUMENT: "AEX_E_INVALID_ARGUMENT",
    AEX_E_NULL_POINTER: "AEX_E_NULL_POINTER",
    AEX_E_OUT_OF_RANGE: "AEX_E_OUT_OF_RANGE",
    AEX_E_PARSE: "AEX_E_PARSE",
    AEX_E_IO: "AEX_E_IO",
    AEX_E_NOT_FOUND: "AEX_E_NOT_FOUND",
    AEX_E_BUFFER_TOO_SMALL: "AEX_E_BUFFER_TOO_SMALL",
    AEX_E_OUT_OF_MEMORY: "AEX_E_OUT_OF_MEMORY",
    AEX_E_INVALID_HANDLE: "AEX_E_INVALID_HANDLE",
    AEX_E_INTERNAL: "AEX_E_INTERNAL",
    AEX_E_UNSUPPORTED: "AEX_E_UNSUPPORTED",
    AEX_E_INSUFFICIENT_DATA: "AEX_E_INSUFFICIENT_DATA",
    AEX_E_DUPLICATE: "AEX_E_DUPLICATE",
    AEX_E_TOO_LARGE: "AEX_E_TOO_LARGE",
]

@inline(__always)
func cString(_ s: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(s.utf8Start).assumingMemoryBound(to: CChar.self)
}

@c @implementation
public func aex_status_string(_ status: Int32) -> UnsafePointer<CChar>! {
    cString(statusNames[status] ?? "AEX_E_UNKNOWN")
}

@c @implementation
public func aex_last_error_message() -> UnsafePointer<CChar>! {
    aexrt_error_get()
}
