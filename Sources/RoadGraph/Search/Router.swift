import Foundation
import GeoCore

/// Routing on one compiled graph: snapping points, routes by any algorithm, matrices, reach.
///
/// A point off the road joins it at its projection on the nearest edge; the leg between them
/// is the profile's last mile (straight line × detour factor at a low speed), counted in the
/// results and drawn as the first and last piece of the route's geometry.
public final class Router {
    public enum Algorithm: String, CaseIterable, Sendable { case dijkstra, astar, ch }

    public let graph: CompiledGraph
    var network: RoadNetwork { graph.network }
    private lazy var dijkstra = DijkstraSearch(graph.network)
    private lazy var astar = BidirectionalAStar(graph.network)
    private lazy var chQuery = CHQuery(graph.hierarchy)

    public init(_ graph: CompiledGraph) { self.graph = graph }

    /// A point joined to the network.
    public struct Location: Sendable {
        public var longitude: Double
        public var latitude: Double
        public var snap: SegmentIndex.Snap
        /// The last-mile leg between the point and the road.
        public var access: Cost
        /// Ways to leave the point onto the graph, and to arrive at it from the graph.
        public var departures: [Seed]
        public var arrivals: [Seed]
    }

    public func locate(longitude: Double, latitude: Double) throws -> Location {
        guard let snap = graph.index.nearest(longitude: longitude, latitude: latitude, in: network) else {
            throw RoadGraphError.noRoads("the \(graph.profile.name) graph has no roads")
        }
        let mile = graph.profile.lastMile
        guard snap.distance <= mile.maxKm * 1000 else {
            throw RoadGraphError.tooFarFromRoad(
                String(
                    format:
                        "%.5f,%.5f is %.1f km from the nearest %@ road (limit %.0f km, last_mile.max_km in the profile)",
                    longitude, latitude, snap.distance / 1000, graph.profile.name, mile.maxKm))
        }
        let accessMeters = snap.distance * mile.detourFactor
        let access = Cost(
            time: Int64((accessMeters * 3.6 / mile.speedKmh * 1e6).rounded()),
            length: Int64((accessMeters * 1e6).rounded()))
        var departures: [Seed] = [], arrivals: [Seed] = []
        let t = snap.fraction
        // On a node itself: start there too, so one-way edges that only leave the node count.
        let atTail =
            Distance.haversineMeters(
                snap.longitude, snap.latitude, network.longitudes[snap.tail], network.latitudes[snap.tail]) < 0.001
        let atHead =
            Distance.haversineMeters(
                snap.longitude, snap.latitude, network.longitudes[snap.head], network.latitudes[snap.head]) < 0.001
        if atTail || atHead {
            // Starting at a node, no turn has been made; arriving, any way in will do.
            let node = atTail ? snap.tail : snap.head
            departures.append(Seed(node: node, cost: access))
            for v in network.variants(node) { arrivals.append(Seed(node: v, cost: access)) }
        }
        // Along the snapped road each way: every copy of its start node that may turn onto it
        // can arrive, and leaving lands wherever the road's edges lead (a restricted junction's copy).
        for (from, to, before) in [(snap.tail, snap.head, t), (snap.head, snap.tail, 1 - t)] {
            for e in network.edges(fromBase: from, toBase: to) {
                let c = network.cost(e)
                departures.append(Seed(node: Int(network.head[e]), cost: access + Router.part(c, 1 - before)))
                arrivals.append(Seed(node: Int(network.inTailOfEdge(e)), cost: access + Router.part(c, before)))
            }
        }
        return Location(
            longitude: longitude, latitude: latitude, snap: snap, access: access, departures: departures,
            arrivals: arrivals)
    }

    static func part(_ c: Cost, _ f: Double) -> Cost {
        if f <= 0 { return .zero }
        if f >= 1 { return c }
        return Cost(time: Int64((Double(c.time) * f).rounded()), length: Int64((Double(c.length) * f).rounded()))
    }

