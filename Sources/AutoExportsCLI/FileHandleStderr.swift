/// Writes text to standard error.
enum FileHandleStderr {
    static func write(_ text: String) {
        writeStandardError(text)
    }
}
