import CAutoExports

// Registry entries of the header section "Registry": the registry describes itself.
extension RegistrySection {
    static let registry = RegistrySection("Registry", [
        RegistryEntry("aex_registry_count", "Number of registered functions (every function of the header).",
                      returns: .int64),
        RegistryEntry("aex_registry_get", "The descriptor of the function at an index, or NULL.",
                      returns: .handle("const aex_function *"), example: "0",
                      params: [.int64("index", "0 <= index < aex_registry_count()")]),
        RegistryEntry("aex_registry_find", "The descriptor of the function with a symbol or stable name, or NULL.",
                      returns: .handle("const aex_function *"), example: "aex_rank_values",
                      params: [.string("name", "a symbol (\"aex_rank_values\") or stable name (\"rank_values\")")]),
        RegistryEntry("aex_registry_json", "Every descriptor as one static JSON text.", returns: .string),
        RegistryEntry("aex_get_api", "The function table of an ABI major, or NULL when it is not provided.",
                      returns: .handle("const aex_api *"), example: "1",
                      params: [.int32("abi_major", "the ABI major the caller was written for (AEX_ABI_VERSION)")]),
    ])
}
