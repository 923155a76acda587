import Foundation
import GeoCore

/// Turns OSM ways into a profile's `RoadNetwork` following docs/car-profile.md §4, plus what
/// the spec leaves out and users expect: turn restrictions, barriers, ferries, surfaces.
public enum NetworkBuilder {
    /// What the build kept and dropped, for `roads import` to report.
    public struct Stats: Sendable, Equatable {
        public var waysUsed = 0
        public var segmentsKept = 0
        public var segmentsMissingNode = 0
        public var segmentsSameNode = 0
        public var ferryWays = 0
        public var blockingBarriers = 0
        /// Restriction relations that bind the profile and were applied / could not be placed
        /// on the graph (a member missing from the extract, ways that do not meet).
        public var restrictionsApplied = 0
        public var restrictionsUnresolved = 0
    }

    /// Which rules beyond docs/car-profile.md apply. `.literal` is the spec alone, for the
    /// comparison with the independent oracle (which implements the spec and nothing else).
    public struct Options: Sendable, Equatable {
        public var turnRestrictions = true
        public var barriers = true
        public var ferriesAndSurfaces = true
        public static let full = Options()
        public static let literal = Options(turnRestrictions: false, barriers: false, ferriesAndSurfaces: false)
        public init(turnRestrictions: Bool = true, barriers: Bool = true, ferriesAndSurfaces: Bool = true) {
            self.turnRestrictions = turnRestrictions; self.barriers = barriers;
            self.ferriesAndSurfaces = ferriesAndSurfaces
        }
    }

    /// One piece of road between two consecutive nodes of a way (indices into the OSM node arrays).
    struct Segment { var a: Int; var b: Int; var cost: Cost; var direction: WayUse.Direction }