    /// The cost of staying on the shared segment when both points snap onto it.
    func sameSegment(_ a: Location, _ b: Location) -> Cost? {
        let sa = a.snap, sb = b.snap
        let fa = sa.fraction
        var fb = sb.fraction
        if sa.tail == sb.head && sa.head == sb.tail {
            fb = 1 - fb
        } else if !(sa.tail == sb.tail && sa.head == sb.head) {
            return nil
        }
        var best: Cost?
        if fa <= fb, let e = network.baseEdge(from: sa.tail, to: sa.head) {
            best = Router.part(network.cost(e), fb - fa)
        }
        if fa >= fb, let e = network.baseEdge(from: sa.head, to: sa.tail) {
            let c = Router.part(network.cost(e), fa - fb)
            if best == nil || c < best! { best = c }
        }
        return best.map { a.access + $0 + b.access }
    }

    /// Two points both off the road may be closer to each other than to any road: then the
    /// last-mile model (straight line × detour at the last-mile speed) applies between them
    /// directly, as it does between a point and the road. The same point costs nothing.
    func offRoad(_ a: Location, _ b: Location) -> Cost? {
        if a.longitude == b.longitude && a.latitude == b.latitude { return .zero }
        guard a.snap.distance > 0.5, b.snap.distance > 0.5 else { return nil }
        let mile = graph.profile.lastMile
        let meters = Distance.haversineMeters(a.longitude, a.latitude, b.longitude, b.latitude)
        guard meters <= mile.maxKm * 1000 else { return nil }
        let m = meters * mile.detourFactor
        return Cost(time: Int64((m * 3.6 / mile.speedKmh * 1e6).rounded()), length: Int64((m * 1e6).rounded()))
    }

    /// A route: its cost and its geometry (point, road, point), as lon/lat pairs.
    public struct Route: Sendable {
        public var cost: Cost
        public var coordinates: [(Double, Double)]
        /// OSM (or synthetic) ids of the road nodes passed, in order.
        public var nodeIDs: [Int64]
        public var accessMeters: Double
    }

    public func route(from a: Location, to b: Location, algorithm: Algorithm = .ch) throws -> Route {
        let path: NodePath?
        switch algorithm {
        case .dijkstra: path = dijkstra.route(from: a.departures, to: b.arrivals)
        case .astar: path = astar.route(from: a.departures, to: b.arrivals)
        case .ch: path = chQuery.route(from: a.departures, to: b.arrivals)
        }
        if let off = offRoad(a, b), path.map({ !($0.cost < off) }) ?? true,
            sameSegment(a, b).map({ !($0 < off) }) ?? true
        {
            return Route(
                cost: off, coordinates: Router.dedupe([(a.longitude, a.latitude), (b.longitude, b.latitude)]),
                nodeIDs: [],
                accessMeters: off.meters)
        }
        let direct = sameSegment(a, b)
        var coordinates: [(Double, Double)] = [(a.longitude, a.latitude), (a.snap.longitude, a.snap.latitude)]
        if let direct, path == nil || !(path!.cost < direct) {
            coordinates += [(b.snap.longitude, b.snap.latitude), (b.longitude, b.latitude)]
            return Route(
                cost: direct, coordinates: Router.dedupe(coordinates), nodeIDs: [],
                accessMeters: (a.access.meters + b.access.meters))
        }
        guard let path else {
            throw RoadGraphError.noRoute(
                String(
                    format:
                        "no %@ route from %.5f,%.5f to %.5f,%.5f: they are on parts of the road network that do not connect (one-way streets or separate islands)",
                    graph.profile.name, a.longitude, a.latitude, b.longitude, b.latitude))
        }
        for v in path.nodes { coordinates.append((network.longitudes[v], network.latitudes[v])) }
        coordinates += [(b.snap.longitude, b.snap.latitude), (b.longitude, b.latitude)]
        return Route(
            cost: path.cost, coordinates: Router.dedupe(coordinates), nodeIDs: path.nodes.map { network.osmIDs[$0] },
            accessMeters: a.access.meters + b.access.meters)
    }

    /// Drops each point that equals the one before it on the 7-decimal grid every output writes
    /// (`GeoJSON.rounded`): a snapped point a few millimetres from a road node would otherwise
    /// print as a repeated coordinate (`[a, a, b, …]`).
    static func dedupe(_ c: [(Double, Double)]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        func same(_ p: (Double, Double), _ q: (Double, Double)) -> Bool {
            GeoJSON.rounded(p.0) == GeoJSON.rounded(q.0) && GeoJSON.rounded(p.1) == GeoJSON.rounded(q.1)
        }
        for p in c where !(out.last.map { same($0, p) } ?? false) { out.append(p) }
        return out
    }

