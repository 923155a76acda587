import Foundation
import GeoCore
import Itinerary
import Projection
import PropertyBased
import RoadGraph
import Testing
import TestSupport

// Properties that must hold for every input, checked on generated ones (swift-property-based:
// seeded, a failure prints the seed that reproduces it, and shrinks the input where it can).
// Structures too rich for a generator (road networks, problems) are built from a generated seed.

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let car = try! Profile.load(named: "car", from: root.appendingPathComponent("Config/profiles")).profile

/// A random OSM XML network: `n` nodes in a 5 km box, ways of 2–4 nodes (repeats allowed, so
/// loops and parallel edges occur) with random classes, one-way tags and speed limits.
private func randomNetworkXML(nodes n: Int, seed: UInt64) -> String {
    var rng = SeededGenerator(seed: seed)
    var xml = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6'>\n"
    for i in 1...n {
        xml +=
            "<node id='\(i)' lat='\(60 + Double.random(in: 0..<0.045, using: &rng))' lon='\(25 + Double.random(in: 0..<0.09, using: &rng))'/>\n"
    }
    let classes = ["motorway", "trunk", "primary", "secondary", "residential", "service", "track", "footway"]
    for w in 1...(n * 3 / 2) {
        xml += "<way id='\(w)'>"
        for _ in 0..<Int.random(in: 2...4, using: &rng) { xml += "<nd ref='\(Int.random(in: 1...n, using: &rng))'/>" }
        xml += "<tag k='highway' v='\(classes.randomElement(using: &rng)!)'/>"
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: xml += "<tag k='oneway' v='yes'/>"
        case 1: xml += "<tag k='oneway' v='-1'/>"
        case 2: xml += "<tag k='maxspeed' v='\(Int.random(in: 1...12, using: &rng) * 10)'/>"
        default: break
        }
        xml += "</way>\n"
    }
    return xml + "</osm>\n"
}

@Suite struct RoutingProperties {
    @Test func contractionHierarchyAnswersEqualDijkstraOnRandomNetworks() async throws {
        await propertyCheck(count: 40, input: Gen.uint64(in: 0 ... .max), Gen.int(in: 3...35)) { seed, n in
            let xml = randomNetworkXML(nodes: n, seed: seed)
            guard
                let osm = try? OSMXMLReader.read(
                    data: Data(xml.utf8), source: "random", keeping: TagFilter(profiles: [car]))
            else {
                Issue.record("generated XML did not read"); return
            }
            let (network, _) = NetworkBuilder.build(osm, profile: car)
            guard network.nodeCount > 0 else { return }
            let hierarchy = ContractionHierarchy.build(network)
            let dijkstra = DijkstraSearch(network), ch = CHQuery(hierarchy)
            let seeds = (0..<network.nodeCount).map { [Seed(node: $0, cost: .zero)] }
            let matrix = ch.matrix(sources: seeds, targets: seeds)
            for s in 0..<network.nodeCount {
                for t in 0..<network.nodeCount {
                    let expected = dijkstra.route(from: seeds[s], to: seeds[t])?.cost
                    #expect(ch.route(from: seeds[s], to: seeds[t])?.cost == expected, "CH route \(s)→\(t)")
                    #expect(matrix[s][t] == expected, "CH matrix \(s)→\(t)")
                }
            }
        }
    }
}

@Suite struct ProjectionProperties {
    /// Forward then inverse returns the input, for the CRSs planners use in Inner Mongolia.
    @Test(arguments: ["EPSG:4546", "EPSG:4490", "EPSG:32649", "EPSG:3857", "GCJ02", "BD09"])
    func forwardThenInverseReturnsTheInput(crs: String) async throws {
        await propertyCheck(count: 200, input: Gen.double(in: 97.2...126.1), Gen.double(in: 37.4...53.4)) { lon, lat in
            guard let t = try? Transformer(from: "EPSG:4326", to: crs),
                let there = try? t.transform(x: lon, y: lat),
                let back = try? t.transform(x: there.x, y: there.y, direction: .inverse)
            else {
                Issue.record("\(crs): transform failed at \(lon),\(lat)"); return
            }
            #expect(abs(back.x - lon) < 1e-9 && abs(back.y - lat) < 1e-9, "\(crs): \(lon),\(lat) → \(there) → \(back)")
        }
    }
}

