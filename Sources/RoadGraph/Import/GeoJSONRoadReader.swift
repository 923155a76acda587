import Foundation
import GeoCore

/// Reads road lines from GeoJSON: each LineString (or MultiLineString part) is a way, and lines
/// are joined where they share a coordinate (equal at 7 decimals, about 1 cm).
///
/// Properties become tags (`highway`, `maxspeed`, `oneway`, `name`, `ref`, …); a line without
/// `highway` is taken as `highway=road`. A numeric `length_factor` ≥ 1 stretches the line's
/// lengths, for coarse networks whose straight segments are shorter than the road they stand for.
public enum GeoJSONRoadReader {
    /// GeoJSON is parsed whole in memory (about ten times its size); larger networks belong in .osm.pbf.
    public static let maxFileBytes = 1 << 30

    public static func read(path: String, keeping filter: TagFilter) throws -> OSMData {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxFileBytes {
            throw RoadGraphError.badInput(
                "\(path): \(size >> 20) MB of GeoJSON is over the \(maxFileBytes >> 20) MB limit; convert it to .osm.pbf (e.g. ogr2osm, osmium) or split it"
            )
        }
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw RoadGraphError.badInput("\(path): cannot read")
        }
        return try read(data: bytes, source: path, keeping: filter)
    }

    /// Reads GeoJSON bytes in memory; `source` names them in error messages.
    public static func read(data bytes: Data, source path: String, keeping filter: TagFilter) throws -> OSMData {
        guard !bytes.isEmpty else { throw RoadGraphError.badInput("\(path): empty file") }
        let geojson: GeoJSON
        do { geojson = try GeoJSON.decode(bytes) } catch { throw RoadGraphError.badInput("\(path): \(error)") }
        let features: [Feature]
        switch geojson {
        case .featureCollection(let fc): features = fc.features
        case .feature(let f): features = [f]
        case .geometry(let g): features = [Feature(geometry: g)]
        }
        var data = OSMData()
        var nodeOfPosition: [Int64: Int64] = [:] // packed 1e-7 lon/lat → synthetic node id
        var positions: [(lon: Double, lat: Double)] = []
        func node(_ p: Position) -> Int64 {
            let lon = GeoJSON.rounded(p.longitude), lat = GeoJSON.rounded(p.latitude)
            let key = Int64((lon * 1e7).rounded()) &* 4_000_000_000 &+ Int64((lat * 1e7).rounded())
            if let id = nodeOfPosition[key] { return id }
            positions.append((lon, lat))
            let id = Int64(positions.count)
            nodeOfPosition[key] = id
            return id
        }
        for (index, feature) in features.enumerated() {
            let lines: [[Position]]
            switch feature.geometry {
            case .lineString(let l)?: lines = [l]
            case .multiLineString(let ls)?: lines = ls
            default: continue
            }
            var tags: [String: String] = [:]
            var factor = 1.0
            for (key, value) in feature.properties?.members ?? [] {
                if key == "length_factor" {
                    guard let f = value.numberValue, f >= 1, f <= 5 else {
                        throw RoadGraphError.badInput(
                            "\(path): features[\(index)].properties.length_factor must be a number from 1 to 5")
                    }
                    factor = f
                    continue
                }
                guard filter.keys.contains(key) else { continue }
                switch value {
                case .string(let s): tags[key] = s
                case .number(let n): tags[key] = n == n.rounded() ? String(Int64(n)) : String(n)
                case .bool(let b): tags[key] = b ? "yes" : "no"
                default: break
                }
            }
            if tags["highway"] == nil { tags["highway"] = "road" }
            for line in lines {
                data.counts.ways += 1
                let start = data.wayRefs.count
                for p in line { data.wayRefs.append(node(p)) }
                data.ways.append(
                    OSMWay(
                        id: Int64(index + 1), tags: tags, refStart: start,
                        refCount: line.count, lengthFactor: factor))
            }
        }
        guard !data.ways.isEmpty else {
            throw RoadGraphError.noRoads(
                "\(path): no LineString or MultiLineString features; a road network needs lines")
        }
        data.nodeIDs = positions.indices.map { Int64($0 + 1) }
        data.longitudes = positions.map(\.lon)
        data.latitudes = positions.map(\.lat)
        data.counts.nodes = positions.count
        return data
    }
}
