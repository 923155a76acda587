// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: showcase (CLI) → library modules → GeoCore. See DESIGN.md in README.
let package = Package(
    name: "ShowcaseRoutePlanner",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "showcase", targets: ["showcase"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "Projection", targets: ["Projection"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "GeoCore"),
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        .target(name: "Projection", dependencies: ["GeoCore", "CPROJ"]),
        .executableTarget(
            name: "showcase",
            dependencies: [
                "GeoCore", "Projection",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ProjectionBench",
            dependencies: ["Projection"],
            path: "bench/projection/swift"
        ),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "CPROJ"]),
        .testTarget(name: "ProjectionTests", dependencies: ["Projection", "GeoCore"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["showcase"]),
    ]
)
