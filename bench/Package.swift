// swift-tools-version: 6.0
import Foundation
import PackageDescription

// The benchmark programs, kept out of the project's default build: each bench/*/run.sh builds
// its program here in release mode (`swift build -c release --package-path bench --product …`).
// The parent package's identity is its folder's name, which differs between clones.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

func bench(_ name: String, _ path: String, _ products: [String]) -> Target {
    .executableTarget(name: name, dependencies: products.map { .product(name: $0, package: root) }, path: path)
}

let package = Package(
    name: "ShowcaseBench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        bench("ProjectionBench", "projection/swift", ["Projection"]),
        bench("StoreBench", "store/swift", ["SiteStore", "GeoCore"]),
        bench("RoutingBench", "routing/swift", ["RoadGraph", "SiteStore"]),
        bench("PlanBench", "plan/swift", ["Planner", "SiteStore", "RoadGraph", "OpeningHours", "Itinerary"]),
    ]
)