@Suite struct SolverProperties {
    /// A random VROOM problem: 1–3 days, 3–25 jobs with priorities, some with one or two
    /// windows, some mandatory, a lunch break, a travel-time cap.
    private func randomProblem(seed: UInt64) throws -> Problem {
        var rng = SeededGenerator(seed: seed)
        let n = Int.random(in: 3...25, using: &rng), days = Int.random(in: 1...3, using: &rng)
        let points = (0...n).map { _ in
            (Double.random(in: 0...100, using: &rng), Double.random(in: 0...100, using: &rng))
        }
        let durations = points.map { a in points.map { b in Int((hypot(a.0 - b.0, a.1 - b.1) * 60).rounded()) } }
        let jobs: [[String: Any]] = (1...n).map { i in
            var job: [String: Any] = [
                "id": i, "location_index": i, "service": Int.random(in: 0...3600, using: &rng),
                "priority": Int.random(in: 0...100, using: &rng)
            ]
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                let a = Int.random(in: 0...30_000, using: &rng);
                job["time_windows"] = [[a, a + Int.random(in: 600...20_000, using: &rng)]]
            case 1: job["time_windows"] = [[0, 12_000], [16_000, 40_000]]
            default: break
            }
            if Int.random(in: 0..<12, using: &rng) == 0 { job["mandatory"] = true }
            return job
        }
        let vehicles: [[String: Any]] = (0..<days).map { d in
            [
                "id": d, "start_index": 0, "end_index": 0, "time_window": [0, 36_000],
                "max_travel_time": Int.random(in: 8_000...30_000, using: &rng),
                "breaks": [["id": 100 + d, "time_windows": [[12_000, 16_000]], "service": 1_800]]
            ]
        }
        let json = try JSONSerialization.data(withJSONObject: [
            "jobs": jobs, "vehicles": vehicles, "matrices": ["car": ["durations": durations]]
        ])
        return try VroomProblem(json: json).problem()
    }

    @Test func everySolverAnswerPassesTheIndependentChecker() async throws {
        await propertyCheck(count: 60, input: Gen.uint64(in: 0 ... .max)) { seed in
            guard let problem = try? randomProblem(seed: seed) else {
                Issue.record("generated problem invalid"); return
            }
            do throws(ProblemError) {
                let solution = try Solver.solve(
                    problem, options: SolverOptions(seed: seed, timeLimit: 0.2, maxIterations: 300, threads: 1))
                #expect(
                    Checker.violations(problem, solution).isEmpty,
                    "seed \(seed): \(Checker.violations(problem, solution))")
            } catch {
                // Only a mandatory job that cannot be served may make the solver refuse.
                guard case .infeasibleMandatory = error else { Issue.record("seed \(seed): \(error)"); return }
            }
        }
    }
}

@Suite struct GeoJSONProperties {
    /// Coordinates at the written precision (7 decimals), so the text holds them exactly.
    private static let position = zip(
        Gen.int(in: -1_800_000_000...1_800_000_000), Gen.int(in: -900_000_000...900_000_000)
    )
    .map { Position(Coordinate(uncheckedLongitude: Double($0) / 1e7, latitude: Double($1) / 1e7)) }

    @Test func encodeThenDecodeIsTheIdentity() async throws {
        let geometry = Gen.oneOf(
            Self.position.map { Geometry.point($0) },
            Self.position.array(of: 2...8).map { Geometry.lineString($0) },
            Self.position.array(of: 1...5).map { Geometry.multiPoint($0) })
        // Any text below the surrogates, control characters and NUL included (JSON escaping).
        let text = Gen.character(in: "\u{0}"..."\u{D7FF}").string(of: 0...12)
        let properties = zip(Gen.lowercaseLetter.string(of: 1...6), Gen.int(in: -1_000_000...1_000_000), text)
            .map { key, n, text -> JSONObject in
                ["name": .string(text), "n": .number(Double(n)), key + "_": .string(key)]
            }
        await propertyCheck(count: 300, input: geometry, properties) { geometry, properties in
            let feature = Feature(id: .string("f"), geometry: geometry, properties: properties)
            let original = GeoJSON.featureCollection(FeatureCollection(features: [feature]))
            let text = GeoJSON.text(original)
            let decoded = try? GeoJSON.decode(Data(text.utf8))
            // Members of decoded objects come back sorted by key; compare as sets of members.
            guard case let .featureCollection(fc)? = decoded, let back = fc.features.first else {
                Issue.record("did not decode: \(text)"); return
            }
            #expect(back.geometry == geometry, "\(text)")
            #expect(back.id == feature.id)
            #expect(
                Dictionary(uniqueKeysWithValues: back.properties?.members.map { ($0.key, $0.value) } ?? [])
                    == Dictionary(uniqueKeysWithValues: properties.members.map { ($0.key, $0.value) }))
            let again = try? GeoJSON.decode(Data(GeoJSON.text(decoded!).utf8))
            #expect(again.map(GeoJSON.text) == GeoJSON.text(decoded!), "a second round trip changes the text")
        }
    }
}
