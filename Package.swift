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
        .library(name: "SiteStore", targets: ["SiteStore"]),
        .library(name: "Itinerary", targets: ["Itinerary"]),
        .library(name: "RoadGraph", targets: ["RoadGraph"]),
        .library(name: "OpeningHours", targets: ["OpeningHours"]),
        .library(name: "TripPlanner", targets: ["TripPlanner"]),
        .library(name: "ShowcaseServer", targets: ["ShowcaseServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "GeoCore"),
        .systemLibrary(
            name: "CPROJ",
            pkgConfig: "proj",
            providers: [.apt(["libproj-dev"])]
        ),
        .target(name: "Projection", dependencies: ["GeoCore", "CPROJ"]),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Road import, profiles, graph search; knows nothing of sites (the CLI joins the two).
        .target(name: "RoadGraph", dependencies: ["GeoCore", "CZlib"]),
        .target(
            name: "SiteStore",
            dependencies: ["GeoCore", "Projection", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // OSM opening_hours text + a date → time windows (the solver never parses text).
        .target(name: "OpeningHours"),
        // Plans trips: sites + roads + opening hours → solver → timed itinerary and its formats.
        .target(name: "TripPlanner", dependencies: ["GeoCore", "SiteStore", "RoadGraph", "OpeningHours", "Itinerary",
                                                    .product(name: "Yams", package: "Yams")]),
        // The HTTP service: OGC API – Features, planning endpoints, OpenAPI, the map page.
        .target(name: "ShowcaseServer", dependencies: [
            "GeoCore", "SiteStore", "RoadGraph", "OpeningHours", "Itinerary", "TripPlanner",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
        ]),
        // The solver imports nothing of ours: it takes a matrix and windows.
        .target(name: "Itinerary", dependencies: ["GeoCore"]),
        .executableTarget(
            name: "showcase",
            dependencies: [
                "GeoCore", "Projection", "SiteStore", "Itinerary", "RoadGraph", "OpeningHours", "TripPlanner", "ShowcaseServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ProjectionBench",
            dependencies: ["Projection"],
            path: "bench/projection/swift"
        ),
        .executableTarget(
            name: "StoreBench",
            dependencies: ["SiteStore", "GeoCore"],
            path: "bench/store/swift"
        ),
        .executableTarget(
            name: "RoutingBench",
            dependencies: ["RoadGraph", "SiteStore"],
            path: "bench/routing/swift"
        ),
        .executableTarget(
            name: "PlanBench",
            dependencies: ["TripPlanner", "SiteStore", "RoadGraph", "OpeningHours", "Itinerary"],
            path: "bench/plan/swift"
        ),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "CPROJ"]),
        .testTarget(name: "ProjectionTests", dependencies: ["Projection", "GeoCore"], exclude: ["Fixtures"]),
        .testTarget(name: "ItineraryTests", dependencies: ["Itinerary"]),
        .testTarget(name: "SiteStoreTests", dependencies: ["SiteStore", "GeoCore"]),
        .testTarget(name: "OpeningHoursTests", dependencies: ["OpeningHours"], exclude: ["Fixtures"]),
        .testTarget(name: "RoadGraphTests", dependencies: ["RoadGraph", "GeoCore"], exclude: ["Fixtures"]),
        .testTarget(name: "PropertyTests", dependencies: [
            "GeoCore", "Projection", "RoadGraph", "Itinerary", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "CLITests", dependencies: ["showcase"], exclude: ["Fixtures"]),
    ]
)
