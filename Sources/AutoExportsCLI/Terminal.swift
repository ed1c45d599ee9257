import ArgumentParser
import AutoExports

#if canImport(FoundationEssentials)
    import FoundationEssentials  // not Foundation: keeps ICU out of the static CLI (EssentialsIO.swift)
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Terminal facts and file output (the CLI may use Foundation; the core may not).
enum Terminal {
    /// True when stdout is a terminal, NO_COLOR is unset and TERM is not "dumb".
    static var stdoutSupportsColor: Bool {
        let env = ProcessInfo.processInfo.environment
        if env["NO_COLOR"] != nil { return false }
        if env["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) != 0
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    static func bold(_ s: String, _ on: Bool) -> String { on ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    static func dim(_ s: String, _ on: Bool) -> String { on ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
    static func green(_ s: String, _ on: Bool) -> String { on ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
    static func red(_ s: String, _ on: Bool) -> String { on ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
    static func yellow(_ s: String, _ on: Bool) -> String { on ? "\u{1B}[33m\(s)\u{1B}[0m" : s }
}

/// Writes text to a file, or to standard output when `path` is nil or "-".
func writeOutput(_ text: String, to path: String?) throws {
    guard let path, path != "-" else {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        return
    }
    do {
        try (text.hasSuffix("\n") ? text : text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw ValidationError("cannot write --output '\(path)': \(fileErrorReason(error))")
    }
}
