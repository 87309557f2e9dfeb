// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "migcheck",
    products: [
        .executable(name: "migcheck", targets: ["migcheck"]),
        .library(name: "DeviceModelRegistry", targets: ["DeviceModelRegistry"]),
        .library(name: "ConfigExpansion", targets: ["ConfigExpansion"]),
        .library(name: "MigrationCheck", targets: ["MigrationCheck"]),
        .library(name: "QEMUAdapter", targets: ["QEMUAdapter"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The system libyaml, seen through a module map; only DeviceModelRegistry imports it.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // fstatfs and mallopt, which the Glibc module lacks: the registry walk asks the kernel for
        // pseudo file systems; the CLI sets how freed memory is kept.
        .systemLibrary(name: "CSystemExtras"),
        // Bytes → strict YAML nodes with source locations → typed registry; validation rules.
        .target(name: "DeviceModelRegistry", dependencies: ["CLibYAML", "CSystemExtras"]),
        // (model, version, overrides) → every parameter's value with its provenance.
        .target(name: "ConfigExpansion", dependencies: ["DeviceModelRegistry"]),
        // Expanded device × destination → verdict, findings and fixes; fleet answers; renderers.
        .target(name: "MigrationCheck", dependencies: ["ConfigExpansion", "DeviceModelRegistry"]),
        // QEMU's own knowledge: command lines, QMP, probing a binary; real VMs and hosts in registry terms.
        .target(name: "QEMUAdapter", dependencies: ["MigrationCheck", "ConfigExpansion", "DeviceModelRegistry"]),
        // The command line: argument parsing, choosing a renderer, exit codes.
        .executableTarget(
            name: "migcheck",
            dependencies: [
                "QEMUAdapter", "MigrationCheck", "ConfigExpansion", "DeviceModelRegistry", "CSystemExtras",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DeviceModelRegistryTests", dependencies: ["DeviceModelRegistry"], exclude: ["Fixtures"]),
        .testTarget(name: "ConfigExpansionTests", dependencies: ["ConfigExpansion"]),
        .testTarget(name: "MigrationCheckTests", dependencies: ["MigrationCheck"], exclude: ["Golden"]),
        .testTarget(name: "QEMUAdapterTests", dependencies: ["QEMUAdapter"], exclude: ["Fixtures"]),
        .testTarget(name: "migcheckTests", dependencies: ["migcheck", "DeviceModelRegistry"], exclude: ["Fixtures"]),
    ]
)