    public static func build(_ osm: OSMData, profile: Profile, options: Options = .full) -> (
        network: RoadNetwork, stats: Stats
    ) {
        var stats = Stats()
        var used = [Bool](repeating: false, count: osm.nodeIDs.count)
        var segments: [Segment] = []
        // Where each used way's segments are, for placing restrictions on the graph.
        var waySegments: [Int64: Range<Int>] = [:]
        for way in osm.ways {
            guard let use = profile.classify(way.tags, literal: !options.ferriesAndSurfaces) else { continue }
            let first = segments.count
            let refs = osm.wayRefs[way.refRange]
            for (x, y) in zip(refs, refs.dropFirst()) {
                if x == y { stats.segmentsSameNode += 1; continue }
                guard let a = osm.nodeIndex(x), let b = osm.nodeIndex(y) else {
                    stats.segmentsMissingNode += 1; continue
                }
                let meters =
                    Distance.haversineMeters(osm.longitudes[a], osm.latitudes[a], osm.longitudes[b], osm.latitudes[b])
                    * way.lengthFactor
                segments.append(
                    Segment(
                        a: a, b: b, cost: Cost(time: 0, length: Int64((meters * 1e6).rounded())),
                        direction: use.direction))
                used[a] = true; used[b] = true
            }
            guard segments.count > first else { continue }
            // Time per segment: by speed, or a ferry's stated duration shared out by length.
            let total = segments[first...].reduce(0) { $0 + Double($1.cost.length) }
            for i in first..<segments.count {
                let meters = Double(segments[i].cost.length) / 1e6
                var micros: Double
                if let minutes = use.ferryMinutes, total > 0 {
                    micros = (minutes * 60e6 * Double(segments[i].cost.length) / total).rounded()
                } else {
                    micros = (meters * 3.6 / use.speedKmh * 1e6).rounded()
                }
                if micros == 0, meters > 0 { micros = 1 } // keeps A*'s bound valid on sub-millimetre segments
                segments[i].cost.time = Int64(micros)
            }
            if way.tags["highway"] == nil { stats.ferryWays += 1 }
            stats.segmentsKept += segments.count - first
            stats.waysUsed += 1
            waySegments[way.id] = first..<segments.count
        }
        var compact = [Int32](repeating: -1, count: osm.nodeIDs.count)
        var ids: [Int64] = [], lons: [Double] = [], lats: [Double] = []
        for i in used.indices where used[i] {
            compact[i] = Int32(ids.count)
            ids.append(osm.nodeIDs[i]); lons.append(osm.longitudes[i]); lats.append(osm.latitudes[i])
        }
        let baseCount = ids.count
        var copyOf: [Int32] = []
        // A blocking barrier splits its node: each segment touching it ends at a node of its own,
        // so the road up to the barrier is reachable but no route passes through.
        var blocked = Set<Int>()
        if options.barriers {
            for (id, tags) in osm.barriers where profile.isBlocked(byBarrier: tags) {
                if let i = osm.nodeIndex(id), used[i] { blocked.insert(i) }
            }
            stats.blockingBarriers = blocked.count
        }
        func endpoint(_ i: Int) -> Int32 {
            guard blocked.contains(i) else { return compact[i] }
            copyOf.append(compact[i])
            ids.append(osm.nodeIDs[i]); lons.append(osm.longitudes[i]); lats.append(osm.latitudes[i])
            return Int32(ids.count - 1)
        }
        var edges: [(tail: Int32, head: Int32, cost: Cost)] = []
        edges.reserveCapacity(segments.count * 2)
        // The directed edges of each segment (-1 where its direction is not allowed).
        var forwardEdge = [Int32](repeating: -1, count: segments.count)
        var backwardEdge = [Int32](repeating: -1, count: segments.count)
        for (i, s) in segments.enumerated() {
            let a = endpoint(s.a), b = endpoint(s.b)
            if s.direction != .backward { forwardEdge[i] = Int32(edges.count); edges.append((a, b, s.cost)) }
            if s.direction != .forward { backwardEdge[i] = Int32(edges.count); edges.append((b, a, s.cost)) }
        }
        if options.turnRestrictions, profile.turnRestrictions != nil {
            let placer = RestrictionPlacer(
                segments: segments, waySegments: waySegments, forward: forwardEdge, backward: backwardEdge, osm: osm)
            var rules: [TurnRules.Rule] = []
            for r in osm.restrictions {
                guard let only = profile.restrictionKind(r.tags) else { continue }
                let placed = placer.rules(for: r, only: only)
                if placed.isEmpty {
                    stats.restrictionsUnresolved += 1
                } else {
                    stats.restrictionsApplied += 1; rules += placed
                }
            }
            if !rules.isEmpty {
                let expanded = TurnRules.expand(nodeCount: ids.count, edges: edges, rules: rules)
                edges = expanded.edges
                for original in expanded.copyOf {
                    let o = Int(original)
                    let base = o < baseCount ? Int32(o) : copyOf[o - baseCount]
                    copyOf.append(base)
                    ids.append(ids[o]); lons.append(lons[o]); lats.append(lats[o])
                }
            }
        }
        let network = RoadNetwork(
            profile: profile.name, osmIDs: ids, longitudes: lons, latitudes: lats, edges: edges,
            baseNodeCount: baseCount, copyOf: copyOf)
        return (network, stats)
    }
}

/// Finds the graph edges a restriction relation names: from-edges into the via node (or via
/// path), the via path's edges, and the to-edges out of it.
struct RestrictionPlacer {
    let segments: [NetworkBuilder.Segment]
    let waySegments: [Int64: Range<Int>]
    let forward: [Int32]
    let backward: [Int32]
    let osm: OSMData

    /// Edges of way `w` entering node `v` (OSM node index).
    func edges(of w: Int64, into v: Int) -> [Int32] { edges(of: w, at: v, entering: true) }

    /// Edges of way `w` leaving node `v`.
    func edges(of w: Int64, outOf v: Int) -> [Int32] { edges(of: w, at: v, entering: false) }

