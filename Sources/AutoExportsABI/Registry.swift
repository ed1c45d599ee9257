import AutoExportsRuntime
import CAutoExports

// The registry: one descriptor per function of include/autoexports.h (section "Registry").
//
// The entries are generated from include/autoexports.h (its declarations and the @help,
// @param, @values, ... tags of each doc comment) by tools/generate.py into
// Registry+Generated.swift, one `static let` per header section and `RegistrySection.all`.
// Adding a function: declare and document it in the header, run `python3 tools/generate.py`,
// implement it, test it. The tests compare the registry with the header's declarations, the
// library's exports, the `aex_api` table and the Python prototype table.
//
// At first use the entries are converted once into C descriptors (`aex_function`,
// `aex_param`) and a JSON text in memory that is never freed or written again, so every
// pointer handed out stays valid and immutable while the library is loaded.

/// A header section's functions, in header order.
struct RegistrySection {
    /// The header section's title, e.g. `"Ranking"`; the descriptors' `category`.
    var name: String
    var functions: [RegistryEntry]

    init(_ name: String, _ functions: [RegistryEntry]) {
        self.name = name
        self.functions = functions
    }
}

/// Properties of a function (`AEX_FN_*`).
struct RegistryFlags: OptionSet {
    var rawValue: Int32
    /// The same arguments always give the same results.
    static let deterministic = RegistryFlags(rawValue: AEX_FN_DETERMINISTIC)
    /// May be called from several threads at once.
    static let threadSafe = RegistryFlags(rawValue: AEX_FN_THREAD_SAFE)
    /// A pure computation: both flags.
    static let pure: RegistryFlags = [.deterministic, .threadSafe]
}

/// What a function returns.
enum RegistryReturn {
    /// `int32_t` status: `AEX_OK` or a negative `AEX_E_*`.
    case status
    case void
    case int32
    case int64
    case double
    /// `const char *`, static or library-owned text.
    case string
    /// An opaque pointer, spelled as in the header, e.g. `"const aex_function *"`.
    case handle(String)
}

/// The element type of an output buffer.
enum RegistryElement {
    case double, int32, int64
    /// UTF-8 bytes (`char *`).
    case utf8

    var typeCode: Int32 {
        switch self {
        case .double: AEX_TYPE_DOUBLE
        case .int32: AEX_TYPE_INT32
        case .int64: AEX_TYPE_INT64
        case .utf8: AEX_TYPE_STRING
        }
    }
    var cPointerType: String {
        switch self {
        case .double: "double *"
        case .int32: "int32_t *"
        case .int64: "int64_t *"
        case .utf8: "char *"
        }
    }
}

/// One allowed value of an enumerated parameter.
struct RegistryChoice {
    var value: Int64
    var name: String
}

extension [RegistryChoice] {
    /// The cases of a core enum whose raw values are the C constants, named by their
    /// description: `.cases(of: RankMethod.self)` gives (0, "competition"), …, (4, "ordinal").
    ///
    /// - Complexity: O(number of cases).
    static func cases<E: RawRepresentable & CaseIterable>(of: E.Type) -> [RegistryChoice] where E.RawValue == Int32 {
        E.allCases.map { RegistryChoice(value: Int64($0.rawValue), name: String(describing: $0)) }
    }
}

/// One parameter, as the registry describes it. Build it with the static constructors
/// (`.int32`, `.doubleArray`, `.outBuffer`, …), which fix its type code and C type.
struct RegistryParam {
    var name: String
    var help: String
    var type: Int32
    var direction: Int32 = AEX_DIR_IN
    var cType: String
    var lengthName: String? = nil
    /// For an array or buffer sized by an array parameter: that parameter's name.
    var lengthOf: String? = nil
    var element: Int32 = 0
    var defaultValue: String? = nil
    var allowed: [RegistryChoice] = []
    var range: (min: Double, max: Double)? = nil
    var nullable = false

