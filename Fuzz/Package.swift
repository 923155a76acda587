// swift-tools-version: 6.0
import Foundation
import PackageDescription

// libFuzzer targets for every parser of outside data. Built only by scripts/fuzz.sh, with
// `-sanitize=fuzzer,address`; each harness's `main` hands its function to libFuzzer (FuzzDriver).
// The parent package's identity is its folder's name, which differs between clones.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

func target(_ name: String, _ products: [String], _ extra: [Target.Dependency] = []) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzDriver"] + products.map { .product(name: $0, package: root) } + extra)
}

let package = Package(
    name: "ShowcaseFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "FuzzDriver"),
        target("FuzzGeoJSON", ["GeoCore"]),
        target("FuzzSiteFile", ["SiteStore"]),
        target("FuzzOSMPBF", ["RoadGraph"]),
        target("FuzzOSMXML", ["RoadGraph"]),
        target("FuzzOpeningHours", ["OpeningHours"]),
        target("FuzzVroom", ["Itinerary"]),
        target("FuzzPlanFile", ["Planner", "OpeningHours"]),
        target("FuzzHTTPQuery", ["ShowcaseServer", "Service"], [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ]
)
