import Foundation
import RoadGraph
import Testing

/// A small OSM file built by hand: nodes on a 0.001° grid at the equator (1 unit ≈ 111 m both
/// ways), residential ways, and restriction relations.
struct HandOSM {
    var nodes: [Int64: (Double, Double)] = [:]
    var ways: [(id: Int64, refs: [Int64], tags: [String: String])] = []
    var relations: [(id: Int64, tags: [String: String], members: [(type: String, ref: Int64, role: String)])] = []
    var nodeTags: [Int64: [String: String]] = [:]

    mutating func way(_ id: Int64, _ refs: [Int64], _ extra: [String: String] = [:]) {
        ways.append((id, refs, ["highway": "residential"].merging(extra) { $1 }))
    }

    mutating func restriction(
        _ id: Int64, _ kind: String, from: Int64, via: [(String, Int64)], to: Int64, extra: [String: String] = [:]
    ) {
        var members: [(type: String, ref: Int64, role: String)] = [("way", from, "from")]
        for (type, ref) in via { members.append((type, ref, "via")) }
        members.append(("way", to, "to"))
        relations.append((id, ["type": "restriction", "restriction": kind].merging(extra) { $1 }, members))
    }

    var xml: String {
        var s = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\">\n"
        for (id, p) in nodes.sorted(by: { $0.key < $1.key }) {
            let tags = nodeTags[id, default: [:]].map { "<tag k=\"\($0.key)\" v=\"\($0.value)\"/>" }.joined()
            s += "<node id=\"\(id)\" lat=\"\(p.1 * 0.001)\" lon=\"\(10 + p.0 * 0.001)\">\(tags)</node>\n"
        }
        for w in ways {
            s += "<way id=\"\(w.id)\">" + w.refs.map { "<nd ref=\"\($0)\"/>" }.joined()
            s += w.tags.map { "<tag k=\"\($0.key)\" v=\"\($0.value)\"/>" }.joined() + "</way>\n"
        }
        for r in relations {
            s +=
                "<relation id=\"\(r.id)\">"
                + r.members.map { "<member type=\"\($0.type)\" ref=\"\($0.ref)\" role=\"\($0.role)\"/>" }.joined()
            s += r.tags.map { "<tag k=\"\($0.key)\" v=\"\($0.value)\"/>" }.joined() + "</relation>\n"
        }
        return s + "</osm>\n"
    }

    func data(profiles: [Profile]) throws -> OSMData {
        try OSMXMLReader.read(data: Data(xml.utf8), source: "hand.osm", keeping: TagFilter(profiles: profiles))
    }

    /// A cross at C (1) with arms N 2, E 3, S 5, W 4 one unit long, and a ring through corners
    /// 1.5 units out (NE 6, SE 8, SW 9, NW 7) joining the arms' ends.
    static func cross() -> HandOSM {
        var o = HandOSM()
        o.nodes = [
            1: (0, 0), 2: (0, 1), 3: (1, 0), 4: (-1, 0), 5: (0, -1), 6: (1.5, 1.5), 7: (-1.5, 1.5), 8: (1.5, -1.5),
            9: (-1.5, -1.5)
        ]
        o.way(10, [5, 1]); o.way(11, [1, 2]); o.way(12, [4, 1]); o.way(13, [1, 3])
        o.way(14, [2, 6, 3]); o.way(15, [3, 8, 5]); o.way(16, [5, 9, 4]); o.way(17, [4, 7, 2])
        return o
    }
}

