import Foundation
import GeoCore

/// Reading any supported road file, and compiling graphs from it.
public enum RoadImport {
    public enum Format: String, Sendable { case pbf, osmXML = "osm", geojson }

    /// The format from the file's first bytes (PBF starts with a big-endian header length, XML
    /// with `<`, GeoJSON with `{`), so a misnamed file is still read right.
    public static func detectFormat(path: String) throws -> Format {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw RoadGraphError.badInput("\(path): cannot read (no such file?)")
        }
        defer { try? handle.close() }
        return try detectFormat(head: (try? handle.read(upToCount: 512)) ?? Data(), source: path)
    }

    /// The format from a file's first bytes (at least the first 512 when there are that many).
    public static func detectFormat(head: Data, source path: String) throws -> Format {
        guard !head.isEmpty else {
            throw RoadGraphError.badInput("\(path): empty file; expected .osm.pbf, .osm or .geojson")
        }
        let text = String(decoding: head.prefix(512), as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if text.hasPrefix("<") { return .osmXML }
        if text.hasPrefix("{") { return .geojson }
        if head.count >= 4, head[head.startIndex] == 0 { return .pbf }
        throw RoadGraphError.badInput("\(path): not an OSM PBF, OSM XML or GeoJSON file")
    }

    public static func read(path: String, profiles: [Profile], progress: ((Int, Int) -> Void)? = nil) throws -> (
        OSMData, Format
    ) {
        let filter = TagFilter(profiles: profiles)
        let format = try detectFormat(path: path)
        switch format {
        case .pbf: return (try PBFReader.read(path: path, keeping: filter, progress: progress), format)
        case .osmXML: return (try OSMXMLReader.read(path: path, keeping: filter), format)
        case .geojson: return (try GeoJSONRoadReader.read(path: path, keeping: filter), format)
        }
    }

    /// Reads road bytes in memory (an upload, a fuzz input); `source` names them in errors.
    public static func read(data: Data, source: String, profiles: [Profile]) throws -> (OSMData, Format) {
        let filter = TagFilter(profiles: profiles)
        let format = try detectFormat(head: data.prefix(512), source: source)
        switch format {
        case .pbf: return (try PBFReader.read(data: data, source: source, keeping: filter), format)
        case .osmXML: return (try OSMXMLReader.read(data: data, source: source, keeping: filter), format)
        case .geojson: return (try GeoJSONRoadReader.read(data: data, source: source, keeping: filter), format)
        }
    }

    /// Builds a profile's network, hierarchy and snapping index.
    public static func compile(
        _ osm: OSMData, profile: Profile, options: NetworkBuilder.Options = .full, progress: ((Int, Int) -> Void)? = nil
    ) throws -> (CompiledGraph, NetworkBuilder.Stats) {
        let (network, stats) = NetworkBuilder.build(osm, profile: profile, options: options)
        guard network.edgeCount > 0 else {
            throw RoadGraphError.noRoads("no way in the input is usable by the \(profile.name) profile")
        }
        let hierarchy = ContractionHierarchy.build(network, progress: progress)
        return (
            CompiledGraph(
                network: network, hierarchy: hierarchy, index: SegmentIndex(network: network), profile: profile), stats
        )
    }

    /// One piece of a way as the `roads` layer shows it: consecutive kept nodes, and which profiles use it.
    public struct Line: Sendable {
        public var wayID: Int64
        public var tags: [String: String]
        public var coordinates: [(Double, Double)]
        public var lengthMeters: Double
        public var usedBy: Set<String>
    }

    /// The ways usable by at least one profile, split where a node is missing from the file.
    public static func lines(_ osm: OSMData, profiles: [Profile]) -> [Line] {
        var out: [Line] = []
        for way in osm.ways {
            let used = Set(profiles.filter { $0.classify(way.tags) != nil }.map(\.name))
            guard !used.isEmpty else { continue }
            var piece: [(Double, Double)] = []
            var length = 0.0
            func flush() {
                if piece.count >= 2 {
                    out.append(
                        Line(wayID: way.id, tags: way.tags, coordinates: piece, lengthMeters: length, usedBy: used))
                }
                piece = []; length = 0
            }
            var previous: Int64?
            for ref in osm.wayRefs[way.refRange] {
                if ref == previous { continue }
                previous = ref
                guard let i = osm.nodeIndex(ref) else { flush(); continue }
                let p = (osm.longitudes[i], osm.latitudes[i])
                if let last = piece.last {
                    length += Distance.haversineMeters(last.0, last.1, p.0, p.1) * way.lengthFactor
                }
                piece.append(p)
            }
            flush()
        }
        return out
    }
}
