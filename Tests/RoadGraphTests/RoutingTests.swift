import Foundation
import GeoCore
import RoadGraph
import Testing
import TestSupport

/// Helsinki from the PBF, read once for all tests (a few hundred milliseconds).
let helsinki: OSMData = {
    let profiles = try! Profile.shippedNames.map { try profile($0) }
    return try! PBFReader.read(
        path: fixtures.appendingPathComponent("Helsinki.osm.pbf").path, keeping: TagFilter(profiles: profiles))
}()

/// An extract as OSM XML, made with osmium (the way ../shared made Helsinki.osm).
func xmlCopy(of pbf: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "\(pbf)-\(ProcessInfo.processInfo.processIdentifier).osm")
    if !FileManager.default.fileExists(atPath: url.path) {
        _ = try! toolOutput(["osmium", "cat", "--overwrite", fixtures.appendingPathComponent(pbf).path, "-o", url.path])
    }
    return url
}
let helsinkiXML = xmlCopy(of: "Helsinki.osm.pbf")

/// Kouvola (test.osm.pbf): motorways and links, for the implied one-way rule.
let kouvola: OSMData = {
    let profiles = try! Profile.shippedNames.map { try profile($0) }
    return try! PBFReader.read(
        path: fixtures.appendingPathComponent("test.osm.pbf").path, keeping: TagFilter(profiles: profiles))
}()

struct OracleAnswer: Decodable {
    let nodes: Int
    let edges: Int
    let highway_ways: Int
    let costs: [[[Double]?]]
}

func oracle(profile: String, sources: [Int64], targets: [Int64], xml: URL = helsinkiXML) throws -> OracleAnswer {
    let request = try JSONSerialization.data(withJSONObject: [
        "osm": xml.path, "profile": profile, "sources": sources, "targets": targets
    ])
    let out = try toolOutput(["python3", fixtures.appendingPathComponent("profile_oracle.py").path], stdin: request)
    return try JSONDecoder().decode(OracleAnswer.self, from: out)
}

