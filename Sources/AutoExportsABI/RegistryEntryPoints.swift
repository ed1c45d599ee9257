import AutoExportsRuntime
import CAutoExports

// The Registry section's entry points: aex_registry_count, _get, _find, _json and
// aex_get_api. They never fail with a status: a lookup that finds nothing returns NULL and
// leaves the reason in aex_last_error_message().

@c @implementation
public func aex_registry_count() -> Int64 {
    aexrt_error_clear()
    return Int64(registryTable.count)
}

@c @implementation
public func aex_registry_get(_ index: Int64) -> UnsafePointer<aex_function>! {
    aexrt_error_clear()
    let table = registryTable
    guard index >= 0, index < Int64(table.count) else {
        _ = fail(AEX_E_OUT_OF_RANGE, "aex_registry_get: index \(index) is outside 0..<\(table.count)")
        return nil
    }
    return UnsafePointer(table.functions + Int(index))
}

@c @implementation
public func aex_registry_find(_ name: UnsafePointer<CChar>!) -> UnsafePointer<aex_function>! {
    aexrt_error_clear()
    guard let name else {
        _ = fail(AEX_E_NULL_POINTER, "aex_registry_find: name is NULL")
        return nil
    }
    let key = String(decoding: UnsafeRawBufferPointer(start: name, count: aexrt_strlen(name)), as: UTF8.self)
    let table = registryTable
    guard let i = table.index[key] else {
        let shown = key.utf8.count > 80 ? String(key.prefix(60)) + "…" : key
        _ = fail(
            AEX_E_NOT_FOUND,
            "aex_registry_find: name \"\(shown)\" is not a registered function (give a symbol such as \"aex_rank_values\" or a stable name such as \"rank_values\")"
        )
        return nil
    }
    return UnsafePointer(table.functions + i)
}

@c @implementation
public func aex_registry_json() -> UnsafePointer<CChar>! {
    aexrt_error_clear()
    return registryTable.json
}

@c @implementation
public func aex_get_api(_ abi_major: Int32) -> UnsafePointer<aex_api>! {
    aexrt_error_clear()
    guard abi_major == AEX_ABI_VERSION, let table = aexrt_api_v1_address() else {
        _ = fail(
            AEX_E_UNSUPPORTED,
            "aex_get_api: ABI major \(abi_major) is not provided by this library (it provides \(AEX_ABI_VERSION))")
        return nil
    }
    return table.assumingMemoryBound(to: aex_api.self)
}
