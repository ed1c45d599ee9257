// What the CLI used from Foundation proper and FoundationEssentials lacks, on the C library.
// The CLI imports FoundationEssentials (swift-foundation's core), never Foundation: Foundation
// links FoundationInternationalization and its ICU data (34 MB of the 58 MB static binary)
// although no output of the CLI is locale-dependent (docs/install.md "Sizes").
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes `text` to standard error at once, unbuffered (as `FileHandle.standardError.write`
/// did), so that it interleaves with standard output in the order it was written.
func writeStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = write(STDERR_FILENO, p, left)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }  // standard error closed: nothing else to tell
            p += n
            left -= n
        }
    }
}

/// Why a file could not be read or written, in the C library's words ("No such file or
/// directory", "Is a directory", "Permission denied"): the POSIX error under
/// FoundationEssentials' `CocoaError` (which has no `localizedDescription` without Foundation).
func fileErrorReason(_ error: any Error) -> String {
    var posix: POSIXError? = error as? POSIXError
    if posix == nil, let cocoa = error as? CocoaError { posix = cocoa.underlying as? POSIXError }
    if let code = posix?.code.rawValue, let text = strerror(code) { return String(cString: text) }
    if let cocoa = error as? CocoaError { return "error \(cocoa.code.rawValue)" }
    return "\(error)"
}

extension StringProtocol {
    /// The text without leading and trailing whitespace as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` has it: tabs and the Unicode space separators
    /// (general category Zs), not line breaks.
    func trimmingWhitespaces() -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let scalars = String(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