@Suite struct TurnRestrictionTests {
    /// The route between two OSM nodes by every algorithm and the matrix, which must agree;
    /// returns its OSM node ids.
    func route(
        _ osm: OSMData, _ from: Int64, _ to: Int64, profileName: String = "car", options: NetworkBuilder.Options = .full
    ) throws -> (ids: [Int64], cost: Cost) {
        let (graph, _) = try RoadImport.compile(osm, profile: try profile(profileName), options: options)
        let g = graph.network
        let router = Router(graph)
        let a = try #require(g.node(osmID: from)), b = try #require(g.node(osmID: to))
        let s = try router.locate(longitude: g.longitudes[a], latitude: g.latitudes[a])
        let t = try router.locate(longitude: g.longitudes[b], latitude: g.latitudes[b])
        // A route from a node may start on its first road's far end (the snapped road's cost is the same).
        func ids(_ r: Router.Route) -> [Int64] {
            var ids = r.nodeIDs
            if ids.first != from { ids.insert(from, at: 0) }
            if ids.last != to { ids.append(to) }
            return ids
        }
        let reference = try router.route(from: s, to: t, algorithm: .dijkstra)
        for algorithm in [Router.Algorithm.astar, .ch] {
            let r = try router.route(from: s, to: t, algorithm: algorithm)
            #expect(r.cost == reference.cost, "\(algorithm) cost")
            #expect(ids(r) == ids(reference), "\(algorithm) path")
        }
        #expect(router.matrix(sources: [s], targets: [t])[0][0] == reference.cost, "matrix")
        return (ids(reference), reference.cost)
    }

    @Test func noLeftTurn() throws {
        var o = HandOSM.cross()
        o.restriction(100, "no_left_turn", from: 10, via: [("node", 1)], to: 12) // heading north from S, no turn west
        let osm = try o.data(profiles: [try profile("car")])
        #expect(osm.restrictions.count == 1)
        #expect(try route(osm, 5, 4, options: .literal).ids == [5, 1, 4]) // without restrictions: the left turn
        #expect(try route(osm, 5, 4).ids == [5, 9, 4]) // with: round the ring
        #expect(try route(osm, 5, 3).ids == [5, 1, 3]) // the right turn is still allowed
        #expect(try route(osm, 3, 4).ids == [3, 1, 4]) // and so is going west from the east arm
        #expect(try route(osm, 5, 4, profileName: "walk").ids == [5, 1, 4]) // walkers turn freely
    }

    @Test func exceptAndVehicleSpecificKeys() throws {
        var o = HandOSM.cross()
        o.restriction(100, "no_left_turn", from: 10, via: [("node", 1)], to: 12, extra: ["except": "psv;motorcar"])
        #expect(try route(try o.data(profiles: [try profile("car")]), 5, 4).ids == [5, 1, 4]) // cars exempt
        var p = HandOSM.cross()
        p.relations = [
            (
                101, ["type": "restriction", "restriction:hgv": "no_left_turn"],
                [("way", 10, "from"), ("node", 1, "via"), ("way", 12, "to")]
            )
        ]
        #expect(try route(try p.data(profiles: [try profile("car")]), 5, 4).ids == [5, 1, 4]) // lorries only
        p.relations[0].tags["restriction:bus"] = "no_left_turn"
        #expect(try route(try p.data(profiles: [try profile("coach")]), 5, 4, profileName: "coach").ids == [5, 9, 4])
    }

    @Test func onlyStraightOn() throws {
        var o = HandOSM.cross()
        o.restriction(100, "only_straight_on", from: 10, via: [("node", 1)], to: 11)
        let osm = try o.data(profiles: [try profile("car")])
        #expect(try route(osm, 5, 4).ids == [5, 9, 4])
        #expect(try route(osm, 5, 3).ids == [5, 8, 3])
        #expect(try route(osm, 5, 2).ids == [5, 1, 2])
        #expect(try route(osm, 4, 3).ids == [4, 1, 3]) // other approaches are free
        // The same with one way through the junction (S–C–N), from and to that way.
        var through = HandOSM.cross()
        through.ways.removeAll { $0.id == 10 || $0.id == 11 }
        through.way(18, [5, 1, 2])
        through.restriction(100, "only_straight_on", from: 18, via: [("node", 1)], to: 18)
        let throughOSM = try through.data(profiles: [try profile("car")])
        #expect(try route(throughOSM, 5, 2).ids == [5, 1, 2])
        #expect(try route(throughOSM, 5, 4).ids == [5, 9, 4])
        #expect(try route(throughOSM, 2, 4).ids == [2, 7, 4]) // from the north too: the way is both from and to
    }

