import Foundation
import GeoCore
import RoadGraph
import SiteStore
import TripPlanner

extension RoadGraphError: UserError {}

/// Where the shipped profiles live: `Config/profiles/` beside `GeoData/`.
func profilesDirectory(data: String?) throws -> URL {
    try ShippedData.locate(explicit: data).root.appendingPathComponent("Config/profiles")
}

/// Progress on stderr, only when a person is watching (a terminal), at most ten times a second.
final class ProgressLine {
    let label: String
    let enabled = isatty(STDERR_FILENO) == 1
    var last = Date.distantPast
    init(_ label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.1 || done == total else { return }
        last = Date()
        let width = 30, filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)\(done == total ? "\n" : "")".utf8))
    }
}

/// 64-bit FNV-1a: enough to notice that a profile or an input changed (not a security hash).
func fnv1a(_ data: Data, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var h = seed
    data.withUnsafeBytes { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
    return h
}

/// Imports a road file into the store: every requested profile compiled, roads layer written,
/// all in one transaction (the previous network stays until the new one is complete).
func importRoads(path: String, profileNames: [String], profilesDir: URL, into store: SiteStore,
                 source: String, asOf: String? = nil, quiet: Bool = false) throws -> [String] {
    let loaded = try profileNames.map { try Profile.load(named: $0, from: profilesDir) }
    let profiles = loaded.map(\.profile)
    let started = Date()
    let readProgress = ProgressLine("reading \(URL(fileURLWithPath: path).lastPathComponent)")
    let (osm, format) = try RoadImport.read(path: path, profiles: profiles, progress: readProgress.update)
    guard !osm.ways.isEmpty else { throw RoadGraphError.noRoads("\(path): no ways with a highway tag; nothing to route on") }
    let inputHash = fnv1a(try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
    var graphs: [StoredGraph] = []
    var report: [String] = []
    report.append(String(format: "%@: read %d nodes, %d ways (%d with highway), %d relations as %@ in %.1f s", path,
                         osm.counts.nodes, osm.counts.ways, osm.ways.count, osm.counts.relations, format.rawValue, Date().timeIntervalSince(started)))
    for (profile, bytes) in loaded {
        let t0 = Date()
        let chProgress = ProgressLine("contracting \(profile.name)")
        let (graph, stats) = try RoadImport.compile(osm, profile: profile, progress: chProgress.update)
        let blob = try graph.encoded()
        graphs.append(StoredGraph(profile: profile.name, formatVersion: Int(CompiledGraph.formatVersion),
                                  sourceHash: String(format: "%016llx-%016llx", fnv1a(bytes), inputHash), source: source,
                                  nodes: graph.network.nodeCount, edges: graph.network.edgeCount,
                                  shortcuts: graph.hierarchy.shortcutCount, builtAt: asOf ?? ISO8601DateFormatter().string(from: Date()), bytes: blob))
        report.append(String(format: "%@: %d nodes, %d directed edges, %d shortcuts from %d ways (%d segments dropped: an end node is not in the file) in %.1f s",
                             profile.name, graph.network.nodeCount, graph.network.edgeCount, graph.hierarchy.shortcutCount,
                             stats.waysUsed, stats.segmentsMissingNode, Date().timeIntervalSince(t0)))
    }
    let lines = RoadImport.lines(osm, profiles: profiles)
    let features = lines.map { l in
        RoadFeature(line: l.coordinates.map { Position(try! Coordinate(longitude: $0.0, latitude: $0.1)) }, wayID: l.wayID,
                    highway: l.tags["highway"] ?? "road", name: l.tags["name"], ref: l.tags["ref"], maxspeed: l.tags["maxspeed"],
                    oneway: l.tags["oneway"], car: l.usedBy.contains("car"), coach: l.usedBy.contains("coach"),
                    walk: l.usedBy.contains("walk"), lengthMeters: (l.lengthMeters * 10).rounded() / 10)
    }
    try store.replaceRoads(features, graphs: graphs, asOf: asOf)
    report.append("\(store.path): \(features.count) road lines, graphs for \(profileNames.joined(separator: ", "))")
    if !quiet { report.forEach(note) }
    return report
}

/// Loads a profile's compiled graph from the store (one blob read, no rebuild).
func loadGraph(_ store: SiteStore, profile: String) throws -> CompiledGraph {
    guard let stored = try store.roadGraph(profile: profile) else {
        let have = try store.roadGraphSummaries().map(\.profile)
        throw RoadGraphError.badGraph("\(store.path) has no \(profile) road graph" +
            (have.isEmpty ? "; run `showcase init` (shipped Inner Mongolia network) or `showcase roads import FILE`"
                          : " (it has: \(have.joined(separator: ", "))); use --profile \(have[0]) or `showcase roads import FILE --profile \(profile)`"))
    }
    return try CompiledGraph(decoding: stored.bytes)
}

/// A place on the command line: `lon,lat`, a site id, a town name, or a site name (best search match).
typealias Place = PlanPlace

func resolvePlace(_ text: String, in store: SiteStore) throws -> Place {
    do { return try PlaceResolver.resolve(text, in: store) } catch let e as PlanError {
        throw InputError(source: "place", line: nil, reason: e.message)
    }
}

/// Builds the shipped trunk-road network (GeoData/roads.geojson) into the store, every profile.
func loadShippedRoads(_ shipped: ShippedData, into store: SiteStore) throws -> [String] {
    let path = shipped.geoData.appendingPathComponent("roads.geojson").path
    return try importRoads(path: path, profileNames: ["car", "coach"], profilesDir: shipped.root.appendingPathComponent("Config/profiles"),
                           into: store, source: "GeoData/roads.geojson (authored from published corridors; see GeoData/README.md)",
                           asOf: try shipped.asOf(), quiet: true)
}
