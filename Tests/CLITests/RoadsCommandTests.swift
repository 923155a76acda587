import Foundation
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
private let helsinkiPBF = projectRoot.appendingPathComponent("Tests/RoadGraphTests/Fixtures/Helsinki.osm.pbf").path

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-roads-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// A database with the shipped data, then Helsinki imported over the shipped roads.
private func helsinkiDatabase() throws -> (dir: URL, db: String) {
    let dir = try scratch()
    let db = dir.appendingPathComponent("h.gpkg").path
    let run = try showcase(["roads", "import", helsinkiPBF, "--db", db, "--data", projectRoot.path])
    #expect(run.status == 0, "\(run.stderr)")
    return (dir, db)
}

private func python(_ script: String, _ request: [String: Any]) throws -> [String: Any] {
    let out = try toolOutput(
        ["python3", fixtures.appendingPathComponent(script).path],
        stdin: try JSONSerialization.data(withJSONObject: request))
    return try JSONSerialization.jsonObject(with: out) as! [String: Any]
}

@Suite struct RoadsCommandTests {
    @Test func shippedNetworkMatchesPublishedDistancesBetweenLeagueSeats() throws {
        let dir = try scratch()
        let db = dir.appendingPathComponent("im.gpkg").path
        let rows = try String(
            contentsOf: fixtures.appendingPathComponent("published_road_distances.csv"), encoding: .utf8
        )
        .split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map {
            $0.split(separator: ",").map(String.init)
        }
        for r in rows {
            let run = try showcase([
                "route", "\(r[1]),\(r[2])", "\(r[4]),\(r[5])", "--format", "json", "--db", db, "--data",
                projectRoot.path
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let out = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            let km = (out["distance_m"] as! NSNumber).doubleValue / 1000, published = Double(r[6])!
            #expect(
                abs(km - published) / published <= 0.10, "\(r[0])–\(r[3]): \(km) km routed, \(published) km published")
        }
    }

    @Test func everyShippedSiteIsRoutableFromEveryOther() throws {
        let dir = try scratch()
        let db = dir.appendingPathComponent("im.gpkg").path
        let list = try showcase(["sites", "list", "--format", "csv", "--db", db, "--data", projectRoot.path])
        let ids = list.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(ids.count == shippedSites)
        let run = try showcase(["matrix", "--sites", ids.joined(separator: ","), "--profile", "coach", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let durations = m["durations"] as! [[Any]]
        #expect(durations.count == ids.count && durations.allSatisfy { row in row.allSatisfy { $0 is Double } })
    }

    @Test func reachListsTheSitesWithinTheLimitNearestFirst() throws {
        let dir = try scratch()
        let db = dir.appendingPathComponent("im.gpkg").path
        let run = try showcase(["reach", "Hohhot", "--minutes", "180", "--db", db, "--data", projectRoot.path])
        #expect(run.status == 0, "\(run.stderr)")
        let fc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let features = fc["features"] as! [[String: Any]]
        #expect((features[0]["geometry"] as! [String: Any])["type"] as? String == "MultiPolygon")
        let durations = features.dropFirst().map {
            (($0["properties"] as! [String: Any])["duration_s"] as! NSNumber).doubleValue
        }
        #expect(durations.count >= 10 && durations.count < shippedSites)
        #expect(durations == durations.sorted() && durations.allSatisfy { $0 <= 180 * 60 })
        // The Hohhot–Baotou sites are in; Hulunbuir (over 1,000 km away) is not.
        #expect(run.stdout.contains("im-bt-") && !run.stdout.contains("im-hlbr-"))
    }

    /// `--minutes 60,120,180`: three areas, largest first and each larger than the next, and
    /// every site in the smallest band its own travel time falls in.
    @Test func reachBandsNestAndPlaceEverySite() throws {
        let dir = try scratch()
        let db = dir.appendingPathComponent("im.gpkg").path
        let run = try showcase(["reach", "Hohhot", "--minutes", "120,60,180", "--db", db, "--data", projectRoot.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("within 60 min") && run.stderr.contains("within 180 min"))
        let fc = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let features = fc["features"] as! [[String: Any]]
        let areas = features.prefix(3).map { $0["properties"] as! [String: Any] }
        #expect(areas.map { $0["minutes"] as? Double } == [180, 120, 60])
        let km2 = areas.map { ($0["area_km2"] as! NSNumber).doubleValue }
        #expect(km2[0] > km2[1] && km2[1] > km2[2] && km2[2] > 100)
        let sites = features.dropFirst(3).map { $0["properties"] as! [String: Any] }
        #expect(!sites.isEmpty)
        for p in sites {
            let d = (p["duration_s"] as! NSNumber).doubleValue, band = (p["band_minutes"] as! NSNumber).doubleValue
            #expect(d <= band * 60 && (band == 60 || d > (band - 60) * 60), "\(p["site_id"]!)")
        }
        #expect(
            areas.map { ($0["sites"] as! NSNumber).intValue }
                == [180.0, 120, 60].map { b in
                    sites.filter { ($0["duration_s"] as! NSNumber).doubleValue <= b * 60 }.count
                })
        let bad = try showcase(["reach", "Hohhot", "--minutes", "30,abc", "--db", db, "--data", projectRoot.path])
        #expect(bad.status != 0 && bad.stderr.contains("minutes"))
    }

    @Test func exportAndMatrixAgreeWithAnIndependentDijkstraOnTheExport() throws {
        let (dir, db) = try helsinkiDatabase()
        let export = try showcase(["roads", "export", "--profile", "car", "--db", db])
        #expect(export.status == 0)
        let exportURL = dir.appendingPathComponent("edges.geojson")
        try export.stdout.write(to: exportURL, atomically: true, encoding: .utf8)
        let fc = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as! [String: Any]
        let features = fc["features"] as! [[String: Any]]
        let info = try showcase(["roads", "info", "--db", db])
        // 1,937 OSM nodes and 3,015 road edges, plus 48 vertices and edges at junctions with turn
        // restrictions and barriers (the oracle comparison in RoutingTests checks the plain graph).
        #expect(info.stdout.contains("car      1985       3063"), "\(info.stdout)")
        #expect(features.count == 3063)
        // 40 places at node positions (first coordinates of seeded random edges), at positions no
        // other node shares (OSM has distinct nodes at equal coordinates; a point cannot say which).
        var nodesAt: [[Double]: Set<Int64>] = [:]
        for f in features {
            let c = (f["geometry"] as! [String: Any])["coordinates"] as! [[Double]]
            let p = f["properties"] as! [String: Any]
            nodesAt[c[0], default: []].insert((p["from"] as! NSNumber).int64Value)
            nodesAt[c[1], default: []].insert((p["to"] as! NSNumber).int64Value)
        }
        let candidates = features.filter {
            nodesAt[(($0["geometry"] as! [String: Any])["coordinates"] as! [[Double]])[0]]!.count == 1
        }
        var rng = SeededGenerator(seed: 11)
        let picks = (0..<40).map { _ in candidates.randomElement(using: &rng)! }
        let ids = picks.map { ($0["properties"] as! [String: Any])["from"] as! NSNumber }.map(\.int64Value)
        let points = picks.map { (($0["geometry"] as! [String: Any])["coordinates"] as! [[Double]])[0] }
        let pointsURL = dir.appendingPathComponent("points.json")
        try JSONSerialization.data(withJSONObject: points).write(to: pointsURL)
        let run = try showcase(["matrix", "--points", pointsURL.path, "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let m = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let durations = m["durations"] as! [[Any]], distances = m["distances"] as! [[Any]]
        let reference = try python("export_oracle.py", ["export": exportURL.path, "sources": ids, "targets": ids])
        #expect((reference["worst_length_error_m"] as! Double) < 0.01)
        let costs = reference["costs"] as! [[Any]]
        var compared = 0
        for i in 0..<40 {
            for j in 0..<40 {
                if let expected = costs[i][j] as? [Double] {
                    // The CLI rounds to 0.1 s and 0.1 m.
                    #expect(abs((durations[i][j] as! Double) - expected[0]) <= 0.06)
                    #expect(abs((distances[i][j] as! Double) - expected[1]) <= 0.06)
                    compared += 1
                } else {
                    #expect(durations[i][j] is NSNull)
                }
            }
        }
        #expect(compared > 800)
    }

    /// A region's graph is over SQLite's 1 GB value limit, so it is stored in parts; split a
    /// small one into 64 kB parts and the answers are the same.
    @Test func aGraphStoredInPartsRoutesTheSame() throws {
        let (dir, db) = try helsinkiDatabase()
        let parted = dir.appendingPathComponent("parts.gpkg").path
        let run = try showcase(
            ["roads", "import", helsinkiPBF, "--db", parted, "--data", projectRoot.path],
            environment: ["SHOWCASE_GRAPH_PART_BYTES": "65536"])
        #expect(run.status == 0, "\(run.stderr)")
        let parts = String(
            decoding: try toolOutput(["sqlite3", parted, "SELECT count(*) FROM road_graph_parts WHERE profile = 'car'"]
            ), as: UTF8.self)
        #expect((Int(parts.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 3)
        let args = ["route", "24.9384,60.1699", "24.9500,60.1750", "--format", "json"]
        let a = try showcase(args + ["--db", db]), b = try showcase(args + ["--db", parted])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test func routeFormatsCarryTheSameNumbers() throws {
        let (_, db) = try helsinkiDatabase()
        let json = try showcase(["route", "24.9384,60.1699", "24.9500,60.1750", "--format", "json", "--db", db])
        let geo = try showcase([
            "route", "24.9384,60.1699", "24.9500,60.1750", "--format", "geojson", "--algorithm", "astar", "--db", db
        ])
        let j = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let g = try JSONSerialization.jsonObject(with: Data(geo.stdout.utf8)) as! [String: Any]
        let leg = ((g["features"] as! [[String: Any]])[0]["properties"] as! [String: Any])
        #expect(j["distance_m"] as? Double == leg["distance_m"] as? Double)
        #expect(j["duration_s"] as? Double == leg["duration_s"] as? Double)
        let line = ((j["geometry"] as! [String: Any])["coordinates"] as! [[Double]])
        #expect(line.first == [24.9384, 60.1699] && line.last == [24.95, 60.175])
        #expect(line.count > 10) // follows the streets, not a straight line
    }

    @Test func badRoadFilesAreRefusedAndTheOldNetworkStays() throws {
        let (dir, db) = try helsinkiDatabase()
        let pbf = try Data(contentsOf: URL(fileURLWithPath: helsinkiPBF))
        var corrupt = pbf; for i in 60_000..<60_200 { corrupt[i] ^= 0x5A }
        var hugeClaim =
            Data([0, 0, 0, 15]) + Data([0x0A, 0x07]) + Data("OSMData".utf8) + Data([0x18, 0x80, 0x80, 0x80, 0x80, 0x04])
        hugeClaim += Data(count: 16)
        let cases: [(String, Data, String)] = [
            ("empty.osm.pbf", Data(), "empty file"),
            ("truncated.osm.pbf", pbf.prefix(pbf.count / 2), "truncated"),
            ("corrupt.osm.pbf", corrupt, "block"),
            ("huge.osm.pbf", hugeClaim, "limit"),
            (
                "nolines.geojson",
                Data(
                    #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}]}"#
                        .utf8), "no LineString"
            ),
            ("notjson.geojson", Data("{\"type\":".utf8), "line 1"),
            (
                "bad.osm", Data("<osm version=\"0.6\">\n<node id=\"1\" lat=\"95\" lon=\"10\"/>\n</osm>\n".utf8),
                "bad.osm:2: <node> needs"
            ),
            ("broken.osm", Data("<osm version=\"0.6\">\n<way id=\"1\">\n</osm>\n".utf8), "broken.osm:3")
        ]
        for (name, bytes, message) in cases {
            let path = dir.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            let run = try showcase(["roads", "import", path, "--db", db])
            #expect(run.status == 1, "\(name)")
            #expect(run.stderr.hasPrefix("showcase: error: \(path)"), "\(name): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(name): \(run.stderr)")
            #expect(run.stderr.filter { $0 == "\n" }.count == 1, "\(name): \(run.stderr)")
        }
        let info = try showcase(["roads", "info", "--db", db])
        #expect(info.stdout.contains("Helsinki.osm.pbf") && info.stdout.contains("walk     6122"))
        #expect(try showcase(["route", "24.9384,60.1699", "24.9500,60.1750", "--db", db]).status == 0)
    }

    @Test func disconnectedPointsAndFarPointsGetAClearAnswer() throws {
        let dir = try scratch()
        let db = dir.appendingPathComponent("islands.gpkg").path
        // Two separate roads with a missing-node-free geometry: island A and island B.
        let roads = #"""
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[111.0,40.0],[111.1,40.0]]},"properties":{"highway":"primary"}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[112.0,40.0],[112.1,40.0]]},"properties":{"highway":"primary"}}]}
            """#
        let path = dir.appendingPathComponent("islands.geojson")
        try roads.write(to: path, atomically: true, encoding: .utf8)
        #expect(
            try showcase(["roads", "import", path.path, "--profile", "car", "--db", db, "--data", projectRoot.path])
                .status == 0)
        let noRoute = try showcase(["route", "111.05,40.0", "112.05,40.0", "--db", db])
        #expect(noRoute.status == 1)
        #expect(noRoute.stderr.contains("no car route") && noRoute.stdout.isEmpty, "\(noRoute.stderr)")
        let far = try showcase(["route", "111.05,40.0", "116.0,40.0", "--db", db])
        #expect(far.status == 1)
        #expect(far.stderr.contains("km from the nearest car road"), "\(far.stderr)")
        let matrix = try showcase(["matrix", "--points", writePoints(dir, [[111.05, 40.0], [112.05, 40.0]]), "--db", db]
        )
        let m = try JSONSerialization.jsonObject(with: Data(matrix.stdout.utf8)) as! [String: Any]
        #expect(((m["durations"] as! [[Any]])[0][1]) is NSNull)
        let coach = try showcase(["route", "111.05,40.0", "111.06,40.0", "--profile", "coach", "--db", db])
        #expect(coach.status == 1 && coach.stderr.contains("no coach road graph"), "\(coach.stderr)")
    }

    private func writePoints(_ dir: URL, _ points: [[Double]]) throws -> String {
        let url = dir.appendingPathComponent("pts-\(UUID()).json")
        try JSONSerialization.data(withJSONObject: points).write(to: url)
        return url.path
    }
}
