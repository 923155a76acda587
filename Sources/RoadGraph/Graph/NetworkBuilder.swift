import Foundation
import GeoCore

/// Turns OSM ways into a profile's `RoadNetwork` following docs/car-profile.md §4.
public enum NetworkBuilder {
    /// What the build kept and dropped, for `roads import` to report.
    public struct Stats: Sendable, Equatable {
        public var waysUsed = 0
        public var segmentsKept = 0
        public var segmentsMissingNode = 0
        public var segmentsSameNode = 0
    }

    public static func build(_ osm: OSMData, profile: Profile) -> (network: RoadNetwork, stats: Stats) {
        var stats = Stats()
        var edges: [(tail: Int32, head: Int32, cost: Cost)] = []
        var used = [Bool](repeating: false, count: osm.nodeIDs.count)
        var segments: [(a: Int, b: Int, cost: Cost, dir: WayUse.Direction)] = []
        for way in osm.ways {
            guard let use = profile.classify(way.tags) else { continue }
            var kept = false
            let refs = osm.wayRefs[way.refRange]
            for (x, y) in zip(refs, refs.dropFirst()) {
                if x == y { stats.segmentsSameNode += 1; continue }
                guard let a = osm.nodeIndex(x), let b = osm.nodeIndex(y) else { stats.segmentsMissingNode += 1; continue }
                let meters = Distance.haversineMeters(osm.longitudes[a], osm.latitudes[a], osm.longitudes[b], osm.latitudes[b]) * way.lengthFactor
                var micros = (meters * 3.6 / use.speedKmh * 1e6).rounded()
                if micros == 0, meters > 0 { micros = 1 } // keeps A*'s bound valid on sub-millimetre segments
                segments.append((a, b, Cost(time: Int64(micros), length: Int64((meters * 1e6).rounded())), use.direction))
                used[a] = true; used[b] = true
                stats.segmentsKept += 1
                kept = true
            }
            if kept { stats.waysUsed += 1 }
        }
        var compact = [Int32](repeating: -1, count: osm.nodeIDs.count)
        var ids: [Int64] = [], lons: [Double] = [], lats: [Double] = []
        for i in used.indices where used[i] {
            compact[i] = Int32(ids.count)
            ids.append(osm.nodeIDs[i]); lons.append(osm.longitudes[i]); lats.append(osm.latitudes[i])
        }
        edges.reserveCapacity(segments.count * 2)
        for s in segments {
            let a = compact[s.a], b = compact[s.b]
            if s.dir != .backward { edges.append((a, b, s.cost)) }
            if s.dir != .forward { edges.append((b, a, s.cost)) }
        }
        return (RoadNetwork(profile: profile.name, osmIDs: ids, longitudes: lons, latitudes: lats, edges: edges), stats)
    }
}