    /// A segment `a → b` enters `b` forwards and `a` backwards, and leaves the other way round.
    private func edges(of w: Int64, at v: Int, entering: Bool) -> [Int32] {
        guard let range = waySegments[w] else { return [] }
        var out: [Int32] = []
        for i in range {
            if (entering ? segments[i].b : segments[i].a) == v, forward[i] >= 0 { out.append(forward[i]) }
            if (entering ? segments[i].a : segments[i].b) == v, backward[i] >= 0 { out.append(backward[i]) }
        }
        return out
    }

    /// The other end of the segment an edge lies on, seen from `v`.
    func neighbour(_ e: Int32, of v: Int) -> Int {
        let s = segments[segmentOf(e)]
        return s.a == v ? s.b : s.a
    }

    func segmentOf(_ e: Int32) -> Int {
        // Edges were appended segment by segment, forward before backward.
        var lo = 0, hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            let first = forward[mid] >= 0 ? forward[mid] : backward[mid]
            if first <= e { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    func rules(for r: OSMRestriction, only: Bool) -> [TurnRules.Rule] {
        guard r.from.count == 1, r.to.count >= 1 else { return [] }
        let from = r.from[0]
        if r.viaNodes.count == 1, r.viaWays.isEmpty {
            guard let v = osm.nodeIndex(r.viaNodes[0]) else { return [] }
            let ins = edges(of: from, into: v)
            let outs = r.to.flatMap { edges(of: $0, outOf: v) }
            guard !ins.isEmpty, !outs.isEmpty else { return [] }
            return ins.map { e in
                // From a way to itself: no_* (a u-turn) forbids going back where the edge came
                // from, only_* (straight on) allows going on along the way, not back.
                var targets = outs
                if r.to == [from] {
                    let back = outs.filter { neighbour($0, of: v) == neighbour(e, of: v) }
                    targets = only ? outs.filter { !back.contains($0) } : back
                }
                return TurnRules.Rule(path: [e], to: targets, only: only)
            }.filter { !$0.to.isEmpty }
        }
        guard r.viaNodes.isEmpty, !r.viaWays.isEmpty else { return [] }
        // Via ways: walk them in order from the node they share with the from-way to the one
        // they share with the to-way.
        guard let fromRange = waySegments[from] else { return [] }
        let fromNodes = Set(fromRange.flatMap { [segments[$0].a, segments[$0].b] })
        for start in ends(of: r.viaWays[0]) where fromNodes.contains(start) {
            var node = start
            var path: [Int32] = []
            var ok = true
            for (k, w) in r.viaWays.enumerated() {
                guard let walk = walk(w, from: node) else { ok = false; break }
                path += walk.edges; node = walk.end
                if k + 1 < r.viaWays.count, !ends(of: r.viaWays[k + 1]).contains(node) { ok = false; break }
            }
            guard ok else { continue }
            let outs = r.to.flatMap { edges(of: $0, outOf: node) }
            let ins = edges(of: from, into: start)
            guard !outs.isEmpty, !ins.isEmpty else { continue }
            return ins.map { TurnRules.Rule(path: [$0] + path, to: outs, only: only) }
        }
        return []
    }

    func ends(of w: Int64) -> [Int] {
        guard let range = waySegments[w], !range.isEmpty else { return [] }
        return [segments[range.first!].a, segments[range.last!].b]
    }

    /// The edges along way `w` from one of its ends to the other, if it may be driven that way.
    func walk(_ w: Int64, from start: Int) -> (edges: [Int32], end: Int)? {
        guard let range = waySegments[w], !range.isEmpty else { return nil }
        var edges: [Int32] = []
        if segments[range.first!].a == start {
            for i in range {
                guard forward[i] >= 0, i == range.first! || segments[i].a == segments[i - 1].b else { return nil }
                edges.append(forward[i])
            }
            return (edges, segments[range.last!].b)
        }
        if segments[range.last!].b == start {
            for i in range.reversed() {
                guard backward[i] >= 0, i == range.last! || segments[i].b == segments[i + 1].a else { return nil }
                edges.append(backward[i])
            }
            return (edges, segments[range.first!].a)
        }
        return nil
    }
}
