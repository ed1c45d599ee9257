import CAutoExports

// Registry entries of the header section "Status codes and errors".
extension RegistrySection {
    static let errors = RegistrySection("Status codes and errors", [
        RegistryEntry("aex_status_string", "The static name of a status code, e.g. \"AEX_E_NULL_POINTER\".",
                      returns: .string, example: "-2",
                      params: [.int32("status", "a status code: AEX_OK or a negative AEX_E_*")]),
        // Thread-local text: its value depends on the thread's previous call.
        RegistryEntry("aex_last_error_message", "The message of this thread's last failed call, or \"\".",
                      returns: .string, flags: .threadSafe),
    ])
}
