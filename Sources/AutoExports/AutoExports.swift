/// The version of the autoexports core, equal to the C header's `AEX_VERSION_*`.
public enum AutoExportsVersion {
    public static let major = 0
    public static let minor = 1
    public static let patch = 0
    /// `major * 1_000_000 + minor * 1_000 + patch`.
    public static let number = major * 1_000_000 + minor * 1_000 + patch
    /// `"major.minor.patch"`.
    public static let string = "\(major).\(minor).\(patch)"
}