    /// An `int32_t` input, optionally enumerated (`allowed`) or bounded (`range`).
    static func int32(
        _ name: String, _ help: String, allowed: [RegistryChoice] = [],
        range: ClosedRange<Double>? = nil, default value: String? = nil
    ) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_INT32, cType: "int32_t", defaultValue: value,
            allowed: allowed, range: range.map { ($0.lowerBound, $0.upperBound) })
    }
    /// An `int64_t` input.
    static func int64(
        _ name: String, _ help: String, range: ClosedRange<Double>? = nil,
        default value: String? = nil
    ) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_INT64, cType: "int64_t", defaultValue: value,
            range: range.map { ($0.lowerBound, $0.upperBound) })
    }
    /// A `double` input.
    static func double(
        _ name: String, _ help: String, range: ClosedRange<Double>? = nil,
        default value: String? = nil
    ) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_DOUBLE, cType: "double", defaultValue: value,
            range: range.map { ($0.lowerBound, $0.upperBound) })
    }
    /// A UTF-8 text input (`const char *`).
    static func string(
        _ name: String, _ help: String, nullable: Bool = false,
        default value: String? = nil
    ) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_STRING, cType: "const char *",
            defaultValue: value, nullable: nullable)
    }
    /// An input array of doubles: two C arguments, `const double *name, int64_t length`.
    static func doubleArray(_ name: String, length: String, _ help: String) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_DOUBLE_ARRAY, cType: "const double *",
            lengthName: length)
    }
    /// An input array of doubles with as many elements as the array parameter `lengthOf`:
    /// one C argument, `const double *name`.
    static func doubleArray(_ name: String, lengthOf: String, _ help: String) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_DOUBLE_ARRAY, cType: "const double *",
            lengthOf: lengthOf)
    }
    /// An input array of `int32_t`: `const int32_t *name, int64_t length`.
    static func int32Array(_ name: String, length: String, _ help: String) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_INT32_ARRAY, cType: "const int32_t *",
            lengthName: length)
    }
    /// An input array of `int32_t` as long as the array parameter `lengthOf`: `const int32_t *name`.
    static func int32Array(_ name: String, lengthOf: String, _ help: String) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_INT32_ARRAY, cType: "const int32_t *",
            lengthOf: lengthOf)
    }
    /// An input array of `int64_t`: `const int64_t *name, int64_t length`.
    static func int64Array(_ name: String, length: String, _ help: String) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_INT64_ARRAY, cType: "const int64_t *",
            lengthName: length)
    }
    /// An input array of `int64_t` as long as the array parameter `lengthOf`: `const int64_t *name`
    /// (e.g. `groups` beside `values`, `n`).
    static func int64Array(_ name: String, lengthOf: String, _ help: String) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_INT64_ARRAY, cType: "const int64_t *",
            lengthOf: lengthOf)
    }
    /// An opaque pointer input spelled as in the header, e.g. `"const aex_panel *"`.
    static func handle(_ name: String, _ cType: String, _ help: String, nullable: Bool = false) -> RegistryParam {
        RegistryParam(name: name, help: help, type: AEX_TYPE_HANDLE, cType: cType, nullable: nullable)
    }
    /// An `int32_t *` output.
    static func outInt32(_ name: String, _ help: String) -> RegistryParam {
        RegistryParam(name: name, help: help, type: AEX_TYPE_INT32, direction: AEX_DIR_OUT, cType: "int32_t *")
    }
    /// An `int64_t *` output.
    static func outInt64(_ name: String, _ help: String) -> RegistryParam {
        RegistryParam(name: name, help: help, type: AEX_TYPE_INT64, direction: AEX_DIR_OUT, cType: "int64_t *")
    }
    /// A `double *` output (one value).
    static func outDouble(_ name: String, _ help: String) -> RegistryParam {
        RegistryParam(name: name, help: help, type: AEX_TYPE_DOUBLE, direction: AEX_DIR_OUT, cType: "double *")
    }
    /// A `const char **` output: text owned by the library.
    static func outString(_ name: String, _ help: String) -> RegistryParam {
        RegistryParam(name: name, help: help, type: AEX_TYPE_STRING, direction: AEX_DIR_OUT, cType: "const char **")
    }
    /// An output handle spelled as in the header, e.g. `"aex_panel **"`.
    static func outHandle(_ name: String, _ cType: String, _ help: String) -> RegistryParam {
        RegistryParam(name: name, help: help, type: AEX_TYPE_HANDLE, direction: AEX_DIR_OUT, cType: cType)
    }
    /// A caller-allocated output array with as many elements as the array parameter
    /// `lengthOf` (one C argument, e.g. `double *out_ranks` sized by `values`' `n`).
    static func outBuffer(
        _ name: String, of element: RegistryElement, lengthOf: String, _ help: String
    ) -> RegistryParam {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_BUFFER, direction: AEX_DIR_OUT,
            cType: element.cPointerType, lengthOf: lengthOf, element: element.typeCode)
    }
    /// A caller-allocated output array followed by its own length: two C arguments,
    /// e.g. `char *out_text, int64_t capacity`.
    static func outBuffer(_ name: String, of element: RegistryElement, length: String, _ help: String) -> RegistryParam
    {
        RegistryParam(
            name: name, help: help, type: AEX_TYPE_BUFFER, direction: AEX_DIR_OUT,
            cType: element.cPointerType, lengthName: length, element: element.typeCode)
    }
}

extension RegistryParam {
    /// The same parameter, documented as accepting NULL (an output nobody wants).
    func orNull() -> RegistryParam {
        var p = self
        p.nullable = true
        return p
    }
}

/// One function of the header, as generated into Registry+Generated.swift.
struct RegistryEntry {
    var symbol: String
    var help: String
    var returns: RegistryReturn
    var flags: RegistryFlags
    /// Sample arguments, one per input parameter, as the plugin host takes them.
    var example: String
    var params: [RegistryParam]

