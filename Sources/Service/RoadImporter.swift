import Foundation
import GeoCore
import RoadGraph
import SiteStore

/// Progress for long work: given a label (`reading helsinki.osm.pbf`), how to report done/total.
/// The CLI draws a bar on a terminal; the server and tests pass nil.
public typealias ProgressReporter = @Sendable (String) -> ((Int, Int) -> Void)?

/// Road networks into the database: every profile compiled, the `roads` layer written, and each
/// graph stamped with a fingerprint of its profile and input so a later edit shows as stale.
public enum RoadImporter {
    /// Imports a road file, all in one transaction (the previous network stays until the new one
    /// is complete). Returns what was read and built, a line each.
    public static func importRoads(
        path: String, profileNames: [String], profilesDirectory: URL, into store: SiteStore,
        source: String, asOf: String? = nil, progress: ProgressReporter? = nil
    ) throws -> [String] {
        for n in profileNames where !Profile.shippedNames.contains(n) {
            throw RoadGraphError.badProfile(
                "unknown «profile» \"\(n)\"; use one of \(Profile.shippedNames.joined(separator: ", ")) or all")
        }
        let loaded = try profileNames.map { try Profile.load(named: $0, from: profilesDirectory) }
        let profiles = loaded.map(\.profile)
        let started = Date()
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let (osm, format) = try RoadImport.read(
            path: path, profiles: profiles, progress: progress?("reading \(fileName)"))
        guard !osm.ways.isEmpty else {
            throw RoadGraphError.noRoads("\(path): no ways with a highway tag; nothing to route on")
        }
        let inputHash = fnv1a(try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped))
        var graphs: [StoredGraph] = []
        var report = [
            String(
                format: "%@: read %d nodes, %d ways (%d with highway), %d relations as %@ in %.1f s", path,
                osm.counts.nodes, osm.counts.ways, osm.ways.count, osm.counts.relations, format.rawValue,
                Date().timeIntervalSince(started))
        ]
        for (profile, bytes) in loaded {
            let t0 = Date()
            let (graph, stats) = try RoadImport.compile(
                osm, profile: profile, progress: progress?("contracting \(profile.name)"))
            graphs.append(
                StoredGraph(
                    profile: profile.name, formatVersion: Int(CompiledGraph.formatVersion),
                    sourceHash: fingerprint(profile: bytes, inputHash: inputHash), source: source,
                    nodes: graph.network.nodeCount, edges: graph.network.edgeCount,
                    shortcuts: graph.hierarchy.shortcutCount,
                    builtAt: asOf ?? ISO8601DateFormatter().string(from: Date()),
                    bytes: try graph.encoded()))
            report.append(
                String(
                    format:
                        "%@: %d nodes, %d directed edges, %d shortcuts from %d ways (%d segments dropped: an end node is not in the file) in %.1f s",
                    profile.name, graph.network.nodeCount, graph.network.edgeCount, graph.hierarchy.shortcutCount,
                    stats.waysUsed, stats.segmentsMissingNode, Date().timeIntervalSince(t0)))
            var extras: [String] = []
            if stats.restrictionsApplied + stats.restrictionsUnresolved > 0 {
                extras.append(
                    "\(stats.restrictionsApplied) turn restrictions applied (\(stats.restrictionsUnresolved) not placed: a member is missing from the file or the ways do not meet)"
                )
            }
            if stats.blockingBarriers > 0 { extras.append("\(stats.blockingBarriers) barriers closed to it") }
            if stats.ferryWays > 0 { extras.append("\(stats.ferryWays) ferries") }
            if !extras.isEmpty { report.append("\(profile.name): " + extras.joined(separator: ", ")) }
        }
        let features = try RoadImport.lines(osm, profiles: profiles).map { l in
            RoadFeature(
                line: try l.coordinates.map { Position(try Coordinate(longitude: $0.0, latitude: $0.1)) },
                wayID: l.wayID,
                highway: l.tags["highway"] ?? (l.tags["route"] == "ferry" ? "ferry" : "road"), name: l.tags["name"],
                ref: l.tags["ref"], maxspeed: l.tags["maxspeed"],
                oneway: l.tags["oneway"], car: l.usedBy.contains("car"), coach: l.usedBy.contains("coach"),
                walk: l.usedBy.contains("walk"), lengthMeters: (l.lengthMeters * 10).rounded() / 10)
        }
        try store.replaceRoads(features, graphs: graphs, asOf: asOf)
        report.append("\(store.path): \(features.count) road lines, graphs for \(profileNames.joined(separator: ", "))")
        return report
    }

    /// `profile-hash-input-hash`: a graph is current while both still match.
    static func fingerprint(profile: Data, inputHash: UInt64) -> String {
        String(format: "%016llx-%016llx", fnv1a(profile), inputHash)
    }

    /// Why a stored graph no longer matches what would be built now, or nil if it does.
    public static func staleness(of graph: StoredGraph, profilesDirectory: URL) -> String? {
        var why: [String] = []
        if let (_, bytes) = try? Profile.load(named: graph.profile, from: profilesDirectory),
            !graph.sourceHash.hasPrefix(String(format: "%016llx", fnv1a(bytes)))
        {
            why.append("Config/profiles/\(graph.profile).json changed since: import the roads again to apply it")
        }
        if graph.formatVersion != Int(CompiledGraph.formatVersion) {
            why.append("old graph format: import the roads again")
        }
        return why.isEmpty ? nil : why.joined(separator: "; ")
    }

    /// 64-bit FNV-1a: enough to notice that a profile or an input changed (not a security hash).
    static func fnv1a(_ data: Data) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
        return h
    }
}
