import ArgumentParser
import AutoExports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Help and --version exit 0 as usual; any other error prints one line on stderr naming
// the problem and exits 1 (never a stack trace, never ArgumentParser's exit code 64).
do {
    var command = try AutoExportsCommand.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    exit(code.rawValue)  // a command that printed its own report (data validate)
} catch {
    if AutoExportsCommand.exitCode(for: error) == .success {
        AutoExportsCommand.exit(withError: error)
    }
    let message =
        AutoExportsCommand.message(for: error)
        .split(separator: "\n").first.map(String.init) ?? "\(error)"
    writeStandardError("autoexports: " + message + "\n")
    exit(1)
}
