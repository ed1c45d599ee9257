// swift-tools-version: 6.2
//
// autoexports — national vehicle exports: rankings, milestones, EV attribution, projections.
//
// Products
//   AutoExports      the pure-Swift core (standard library only) for Swift users.
//   AutoExportsLib   the C ABI as a dynamic library. `make` links it with the export list
//                    and soname and places it at .build/release/libautoexports.so (the
//                    product cannot be called `autoexports`: SwiftPM would then refuse the
//                    executable of that name, and `swift run autoexports` is the main job).
//   autoexports      the command-line tool (executable target).
//
// Dependencies
//   swift-argument-parser — the CLI's commands, options and help text (CLI only; the core
//   and the C library depend on nothing but the Swift standard library).
import PackageDescription

let package = Package(
    name: "autoexports",
    products: [
        .library(name: "AutoExports", targets: ["AutoExports"]),
        .library(name: "AutoExportsLib", type: .dynamic, targets: ["AutoExportsABI", "AutoExportsSQLite"]),
        // The DuckDB extension: the same Swift objects with the DuckDB entry point, linked
        // on its own by tools/duckdb/build.sh into .build/release/autoexports.duckdb_extension.
        .library(name: "AutoExportsDuckDBExt", type: .dynamic, targets: ["AutoExportsABI", "AutoExportsDuckDB"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // The hand-written C header, the source of truth of the C ABI.
        .target(name: "CAutoExports", path: "include", publicHeadersPath: "."),
        // Tiny C support for the ABI layer: the thread-local error text, the aex_get_api table.
        .target(name: "AutoExportsRuntime", dependencies: ["CAutoExports"], path: "Sources/AutoExportsRuntime"),
        // The core: Swift standard library only.
        .target(
            name: "AutoExports",
            path: "Sources/AutoExports",
            exclude: ["Data/Reference/exports.csv", "Data/Reference/destinations.csv", "Data/Reference/README.md"]
        ),
        // Implements include/autoexports.h with @c @implementation; converts, never computes.
        .target(
            name: "AutoExportsABI",
            dependencies: ["AutoExports", "CAutoExports", "AutoExportsRuntime"],
            path: "Sources/AutoExportsABI",
            exclude: ["autoexports.map"]
        ),
        // The SQLite extension's entry point (sqlite3_autoexports_init), a C adapter over the
        // C API linked into the same library; SQLite is reached only through the routines
        // pointer SQLite passes in, so the library does not depend on libsqlite3.
        .target(
            name: "AutoExportsSQLite",
            dependencies: ["CAutoExports"],
            path: "Sources/AutoExportsSQLite"
        ),
        // The DuckDB extension's entry point (autoexports_init_c_api), a C adapter over the C
        // API; DuckDB is reached only through the function table DuckDB passes in (its stable
        // C extension API), so nothing links libduckdb.
        .target(
            name: "AutoExportsDuckDB",
            dependencies: ["CAutoExports"],
            path: "Sources/AutoExportsDuckDB",
            exclude: ["autoexports-duckdb.map"]
        ),
        .executableTarget(
            name: "autoexports",
            dependencies: [
                "AutoExports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/AutoExportsCLI"
        ),
        .testTarget(
            name: "AutoExportsTests",
            dependencies: ["AutoExports", "CAutoExports"],
            path: "Tests/AutoExportsTests"
        ),
    ]
)