    /// A divided road ending at C: the westbound carriageway (E1 → C) may not turn back into the
    /// eastbound one (C → E2); the way round is the loop by 23 and 24. (A node graph allows a
    /// u-turn at any node, so the loop is made cheaper than turning at one of its nodes.)
    @Test func noUTurn() throws {
        var o = HandOSM()
        o.nodes = [1: (0, 0), 20: (2, 0.05), 21: (2, -0.05), 22: (-1, 0), 23: (0.5, -0.3), 24: (2, -0.3)]
        o.way(30, [20, 1], ["oneway": "yes", "highway": "primary"]);
        o.way(31, [1, 21], ["oneway": "yes", "highway": "primary"])
        o.way(32, [1, 22]); o.way(33, [1, 23, 24, 21], ["highway": "primary"])
        o.restriction(100, "no_u_turn", from: 30, via: [("node", 1)], to: 31)
        let osm = try o.data(profiles: [try profile("car")])
        #expect(try route(osm, 20, 21, options: .literal).ids == [20, 1, 21])
        #expect(try route(osm, 20, 21).ids == [20, 1, 23, 24, 21])
        #expect(try route(osm, 22, 21).ids == [22, 1, 21]) // arriving from the west, C → E2 is fine
    }

    /// No turn from S1 north to C1, west along the via way to C2, and back south to S2. The
    /// way round is the loop by N1 and N2, made faster (trunk) than turning at a node of it:
    /// a node graph allows a u-turn at any node (README, "Turn restrictions").
    @Test func viaWay() throws {
        var o = HandOSM()
        o.nodes = [1: (0, 0), 2: (-1, 0), 3: (0, -1), 4: (-1, -1), 5: (0, 0.3), 6: (-1, 0.3), 7: (2, 0)]
        o.way(40, [3, 1]); o.way(41, [1, 2], ["highway": "primary"]); o.way(42, [2, 4])
        o.way(43, [1, 5], ["highway": "primary"]); o.way(44, [5, 6], ["highway": "trunk"]);
        o.way(45, [6, 2], ["highway": "primary"])
        o.way(46, [7, 1])
        o.restriction(100, "no_u_turn", from: 40, via: [("way", 41)], to: 42)
        let osm = try o.data(profiles: [try profile("car")])
        #expect(try route(osm, 3, 4, options: .literal).ids == [3, 1, 2, 4])
        #expect(try route(osm, 3, 4).ids == [3, 1, 5, 6, 2, 4])
        #expect(try route(osm, 7, 4).ids == [7, 1, 2, 4]) // the via way without the from-way is free
        var only = o
        only.relations = []
        only.restriction(101, "only_right_turn", from: 40, via: [("way", 41)], to: 45)
        let onlyOSM = try only.data(profiles: [try profile("car")])
        // Coming from S1 the via way and then the to-way are the only way on: to S2 by turning at N2.
        #expect(try route(onlyOSM, 3, 4).ids == [3, 1, 2, 6, 2, 4])
        #expect(try route(onlyOSM, 3, 6).ids == [3, 1, 2, 6])
        #expect(try route(onlyOSM, 7, 4).ids == [7, 1, 2, 4])
    }

