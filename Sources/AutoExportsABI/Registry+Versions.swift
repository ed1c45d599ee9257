import CAutoExports

// Registry entries of the header section "Versions".
extension RegistrySection {
    static let versions = RegistrySection("Versions", [
        RegistryEntry("aex_version_string", "The library's version as static text, e.g. \"0.1.0\".",
                      returns: .string),
        RegistryEntry("aex_version_number", "The library's version as MAJOR*1000000 + MINOR*1000 + PATCH.",
                      returns: .int32),
        RegistryEntry("aex_abi_version", "The library's ABI major, to compare with AEX_ABI_VERSION.",
                      returns: .int32),
    ])
}
