import Foundation
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A real `showcase serve` on a free loopback port, with a fresh database; stopped with SIGTERM.
final class RunningServer {
    let process = Process()
    let dir: URL
    let db: String
    var port = 0
    var base: String { "http://127.0.0.1:\(port)" }

    /// - Parameter store: a store to serve (a PostGIS URL); nil: a new GeoPackage.
    init(token: String? = nil, arguments: [String] = [], store: String? = nil, build: Bool = true) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-serve-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        db = store ?? dir.appendingPathComponent("im.gpkg").path
        if build {
            let built = try showcase(["init", "--store", db, "--data", projectRoot.path])
            #expect(built.status == 0, "\(built.stderr)")
        }
        let err = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = showcaseBinary
        process.arguments =
            ["serve", "--port", "0", "--store", db, "--data", projectRoot.path, "--max-plans", "1"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["SHOWCASE_TOKEN"] = token
        process.environment = env
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<200 {
            let text = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"on http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                port = Int(text[range].split(separator: ":").last!.dropLast())!
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "server did not start"])
    }

    deinit { process.terminate(); process.waitUntilExit() }

    /// One HTTP exchange through curl: status, content type, body.
    func request(_ path: String, method: String = "GET", body: String? = nil, headers: [String] = []) throws -> (
        status: Int, type: String, body: String
    ) {
        let r = try exchange(path, method: method, body: body, headers: headers)
        return (r.status, r.headers["content-type"] ?? "", r.body)
    }

    func tool(_ args: [String]) throws -> (Int32, String) {
        let run = try runTool(args)
        return (run.status, run.output)
    }
}

