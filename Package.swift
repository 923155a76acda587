// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: showcase (CLI) → library modules → GeoCore. See DESIGN.md in README.
let package = Package(
    name: "ShowcaseRoutePlanner",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "showcase", targets: ["showcase"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "Projection", targets: ["Projection"]),
        .library(name: "SiteStore", targets: ["SiteStore"]),
        .library(name: "Itinerary", targets: ["Itinerary"]),
        .library(name: "RoadGraph", targets: ["RoadGraph"]),
        .library(name: "OpeningHours", targets: ["OpeningHours"]),
        .library(name: "Planner", targets: ["Planner"]),
        .library(name: "Service", targets: ["Service"]),
        .library(name: "PostGISStore", targets: ["PostGISStore"]),
        .library(name: "ShowcaseServer", targets: ["ShowcaseServer"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // SHA-256 of editors' tokens (the editors file holds hashes, never tokens).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The PostgreSQL/PostGIS store for many editors and replicas (the GeoPackage stays the default).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2")
    ],
    targets: [
        // Every text a user reads, in each language: phrase enums worded in one file per language.
        .target(name: "Words"),
        .target(name: "GeoCore", dependencies: ["Words"]),
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
        .target(name: "RoadGraph", dependencies: ["GeoCore", "CZlib", "Words"]),
        .target(
            name: "SiteStore",
            dependencies: [
                "GeoCore", "Projection", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift")
            ]
        ),
        // The same store on PostgreSQL + PostGIS (SiteStore's RemoteStore), through postgres-nio.
        .target(
            name: "PostGISStore",
            dependencies: ["GeoCore", "SiteStore", .product(name: "PostgresNIO", package: "postgres-nio")]),
        // OSM opening_hours text + a date → time windows (the solver never parses text).
        .target(name: "OpeningHours", dependencies: ["GeoCore"]),
        // Plans trips: sites + roads + opening hours → solver → timed itinerary and its formats.
        .target(
            name: "Planner",
            dependencies: [
                "GeoCore", "SiteStore", "RoadGraph", "OpeningHours", "Itinerary", "Words",
                .product(name: "Yams", package: "Yams")
            ]),
        // The operations every face calls (route, matrix, reach, solve, plan, evaluate, sites,
        // bootstrap, road import), with typed requests and results and one renderer per format.
        .target(
            name: "Service",
            dependencies: [
                "GeoCore", "Projection", "SiteStore", "RoadGraph", "OpeningHours", "Itinerary", "Planner", "Words"
            ]),
        // The HTTP service: a thin face on Service — OGC API – Features, planning endpoints, OpenAPI, the web app.
        .target(
            name: "ShowcaseServer",
            dependencies: [
                "GeoCore", "SiteStore", "Planner", "Service", "Words",
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto")
            ], resources: [.copy("WebApp")]),
        // The solver imports nothing of ours: it takes a matrix and windows.
        .target(name: "Itinerary", dependencies: ["GeoCore"]),
        .executableTarget(
            name: "showcase",
            dependencies: [
                "GeoCore", "Projection", "SiteStore", "RoadGraph", "Planner", "Service", "ShowcaseServer", "Words",
                "PostGISStore", .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser")
            ]
        ),
        // Helpers every test target shares: running reference tools, a seeded generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "CPROJ", "TestSupport"]),
        .testTarget(
            name: "ProjectionTests", dependencies: ["Projection", "GeoCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ItineraryTests", dependencies: ["Itinerary", "TestSupport"]),
        .testTarget(name: "SiteStoreTests", dependencies: ["SiteStore", "GeoCore", "TestSupport"]),
        .testTarget(name: "OpeningHoursTests", dependencies: ["OpeningHours", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "RoadGraphTests", dependencies: ["RoadGraph", "GeoCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "PropertyTests",
            dependencies: [
                "GeoCore", "Projection", "RoadGraph", "Itinerary", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based")
            ]),
        .testTarget(name: "CLITests", dependencies: ["showcase", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "PlannerTests", dependencies: ["Planner", "Service", "SiteStore", "OpeningHours", "TestSupport"]),
        .testTarget(
            name: "ServiceTests",
            dependencies: [
                "Service", "ShowcaseServer", "Planner", "GeoCore", "Words", "TestSupport",
                .product(name: "Logging", package: "swift-log")
            ])
    ]
)
