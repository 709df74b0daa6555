// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Drover",
    products: [
        .library(name: "DroverKit", targets: ["DroverKit"]),
        .executable(name: "drover", targets: ["drover"]),
    ],
    targets: [
        // C libraries, found through pkg-config.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),

        // The engine: schema language, SQL rendering, schema model,
        // revision graph, configuration, database access, runner.
        .target(
            name: "DroverKit",
            dependencies: ["CLibPQ", "CYAML"]
        ),

        // Command-line front end, kept as a library so tests can run
        // commands in-process with migration sets of their own.
        .target(
            name: "DroverCLI",
            dependencies: ["DroverKit"]
        ),

        // The project's migrations: every Swift file in migrations/.
        // The plugin generates the registry, so adding a file is enough.
        .target(
            name: "Migrations",
            dependencies: ["DroverKit"],
            path: "migrations",
            plugins: ["MigrationRegistryPlugin"]
        ),
        .executableTarget(
            name: "MigrationRegistryGenerator"
        ),
        .plugin(
            name: "MigrationRegistryPlugin",
            capability: .buildTool(),
            dependencies: ["MigrationRegistryGenerator"]
        ),

        .executableTarget(
            name: "drover",
            dependencies: ["DroverCLI", "Migrations"]
        ),

        .testTarget(
            name: "DroverKitTests",
            dependencies: ["DroverKit", "DroverCLI"]
        ),
        .testTarget(
            name: "DroverIntegrationTests",
            dependencies: ["DroverKit", "DroverCLI", "Migrations"]
        ),
    ]
)
