import AutoExports
import CAutoExports

@c @implementation
public func aex_version_string() -> UnsafePointer<CChar>! {
    // Static text: the header's AEX_VERSION_STRING, checked equal by the C tests.
    cString(versionText)
}

@c @implementation
public func aex_version_number() -> Int32 {
    Int32(AutoExportsVersion.number)
}

@c @implementation
public func aex_abi_version() -> Int32 {
    AEX_ABI_VERSION
}

private let versionText: StaticString = "0.1.0"