    /// For every restriction relation in Helsinki: from the from-way's node next to the via
    /// node, a route to the to-way's node next to it (no_*), or to every other neighbour (only_*),
    /// never makes the forbidden move, by any algorithm; without restrictions some do.
    @Test func helsinkiRoutesObeyEveryRestriction() throws {
        let car = try profile("car")
        let (graph, stats) = try RoadImport.compile(helsinki, profile: car)
        let (plain, _) = try RoadImport.compile(helsinki, profile: car, options: .literal)
        #expect(stats.restrictionsApplied >= 35)
        let g = graph.network
        let wayNodes = Dictionary(
            uniqueKeysWithValues: helsinki.ways.map { ($0.id, Array(helsinki.wayRefs[$0.refRange])) })
        func neighbours(of v: Int64, on way: Int64) -> [Int64] {
            guard let refs = wayNodes[way] else { return [] }
            var out: [Int64] = []
            for (i, r) in refs.enumerated() where r == v {
                if i > 0 { out.append(refs[i - 1]) }
                if i + 1 < refs.count { out.append(refs[i + 1]) }
            }
            return out
        }
        var allNeighbours: [Int64: Set<Int64>] = [:]
        for refs in wayNodes.values {
            for (x, y) in zip(refs, refs.dropFirst()) {
                allNeighbours[x, default: []].insert(y); allNeighbours[y, default: []].insert(x)
            }
        }
        var tried = 0, forbiddenWithout = 0
        let searches: [(String, (RoadNetwork, ContractionHierarchy) -> ([Seed], [Seed]) -> NodePath?)] = [
            ("dijkstra", { n, _ in { DijkstraSearch(n).route(from: $0, to: $1) } }),
            ("astar", { n, _ in { BidirectionalAStar(n).route(from: $0, to: $1) } }),
            ("ch", { _, h in { CHQuery(h).route(from: $0, to: $1) } })
        ]
        for r in helsinki.restrictions where r.viaNodes.count == 1 && r.from.count == 1 {
            guard let only = car.restrictionKind(r.tags) else { continue }
            let v = r.viaNodes[0]
            let allowedNext = Set(r.to.flatMap { neighbours(of: v, on: $0) })
            // An only_* whose to-way the clipped extract cuts off at the via node cannot be placed.
            if only, let gv = g.node(osmID: v),
                !allowedNext.contains(where: { n in
                    g.node(osmID: n).map { g.baseEdge(from: gv, to: $0) != nil } ?? false
                })
            {
                continue
            }
            for a in neighbours(of: v, on: r.from[0]) {
                // A u-turn restriction (from = to) forbids going back to `a`, not going on along the way.
                let forbiddenNext: Set<Int64> =
                    only
                    ? (allNeighbours[v] ?? []).subtracting(allowedNext)
                    : r.to == r.from ? [a] : allowedNext.subtracting([a])
                for b in forbiddenNext {
                    guard let sa = g.node(osmID: a), let sb = g.node(osmID: b) else { continue }
                    let source = [Seed(node: sa, cost: .zero)]
                    let target = g.variants(sb).map { Seed(node: $0, cost: .zero) }
                    tried += 1
                    func turns(_ ids: [Int64]) -> Bool {
                        zip(zip(ids, ids.dropFirst()), ids.dropFirst(2)).contains { $0.0 == a && $0.1 == v && $1 == b }
                    }
                    if let p = DijkstraSearch(plain.network).route(
                        from: source, to: [Seed(node: plain.network.node(osmID: b)!, cost: .zero)]),
                        turns(p.nodes.map { plain.network.osmIDs[$0] })
                    {
                        forbiddenWithout += 1
                    }
                    var costs: [Cost?] = []
                    for (name, make) in searches {
                        let path = make(g, graph.hierarchy)(source, target)
                        costs.append(path?.cost)
                        if let path {
                            #expect(
                                !turns(path.nodes.map { g.osmIDs[$0] }),
                                "\(name) turns \(a)→\(v)→\(b) against relation \(r.id)")
                        }
                    }
                    #expect(Set(costs).count == 1, "algorithms disagree on \(a)→\(b)")
                }
            }
        }
        #expect(tried >= 50)
        #expect(forbiddenWithout > 10) // the check has teeth: without restrictions, many routes make the turn
        print(
            "helsinki: \(stats.restrictionsApplied) restrictions applied, \(stats.restrictionsUnresolved) unresolved; \(tried) routes tried, \(forbiddenWithout) make the forbidden move without restrictions, 0 with"
        )
    }
}