private func object(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

@Suite(.serialized) struct ServerTests {
    @Test func ogcAPIFeaturesCoreWithPagingFiltersAndGDAL() throws {
        let s = try RunningServer()
        let landing = try s.request("/")
        #expect(landing.status == 200 && landing.type.hasPrefix("application/json"))
        #expect(landing.body.contains("\"rel\":\"service-desc\"") && landing.body.contains("/api"))
        let conformance = object(try s.request("/conformance").body)["conformsTo"] as! [String]
        #expect(conformance.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"))
        let page1 = try s.request("/collections/sites/items?limit=30")
        #expect(page1.type == "application/geo+json")
        let fc = object(page1.body)
        #expect(fc["numberMatched"] as? Int == shippedSites && fc["numberReturned"] as? Int == 30)
        let next = (fc["links"] as! [[String: Any]]).first { $0["rel"] as? String == "next" }!["href"] as! String
        let page3 = object(
            try s.request(
                String(next.dropFirst(s.base.count)).replacingOccurrences(
                    of: "offset=30", with: "offset=\(shippedSites - 8)")
            ).body)
        #expect(
            page3["numberReturned"] as? Int == 8
                && !((page3["links"] as! [[String: Any]]).contains { $0["rel"] as? String == "next" }))
        let hohhot = object(try s.request("/collections/sites/items?bbox=111.4,40.6,111.9,41.0&kind=temple").body)
        let features = hohhot["features"] as! [[String: Any]]
        #expect(
            !features.isEmpty
                && features.allSatisfy { (($0["properties"] as! [String: Any])["kind"] as? String) == "temple" })
        // A browser (Accept: text/html) gets the same page as an HTML table.
        let html = try s.request(
            "/collections/sites/items?limit=5", headers: ["Accept: text/html,application/xhtml+xml,*/*;q=0.8"])
        #expect(
            html.type.hasPrefix("text/html") && html.body.components(separatedBy: "<tr>").count - 1 == 6
                && html.body.contains("next page"))
        // The text search finds a site by the name the State Council's list gives it.
        let official = object(try s.request("/collections/sites/items?q=%E7%8E%8B%E6%98%AD%E5%90%9B%E5%A2%93").body)
        let first = (official["features"] as? [[String: Any]])?.first?["properties"] as? [String: Any]
        #expect(
            first?["id"] as? String == "im-hhht-zhaojun-tomb"
                && (first?["aliases"] as? String ?? "").hasPrefix("王昭君墓 (national-key-relic batch=6"))
        let one = try s.request("/collections/sites/items/im-hhht-dazhao-temple")
        #expect(one.status == 200 && object(one.body)["id"] as? String == "im-hhht-dazhao-temple")
        // GDAL's OGC API – Features driver lists the collections and copies sites with every attribute.
        let (status, info) = try s.tool(["ogrinfo", "-ro", "OAPIF:\(s.base)"])
        #expect(
            status == 0 && info.contains("sites") && info.contains("towns") && info.contains("routes")
                && info.contains("tours"), "\(info)")
        let copy = s.dir.appendingPathComponent("copy.geojson").path
        #expect(try s.tool(["ogr2ogr", "-f", "GeoJSON", copy, "OAPIF:\(s.base)", "sites"]).0 == 0)
        let copied = object(try String(contentsOfFile: copy, encoding: .utf8))["features"] as! [[String: Any]]
        #expect(copied.count == shippedSites)
        #expect(
            Set((copied[0]["properties"] as! [String: Any]).keys).isSuperset(of: [
                "id", "name_zh", "kind", "themes", "precision", "opening_hours"
            ]))
    }

    @Test func planningEndpointsAnswer() throws {
        let s = try RunningServer()
        let route = object(try s.request("/route?from=Hohhot&to=Baotou&profile=coach").body)
        #expect((route["distance_m"] as? Double ?? 0) > 150_000)
        let matrix = object(
            try s.request("/matrix", method: "POST", body: #"{"sites": ["im-hhht-dazhao-temple", "im-bt-meidaizhao"]}"#)
                .body)
        let durations = matrix["durations"] as! [[Double]]
        #expect(durations[0][0] == 0 && durations[0][1] > 3000)
        let reach = try s.request("/reach?from=Hohhot&minutes=60")
        #expect(reach.status == 200 && reach.type == "application/geo+json")
        let gpx = try s.request(
            "/plan?f=gpx", method: "POST", body: "start: Hohhot\ndate: 2026-06-02\ndays: 1\ntime_limit: 0.3\n")
        #expect(gpx.status == 200 && gpx.type == "application/gpx+xml" && gpx.body.contains("<trk>"))
        let solved = object(
            try s.request(
                "/solve?time_limit=0.2", method: "POST",
                body:
                    #"{"vehicles":[{"id":1,"start_index":0,"end_index":0}],"jobs":[{"id":5,"location_index":1}],"matrices":{"car":{"durations":[[0,7],[7,0]]}}}"#
            ).body)
        #expect((solved["summary"] as? [String: Any])?["duration"] as? Int == 14)
        // The OpenAPI document passes openapi-spec-validator (PyPI) and has the right media type.
        let api = try s.request("/api")
        #expect(api.type == "application/vnd.oai.openapi+json;version=3.0")
        let file = s.dir.appendingPathComponent("api.json")
        try api.body.write(to: file, atomically: true, encoding: .utf8)
        let (status, output) = try s.tool([
            "python3", "-c",
            "from openapi_spec_validator import validate; from openapi_spec_validator.readers import read_from_filename as r; validate(r(__import__('sys').argv[1])[0])",
            file.path
        ])
        #expect(status == 0, "\(output)")
    }

    /// Property-based: schemathesis (PyPI) generates requests from the OpenAPI document and finds
    /// no 5xx and no response that contradicts the document (status, media type, schema).
    @Test func schemathesisFindsNoContradictionAndNo5xx() throws {
        let s = try RunningServer()
        let (status, output) = try s.tool([
            "schemathesis", "run", "\(s.base)/openapi.json", "--max-examples", "15", "--seed", "1",
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,unsupported_method",
            "--phases", "examples,coverage,fuzzing"
        ])
        #expect(status == 0, "\(output.suffix(3000))")
    }

    @Test(arguments: [
        ("/collections/nope/items", "GET", nil as String?, 404),
        ("/collections/sites/items?bbox=112,41,111,40", "GET", nil, 400),
        ("/collections/sites/items?limit=0", "GET", nil, 400),
        ("/collections/sites/items?limit=1000000000", "GET", nil, 400),
        ("/collections/sites/items?kind=x%27%20OR%201%3D1--", "GET", nil, 400),
        ("/collections/sites/items?colour=red", "GET", nil, 400),
        ("/collections/sites/items/..%2F..%2Fetc%2Fpasswd", "GET", nil, 404),
        ("/static/leaflet/..%2F..%2F..%2Fetc%2Fpasswd", "GET", nil, 404),
        ("/matrix", "POST", "{not json", 400),
        ("/route?from=Hohhot", "GET", nil, 400),
        ("/route?from=Hohhot&to=30,62", "GET", nil, 422),
        ("/route?from=Hohhot&to=Atlantis", "GET", nil, 404),
        ("/collections", "DELETE", nil, 405),
        ("/plan", "POST", "start: Hohhot\ndate: June\n", 400),
        ("/collections/sites/items", "POST", "{}", 403)
    ])
    func hostileInputGetsAProblemAndTheServerKeepsServing(path: String, method: String, body: String?, status: Int)
        throws
    {
        let s = try RunningServer()
        let r = try s.request(path, method: method, body: body)
        #expect(r.status == status, "\(path): \(r.status) \(r.body)")
        if status >= 400 {
            #expect(
                r.type == "application/problem+json" && object(r.body)["status"] as? Int == status, "\(path): \(r.body)"
            )
        }
        if path.contains("OR") { #expect(object(r.body)["code"] as? String == "invalid-field") }
        #expect(try s.request("/collections").status == 200)
    }

    /// WAL: the server answers reads while another process imports 20,000 sites into the same
    /// database, and serves the new data once the import commits. Plans beyond `--max-plans`
    /// are refused at once with a 503 problem, not queued or dropped.
    @Test func readsContinueDuringAnImportAndPlansBeyondTheBoundAreRefused() throws {
        let s = try RunningServer()
        let file = s.dir.appendingPathComponent("many.csv")
        var csv = "id,name_en,kind,lon,lat\n"
        for i in 0..<20_000 {
            csv += "gen-\(i),Generated \(i),museum,\(100 + Double(i % 200) / 10),\(40 + Double(i / 200) / 100)\n"
        }
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let importer = Process()
        importer.executableURL = showcaseBinary
        importer.arguments = ["sites", "import", file.path, "--db", s.db]
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        var statuses: [Int] = []
        while importer.isRunning { statuses.append(try s.request("/collections/sites/items?limit=1").status) }
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)
        #expect(statuses.count >= 3 && statuses.allSatisfy { $0 == 200 }, "\(statuses)")
        #expect(
            object(try s.request("/collections/sites/items?limit=1").body)["numberMatched"] as? Int == 20_000
                + shippedSites)

        // --max-plans 1: of four plans sent at once, one runs and the others get a 503 problem.
        let answers = UnsafeMutableBufferPointer<(Int, String)>.allocate(capacity: 4)
        answers.initialize(repeating: (0, ""))
        defer { answers.deinitialize(); answers.deallocate() }
        nonisolated(unsafe) let slots = answers, server = s // each iteration writes its own slot
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let r =
                (try? server.request(
                    "/plan", method: "POST", body: "start: Hohhot\ndate: 2026-06-02\ndays: 2\ntime_limit: 1.5\n")) ?? (
                    status: 0, type: "", body: ""
                )
            slots[i] = (r.status, r.type)
        }
        let codes = answers.map(\.0).sorted()
        #expect(codes.contains(200) && codes.contains(503) && codes.allSatisfy { $0 == 200 || $0 == 503 }, "\(codes)")
        #expect(answers.filter { $0.0 == 503 }.allSatisfy { $0.1 == "application/problem+json" })
        #expect(
            try s.request("/plan", method: "POST", body: "start: Hohhot\ndate: 2026-06-02\ndays: 1\ntime_limit: 0.2\n")
                .status == 200)
    }

    @Test func writesNeedTheTokenAndBodiesAreLimited() throws {
        let s = try RunningServer(token: "s3cret")
        let site =
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111.7,40.8]},"properties":{"id":"new-site","name_en":"New site","kind":"museum"}}]}"#
        #expect(try s.request("/collections/sites/items", method: "POST", body: site).status == 401)
        #expect(
            try s.request(
                "/collections/sites/items", method: "POST", body: site, headers: ["Authorization: Bearer wrong"]
            ).status == 401)
        let ok = try s.request(
            "/collections/sites/items", method: "POST", body: site, headers: ["Authorization: Bearer s3cret"])
        #expect(ok.status == 200 && object(ok.body)["inserted"] as? Int == 1, "\(ok.body)")
        #expect(try s.request("/collections/sites/items/new-site").status == 200)
        let huge = String(repeating: "x", count: 2 << 20)
        #expect(try s.request("/matrix", method: "POST", body: huge).status == 413)
        #expect(try s.request("/collections").status == 200)
        // SIGTERM: a graceful shutdown, exit status 0.
        s.process.terminate()
        s.process.waitUntilExit()
        #expect(s.process.terminationStatus == 0 && s.process.terminationReason == .exit)
    }
}