@Suite(.serialized) struct RoutingTests {
    @Test func pbfCountsMatchOsmium() throws {
        let text = String(
            decoding: try toolOutput([
                "osmium", "fileinfo", "-e", fixtures.appendingPathComponent("Helsinki.osm.pbf").path
            ]), as: UTF8.self)
        func count(_ label: String) -> Int? {
            text.split(separator: "\n").first { $0.contains("Number of \(label):") }
                .flatMap { Int($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces)) }
        }
        #expect(helsinki.counts.nodes == count("nodes"))
        #expect(helsinki.counts.ways == count("ways"))
        #expect(helsinki.counts.relations == count("relations"))
        // Nodes read: only those the kept ways use (two passes: ways first), each once.
        let used = Set(helsinki.wayRefs)
        #expect(helsinki.nodeIDs.count < helsinki.counts.nodes / 2)
        #expect(helsinki.nodeIDs.allSatisfy(used.contains) && Set(helsinki.nodeIDs).count == helsinki.nodeIDs.count)
        // Ways with highway, per ../shared/data/osm/README.md, and the ferries (route=ferry without highway).
        #expect(helsinki.ways.filter { $0.tags["highway"] != nil }.count == 2_650)
        #expect(helsinki.ways.filter { $0.tags["highway"] == nil }.allSatisfy { $0.tags["route"] == "ferry" })
        #expect(helsinki.restrictions.count == 45) // osmium tags-filter r/type=restriction
    }

    @Test func xmlReaderGivesTheSameDataAsThePBFReader() throws {
        let profiles = try Profile.shippedNames.map { try profile($0) }
        let xml = try OSMXMLReader.read(path: helsinkiXML.path, keeping: TagFilter(profiles: profiles))
        #expect(xml.counts == helsinki.counts)
        #expect(xml.nodeIDs == helsinki.nodeIDs)
        #expect(zip(xml.latitudes, helsinki.latitudes).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(zip(xml.longitudes, helsinki.longitudes).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(xml.ways.map(\.id) == helsinki.ways.map(\.id))
        #expect(xml.ways.map(\.tags) == helsinki.ways.map(\.tags))
        #expect(xml.wayRefs == helsinki.wayRefs)
        #expect(xml.restrictions == helsinki.restrictions)
        #expect(xml.barriers == helsinki.barriers)
    }

    /// 1,000 pairs on the car graph (and 300 on foot): every algorithm, the matrix and an
    /// independent Python implementation of the profile must agree.
    @Test(arguments: [("car", 100, "Helsinki.osm.pbf"), ("walk", 30, "Helsinki.osm.pbf"), ("car", 30, "test.osm.pbf")])
    func routesMatchTheIndependentOracle(profileName: String, sourceCount: Int, file: String) throws {
        let p = try profile(profileName)
        let osm = file == "test.osm.pbf" ? kouvola : helsinki
        // The oracle implements docs/car-profile.md and nothing more: no restrictions, barriers, ferries or surfaces.
        let (graph, stats) = try RoadImport.compile(osm, profile: p, options: .literal)
        let g = graph.network
        #expect(stats.segmentsMissingNode > 0) // the extract is clipped; those segments are dropped, not fatal
        // Sample nodes whose position no other node shares (snapping to a position is then unambiguous).
        var seen: [String: Int] = [:]
        for v in 0..<g.nodeCount { seen["\(g.longitudes[v]),\(g.latitudes[v])", default: 0] += 1 }
        let unique = (0..<g.nodeCount).filter { seen["\(g.longitudes[$0]),\(g.latitudes[$0])"] == 1 }
        var rng = SeededGenerator(seed: UInt64(sourceCount) + (profileName == "car" ? 4 : 5))
        let sources = (0..<sourceCount).map { _ in unique.randomElement(using: &rng)! }
        let targets = (0..<10).map { _ in unique.randomElement(using: &rng)! }
        let reference = try oracle(
            profile: profileName, sources: sources.map { g.osmIDs[$0] }, targets: targets.map { g.osmIDs[$0] },
            xml: xmlCopy(of: file))
        #expect(reference.nodes == g.nodeCount)
        #expect(reference.edges == g.edgeCount)

        let router = Router(graph)
        let sourceLocations = try sources.map {
            try router.locate(longitude: g.longitudes[$0], latitude: g.latitudes[$0])
        }
        let targetLocations = try targets.map {
            try router.locate(longitude: g.longitudes[$0], latitude: g.latitudes[$0])
        }
        let matrix = router.matrix(sources: sourceLocations, targets: targetLocations)
        var routed = 0
        for (i, s) in sourceLocations.enumerated() {
            for (j, t) in targetLocations.enumerated() {
                let expected = reference.costs[i][j]
                for algorithm in Router.Algorithm.allCases {
                    let r = try? router.route(from: s, to: t, algorithm: algorithm)
                    if let expected {
                        guard let r else {
                            Issue.record(
                                "\(algorithm) found no route \(g.osmIDs[sources[i]]) → \(g.osmIDs[targets[j]])");
                            continue
                        }
                        #expect(abs(r.cost.seconds - expected[0]) < 0.1, "\(algorithm) duration")
                        #expect(
                            abs(r.cost.meters - expected[1]) < 0.1,
                            "\(algorithm) length \(r.cost.meters) vs \(expected[1])")
                    } else {
                        #expect(r == nil, "\(algorithm) found a route the oracle does not have")
                    }
                }
                #expect(matrix[i][j] == (try? router.route(from: s, to: t, algorithm: .dijkstra))?.cost)
                if expected != nil { routed += 1 }
            }
        }
        #expect(routed > sourceCount * 10 / 2) // most pairs connect: the sample is not vacuous
    }

    @Test func archiveRoundTripKeepsAnswers() throws {
        let (graph, _) = try RoadImport.compile(helsinki, profile: try profile("car"))
        let copy = try CompiledGraph(decoding: try graph.encoded())
        #expect(copy.network.osmIDs == graph.network.osmIDs)
        #expect(copy.hierarchy.up.head == graph.hierarchy.up.head)
        let a = Router(graph), b = Router(copy)
        let from = try a.locate(longitude: 24.9384, latitude: 60.1699),
            to = try a.locate(longitude: 24.9500, latitude: 60.1750)
        let from2 = try b.locate(longitude: 24.9384, latitude: 60.1699),
            to2 = try b.locate(longitude: 24.9500, latitude: 60.1750)
        #expect(try a.route(from: from, to: to).cost == b.route(from: from2, to: to2).cost)
    }

    @Test func snappingProjectsOntoTheEdge() throws {
        let (graph, _) = try RoadImport.compile(helsinki, profile: try profile("car"))
        let g = graph.network
        let router = Router(graph)
        // The midpoint of some edge snaps onto that edge at fraction ½, at distance 0.
        let u = g.nodeCount / 2
        let e = g.outEdges(u).first!
        let v = Int(g.head[e])
        let mid = ((g.longitudes[u] + g.longitudes[v]) / 2, (g.latitudes[u] + g.latitudes[v]) / 2)
        let loc = try router.locate(longitude: mid.0, latitude: mid.1)
        #expect(Set([loc.snap.tail, loc.snap.head]) == Set([u, v]))
        #expect(abs(loc.snap.fraction - 0.5) < 1e-6)
        #expect(loc.snap.distance < 0.01)
        // A point 500 km away is refused with a message naming the distance.
        #expect(throws: RoadGraphError.self) { try router.locate(longitude: 30, latitude: 62) }
    }

    /// Every route between random points of Helsinki (snapped: the last mile, the snapped road,
    /// the road nodes) and every ring of a reach band, written on the 7-decimal grid of GeoJSON,
    /// repeats no coordinate twice in a row (before the fix: 160 of the routed pairs here). Seed overridable
    /// with SHOWCASE_TEST_SEED.
    @Test func routesAndReachBandsNeverRepeatACoordinateAsWritten() throws {
        let (graph, _) = try RoadImport.compile(helsinki, profile: try profile("car"))
        let g = graph.network, router = Router(graph)
        let lons = g.longitudes, lats = g.latitudes
        let west = lons.min()!, east = lons.max()!, south = lats.min()!, north = lats.max()!
        var rng = SeededGenerator(
            seed: UInt64(ProcessInfo.processInfo.environment["SHOWCASE_TEST_SEED"] ?? "") ?? 28)
        // Half the points anywhere, half on a road node as a user pastes it from GeoJSON (7
        // decimals): the point, its snap and the node then differ by less than the written
        // grid, the case that printed `[a, a, a, b, …]`.
        var drawn = 0
        func point() -> (Double, Double) {
            drawn += 1
            if drawn % 2 == 0 {
                let v = Int.random(in: 0..<g.nodeCount, using: &rng)
                return (GeoJSON.rounded(lons[v]), GeoJSON.rounded(lats[v]))
            }
            return (Double.random(in: west...east, using: &rng), Double.random(in: south...north, using: &rng))
        }
        func repeats(_ line: [(Double, Double)]) -> Int {
            let written = line.map { (GeoJSON.rounded($0.0), GeoJSON.rounded($0.1)) }
            return zip(written, written.dropFirst()).filter { $0.0 == $0.1 }.count
        }
        var routed = 0, repeated = 0
        for _ in 0..<300 {
            let a = point(), b = point()
            guard let from = try? router.locate(longitude: a.0, latitude: a.1),
                let to = try? router.locate(longitude: b.0, latitude: b.1),
                let route = try? router.route(from: from, to: to)
            else { continue }
            routed += 1
            if repeats(route.coordinates) > 0 { repeated += 1 }
        }
        #expect(routed > 200, "\(routed) of 300 random pairs routed")
        #expect(repeated == 0, "\(repeated) of \(routed) routes repeat a coordinate")
        for _ in 0..<5 {
            let a = point()
            guard let from = try? router.locate(longitude: a.0, latitude: a.1) else { continue }
            let pieces = router.reachedPieces(from: from, limit: 10 * 60_000_000)
            let limits: [Int64] = [5 * 60_000_000, 10 * 60_000_000]
            let (bands, _) = Isochrone.bands(pieces: pieces, limits: limits, bufferMeters: 50)
            for ring in bands.flatMap({ $0.polygons.joined() }) { #expect(repeats(ring) == 0) }
        }
    }
}