    /// Costs between every pair (row: from, column: to); nil where no route exists.
    public func matrix(sources: [Location], targets: [Location]) -> [[Cost?]] {
        var m = chQuery.matrix(sources: sources.map(\.departures), targets: targets.map(\.arrivals))
        for (i, s) in sources.enumerated() {
            for (j, t) in targets.enumerated() {
                if let d = sameSegment(s, t), m[i][j] == nil || d < m[i][j]! { m[i][j] = d }
                if let d = offRoad(s, t), m[i][j] == nil || d < m[i][j]! { m[i][j] = d }
            }
        }
        return m
    }

    /// The road reached from `start` within `limit`, as straight pieces with the time at each
    /// end: the last mile, the snapped road, every edge out of a reached node (the reached part
    /// of it when the time runs out partway). What `Isochrone.bands` draws.
    public func reachedPieces(from start: Location, limit: Int64) -> [(a: Isochrone.Sample, b: Isochrone.Sample)] {
        let g = network
        func sample(_ v: Int, _ t: Int64) -> Isochrone.Sample {
            Isochrone.Sample(lon: g.longitudes[v], lat: g.latitudes[v], time: t)
        }
        let snapPoint = Isochrone.Sample(lon: start.snap.longitude, lat: start.snap.latitude, time: start.access.time)
        var pieces = [(Isochrone.Sample(lon: start.longitude, lat: start.latitude, time: 0), snapPoint)]
        for seed in start.departures where seed.cost.time <= limit {
            pieces.append((snapPoint, sample(seed.node, seed.cost.time)))
        }
        for (v, c) in dijkstra.reach(from: start.departures, limit: limit) {
            for e in g.outEdges(v) {
                let w = Int(g.head[e])
                let t = g.time[e]
                if c.time + t <= limit {
                    pieces.append((sample(v, c.time), sample(w, c.time + t)))
                } else if t > 0 {
                    let f = Double(limit - c.time) / Double(t)
                    let end = Isochrone.Sample(
                        lon: g.longitudes[v] + f * (g.longitudes[w] - g.longitudes[v]),
                        lat: g.latitudes[v] + f * (g.latitudes[w] - g.latitudes[v]), time: limit)
                    pieces.append((sample(v, c.time), end))
                }
            }
        }
        return pieces
    }

    /// Everything reachable from `start` within `limit`: the road nodes with their costs.
    public func reach(from start: Location, limit: Int64) -> [(longitude: Double, latitude: Double, cost: Cost)] {
        var points = [(start.longitude, start.latitude, Cost.zero)]
        for (v, c) in dijkstra.reach(from: start.departures, limit: limit) {
            points.append((network.longitudes[v], network.latitudes[v], c))
            // Partway along each edge leaving the frontier, as far as the remaining time goes.
            for e in network.outEdges(v) {
                let w = Int(network.head[e])
                let ec = network.cost(e)
                guard c.time + ec.time > limit, ec.time > 0 else { continue }
                let f = Double(limit - c.time) / Double(ec.time)
                points.append(
                    (
                        network.longitudes[v] + f * (network.longitudes[w] - network.longitudes[v]),
                        network.latitudes[v] + f * (network.latitudes[w] - network.latitudes[v]),
                        Cost(time: limit, length: c.length + Int64(Double(ec.length) * f))
                    ))
            }
        }
        return points
    }
}

extension Router {
    /// Whole-second durations and whole-metre distances between `[lon, lat]` points, as VROOM
    /// matrices hold them; a pair with no route gets `unreachable` seconds, which no solver
    /// chooses. A point too far from any road is an error naming its index.
    public func integerMatrix(_ points: [[Double]], unreachable: Int = 30 * 86_400) throws -> (
        durations: [[Int]], distances: [[Int]]
    ) {
        let locations = try points.enumerated().map { i, p in
            do { return try locate(longitude: p[0], latitude: p[1]) } catch let e as RoadGraphError {
                throw RoadGraphError.tooFarFromRoad("location \(i) (\(p[0]),\(p[1])): \(e)")
            }
        }
        let m = matrix(sources: locations, targets: locations)
        return (
            m.map { $0.map { $0.map { Int($0.seconds.rounded()) } ?? unreachable } },
            m.map { $0.map { Int(($0?.meters ?? 0).rounded()) } }
        )
    }
}