@Suite(.serialized) struct MapPageTests {
    /// GET /basemap is valid GeoJSON that GDAL/GEOS read (every geometry valid), with each layer;
    /// the region's outline holds Hohhot and not Beijing, and each of the 12 league polygons
    /// holds its own league seat (GeoNames points from GeoData/towns.csv), checked by GEOS.
    @Test func theBaseMapHoldsTheRegionItsLeaguesAndTheBorder() throws {
        let s = try RunningServer()
        let file = s.dir.appendingPathComponent("basemap.geojson")
        let timing = try s.tool([
            "curl", "-s", "-o", file.path, "-w", "%{http_code} %{content_type} %{size_download} %{time_total}",
            "\(s.base)/basemap"
        ])
        let parts = timing.1.split(separator: " ")
        #expect(parts.first == "200" && parts.dropFirst().first == "application/geo+json", "\(timing)")
        let bytes = Int(parts.dropFirst(2).first ?? "") ?? 0
        #expect(bytes > 100_000 && bytes < 5_000_000, "a few MB at most: \(bytes) bytes")
        print("GET /basemap: \(bytes) bytes in \(parts.last ?? "?") s")
        let seats = [
            "呼和浩特市": (111.65222, 40.81056), "包头市": (109.84389, 40.6516), "乌海市": (106.81583, 39.68442),
            "赤峰市": (118.96361, 42.26833), "通辽市": (122.26528, 43.6125), "鄂尔多斯市": (109.78157, 39.6086),
            "呼伦贝尔市": (119.7, 49.2), "巴彦淖尔市": (107.38599, 40.74143), "乌兰察布市": (113.10583, 41.0275),
            "兴安盟": (122.08333, 46.08333), "锡林郭勒盟": (116.07021, 43.93889), "阿拉善盟": (105.66861, 38.83861)
        ]
        let seatList = seats.map { "'\($0.key)': (\($0.value.0), \($0.value.1))" }.joined(separator: ", ")
        let check = try runTool([
            "/usr/bin/python3", "-c",
            """
            import json, sys
            from osgeo import ogr
            seats = {\(seatList)}
            doc = json.load(open(sys.argv[1]))
            assert doc['type'] == 'FeatureCollection'
            layers, leagues, region = {}, {}, []
            for f in doc['features']:
                layer = f['properties']['layer']
                layers[layer] = layers.get(layer, 0) + 1
                g = ogr.CreateGeometryFromJson(json.dumps(f['geometry']))
                assert g is not None and g.IsValid(), (layer, f['properties'].get('name_zh'))
                if layer == 'league': leagues[f['properties']['name_zh']] = g
                if layer == 'province' and f['properties'].get('region'): region.append(g)
            def point(lon, lat):
                p = ogr.Geometry(ogr.wkbPoint); p.AddPoint_2D(lon, lat); return p
            print('layers', json.dumps(layers, sort_keys=True))
            print('region', len(region), region[0].Contains(point(111.65222, 40.81056)),
                  region[0].Contains(point(116.4074, 39.9042)))
            print('leagues', len(leagues), sum(1 for n, (x, y) in seats.items() if n in leagues
                  and leagues[n].Contains(point(x, y))))
            """, file.path
        ])
        #expect(check.status == 0, "\(check.output)")
        let out = check.output
        for layer in ["border", "lake", "league", "province", "river", "road"] {
            #expect(out.contains("\"\(layer)\""), "layer \(layer) missing: \(out)")
        }
        #expect(out.contains("region 1 True False"), "Hohhot in, Beijing out: \(out)")
        #expect(out.contains("leagues 12 12"), "12 leagues, each holding its seat: \(out)")
    }