/// Barriers, ferries, surfaces and tracks as the shipped profiles document them.
@Suite struct BeyondTheReferenceRulesTests {
    func cost(_ o: HandOSM, _ from: Int64, _ to: Int64, _ profileName: String = "car") throws -> (
        ids: [Int64], seconds: Double
    )? {
        let osm = try o.data(profiles: Profile.shippedNames.map { try profile($0) })
        let graph: CompiledGraph
        do { (graph, _) = try RoadImport.compile(osm, profile: try profile(profileName)) } catch RoadGraphError.noRoads
        { return nil }
        let g = graph.network
        guard let a = g.node(osmID: from), let b = g.node(osmID: to) else { return nil }
        let path = CHQuery(graph.hierarchy).route(
            from: [Seed(node: a, cost: .zero)], to: g.variants(b).map { Seed(node: $0, cost: .zero) })
        return path.map { ($0.nodes.map { g.osmIDs[$0] }, $0.cost.seconds) }
    }

    @Test func barriersBlockUnlessPassableOrAllowed() throws {
        var o = HandOSM.cross()
        #expect(try cost(o, 5, 2)?.ids == [5, 1, 2])
        o.nodeTags[1] = ["barrier": "bollard"]
        let around = try cost(o, 5, 2)?.ids ?? []
        #expect(around == [5, 8, 3, 6, 2] || around == [5, 9, 4, 7, 2]) // round the ring, either way
        #expect(try cost(o, 5, 1)?.ids.last == 1) // the road up to the bollard is still there
        #expect(try cost(o, 5, 2, "walk")?.ids == [5, 1, 2]) // walkers pass
        o.nodeTags[1] = ["barrier": "bollard", "motor_vehicle": "yes"]
        #expect(try cost(o, 5, 2)?.ids == [5, 1, 2])
        o.nodeTags[1] = ["barrier": "gate"]
        #expect(try cost(o, 5, 2)?.ids == [5, 1, 2])
        o.nodeTags[1] = ["barrier": "lift_gate", "access": "private"]
        #expect(try cost(o, 5, 2)?.ids != [5, 1, 2])
        o.nodeTags[1] = ["barrier": "gate", "access": "private", "foot": "yes"]
        #expect(try cost(o, 5, 2, "walk")?.ids == [5, 1, 2])
    }

    @Test func ferriesTakeTheirStatedDuration() throws {
        var o = HandOSM()
        o.nodes = [1: (0, 0), 2: (0, 10), 3: (0, 20)]
        o.ways.append((50, [1, 2, 3], ["route": "ferry", "duration": "00:30"]))
        #expect(abs(try #require(try cost(o, 1, 3)).seconds - 1800) < 0.01)
        #expect(abs(try #require(try cost(o, 1, 2)).seconds - 900) < 0.5) // shared out by length
        o.ways[0].tags["duration"] = nil // without one: 25 km/h
        let meters = 20 * 111_195.0 * 0.001
        #expect(abs(try #require(try cost(o, 1, 3)).seconds - meters * 3.6 / 25) < 1)
        o.ways[0].tags["motorcar"] = "no"
        #expect(try cost(o, 1, 3) == nil)
    }

    @Test func unpavedRoadsAreSlowerAndCoachesStayOffTracks() throws {
        var o = HandOSM()
        o.nodes = [1: (0, 0), 2: (0, 10)]
        o.way(60, [1, 2], ["highway": "primary"])
        let paved = try #require(try cost(o, 1, 2)).seconds
        o.ways[0].tags["surface"] = "gravel"
        #expect(abs(try #require(try cost(o, 1, 2)).seconds / paved - 60.0 / 40) < 1e-6)
        o.ways[0].tags = ["highway": "track"]
        #expect(try cost(o, 1, 2, "coach") == nil)
        #expect(try cost(o, 1, 2, "walk") != nil)
    }
}