    /// - Parameters:
    ///   - symbol: the exported name, e.g. `"aex_rank_values"`.
    ///   - help: one line.
    ///   - returns: `.status` for fallible functions.
    ///   - flags: `.pure` (deterministic and thread-safe) unless said otherwise.
    ///   - example: sample input arguments in the plugin host's syntax: numbers, enum
    ///     names, comma-separated arrays, `NULL` for a handle; the tests call every
    ///     function with them through the plugin host and directly, and compare. The
    ///     bad-input matrix (Tests/c/test_bad_inputs.c) calls it with live handles (made
    ///     by the kind's constructor; filled by its one-argument loaders when the function
    ///     takes a const handle) and `NULL` for a nullable text: that call must succeed.
    ///   - params: in C order, out-parameters first.
    init(
        _ symbol: String, _ help: String, returns: RegistryReturn = .status, flags: RegistryFlags = .pure,
        example: String = "", params: [RegistryParam] = []
    ) {
        self.symbol = symbol
        self.help = help
        self.returns = returns
        self.flags = flags
        self.example = example
        self.params = params
    }
}

// MARK: - The C descriptors, built once

/// The registry in C form: descriptors, their JSON and an index by name and symbol.
/// Built once (a global `let` is initialised once, thread-safely) and never mutated.
final class RegistryTable: @unchecked Sendable {
    let functions: UnsafeMutablePointer<aex_function>
    let count: Int
    let json: UnsafePointer<CChar>
    let index: [String: Int]

    init(_ sections: [RegistrySection]) {
        let entries = sections.flatMap { s in s.functions.map { (s.name, $0) } }
        count = entries.count
        functions = .allocate(capacity: max(entries.count, 1))
        var index: [String: Int] = [:]
        for (i, (category, e)) in entries.enumerated() {
            let name = e.symbol.hasPrefix("aex_") ? String(e.symbol.dropFirst(4)) : e.symbol
            index[e.symbol] = i
            index[name] = i
            let params = UnsafeMutablePointer<aex_param>.allocate(capacity: max(e.params.count, 1))
            for (j, p) in e.params.enumerated() {
                var c = aex_param()
                c.size = Int64(MemoryLayout<aex_param>.size)
                c.name = RegistryTable.text(p.name)
                c.help = RegistryTable.text(p.help)
                c.c_type = RegistryTable.text(p.cType)
                c.length_name = p.lengthName.map(RegistryTable.text)
                c.default_value = p.defaultValue.map(RegistryTable.text)
                if !p.allowed.isEmpty {
                    let a = UnsafeMutablePointer<aex_enum_value>.allocate(capacity: p.allowed.count)
                    for (k, choice) in p.allowed.enumerated() {
                        a[k] = aex_enum_value(value: choice.value, name: RegistryTable.text(choice.name))
                    }
                    c.allowed = UnsafePointer(a)
                    c.allowed_count = Int64(p.allowed.count)
                }
                if let r = p.range {
                    c.min = r.min
                    c.max = r.max
                }
                c.type = p.type
                c.direction = p.direction
                c.element_type = p.element
                c.length_param =
                    p.lengthOf.flatMap { n in e.params.firstIndex { $0.name == n } }.map { Int32($0) } ?? -1
                c.flags = (p.range != nil ? AEX_PARAM_RANGE : 0) | (p.nullable ? AEX_PARAM_NULLABLE : 0)
                params[j] = c
            }
            var f = aex_function()
            f.size = Int64(MemoryLayout<aex_function>.size)
            f.name = RegistryTable.text(name)
            f.symbol = RegistryTable.text(e.symbol)
            f.category = RegistryTable.text(category)
            f.help = RegistryTable.text(e.help)
            f.return_c_type = RegistryTable.text(e.returns.cType)
            f.example = RegistryTable.text(e.example)
            f.params = UnsafePointer(params)
            f.param_count = Int64(e.params.count)
            f.address = f.symbol.flatMap { aexrt_symbol_address($0) }
            f.return_type = e.returns.typeCode
            f.flags = e.flags.rawValue
            functions[i] = f
        }
        self.index = index
        json = RegistryTable.text(RegistryTable.renderJSON(functions, count))
    }

    /// A NUL-terminated copy of `s` that lives as long as the library.
    static func text(_ s: String) -> UnsafePointer<CChar> {
        let bytes = Array(s.utf8)
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
        for (i, b) in bytes.enumerated() { p[i] = CChar(bitPattern: b) }
        p[bytes.count] = 0
        return UnsafePointer(p)
    }
}

/// The registry of this library.
let registryTable = RegistryTable(RegistrySection.all)

extension RegistryReturn {
    var typeCode: Int32 {
        switch self {
        case .status: AEX_TYPE_STATUS
        case .void: AEX_TYPE_VOID
        case .int32: AEX_TYPE_INT32
        case .int64: AEX_TYPE_INT64
        case .double: AEX_TYPE_DOUBLE
        case .string: AEX_TYPE_STRING
        case .handle: AEX_TYPE_HANDLE
        }
    }
    var cType: String {
        switch self {
        case .status, .int32: "int32_t"
        case .void: "void"
        case .int64: "int64_t"
        case .double: "double"
        case .string: "const char *"
        case .handle(let t): t
        }
    }
}