    /// The old developer map is retired: /map sends a browser to the trip planner, whose files
    /// (the page, its ES modules and its words per language) are served from the bundle and
    /// nothing beside them is.
    @Test func theOldMapSendsBrowsersToTheAppWhoseModulesAreServed() throws {
        let s = try RunningServer()
        let map = try s.request("/map")
        #expect(map.status == 301, "\(map)")
        let location = try s.tool(["curl", "-s", "-o", "/dev/null", "-w", "%{redirect_url}", "\(s.base)/map"])
        #expect(location.1 == "\(s.base)/app", "\(location)")
        let page = try s.request("/app")
        #expect(page.status == 200 && page.body.contains("type=\"module\" src=\"/app/js/main.js\""))
        for file in ["js/main.js", "js/api.js", "js/map.js", "i18n/en.js", "i18n/zh-Hans.js", "app.css", "print.css"] {
            let r = try s.request("/app/" + file)
            #expect(r.status == 200 && !r.body.isEmpty, "/app/\(file): \(r.status)")
            if file.hasSuffix(".js") { #expect(r.type.hasPrefix("text/javascript"), "\(file): \(r.type)") }
        }
        for missing in ["js/nothing.js", "js/..%2Fapp.css", "i18n/fr.js", "..%2F..%2FPackage.swift"] {
            #expect(try s.request("/app/" + missing).status == 404, "\(missing)")
        }
    }
}
