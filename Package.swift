// swift-tools-version:6.2
import PackageDescription

// Swift 6 language mode already checks concurrency completely.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "CostTrace",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "CostTrace", targets: ["CostTrace"]),
        .library(name: "CostModel", targets: ["CostModel"]),
        .library(name: "CostFormats", targets: ["CostFormats"]),
        .library(name: "CostStore", targets: ["CostStore"]),
        .library(name: "CostReports", targets: ["CostReports"]),
        .executable(name: "costtrace", targets: ["costtrace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CJSONC",
            pkgConfig: "json-c",
            providers: [.apt(["libjson-c-dev"])]
        ),
        .target(
            name: "CostModel",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CostFormats",
            dependencies: ["CostModel", "CJSONC"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CostStore",
            dependencies: ["CostModel", "CostFormats", "CSQLite"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CostReports",
            dependencies: ["CostModel"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CostTrace",
            dependencies: [
                "CostModel",
                "CostFormats",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "costtrace",
            dependencies: [
                "CostModel",
                "CostFormats",
                "CostStore",
                "CostReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "CostTraceExamples",
            dependencies: [
                "CostTrace",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Examples/CostTraceExamples",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CostModelTests",
            dependencies: ["CostModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CostFormatsTests",
            dependencies: ["CostFormats", "CJSONC"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CostTraceTests",
            dependencies: [
                "CostTrace",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CostStoreTests",
            dependencies: ["CostStore", "CostFormats", "CostModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CostReportsTests",
            dependencies: ["CostReports"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CostTraceCLITests",
            dependencies: ["costtrace", "CostTraceExamples"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
