import Foundation
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The same operations on the GeoPackage and on PostGIS give the same documents; `store copy`
/// moves everything both ways; the server answers 503 while PostgreSQL is down and resumes.
@Suite(.serialized) struct StoreBackendTests {
    /// Every face's operation on a PostGIS store (built from the shipped data on first use)
    /// prints what it prints on the GeoPackage built from the same files.
    @Test func everyOperationAnswersTheSameOnBothStores() throws {
        let pg = try PostgresCluster()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stores-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let gpkg = dir.appendingPathComponent("im.gpkg").path
        let commands: [[String]] = [
            ["sites", "list", "--format", "csv"], ["sites", "list", "--scheme", "national-key-relic", "--period", "辽"],
            ["sites", "search", "博物"], ["sites", "search", "dazhao"],
            ["sites", "near", "111.65,40.81", "--radius-km", "20"],
            ["sites", "within", "111.5,40.7,111.8,40.9", "--format", "geojson"],
            ["sites", "review-due", "--year", "2030"],
            ["sites", "show", "im-hhht-dazhao-temple", "--format", "json"],
            ["route", "Hohhot", "Baotou", "--profile", "coach"],
            ["matrix", "--sites", "im-hhht-dazhao-temple,im-bt-meidaizhao,im-ordos-genghis-mausoleum"],
            ["reach", "Hohhot", "--minutes", "60"],
            [
                "plan", projectRoot.appendingPathComponent("Plans/hohhot-heritage-3-days.yaml").path, "--iterations",
                "200"
            ],
            ["routes", "list"], ["tours", "list"], ["export", "tours", "--format", "geojson"], ["roads", "info"]
        ]
        for c in commands {
            let a = try showcase(c + ["--store", gpkg, "--data", projectRoot.path])
            let b = try showcase(c + ["--store", pg.url, "--data", projectRoot.path])
            #expect(a.status == 0 && b.status == 0, "\(c): \(a.stderr) \(b.stderr)")
            // Search hits of one rank come in the engine's order (SQLite's bm25, PostgreSQL's row
            // order): the same hits, compared as a set.
            func same(_ text: String, _ store: String) -> [String] {
                let lines = text.replacingOccurrences(of: store, with: "STORE").split(separator: "\n").map(String.init)
                return c[1] == "search" ? lines.sorted() : lines
            }
            #expect(same(a.stdout, gpkg) == same(b.stdout, pg.url), "\(c)")
            #expect(a.stdout.count > 20, "\(c): \(a.stdout)")
        }
    }

    /// GeoPackage → PostGIS → GeoPackage gives the same database (sqlite3 .dump), edits and
    /// history included; GDAL reads the PostGIS layers.
    @Test func storeCopyRoundTripAndGDALReadsPostGIS() throws {
        let pg = try PostgresCluster()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("copy-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let a = dir.appendingPathComponent("a.gpkg").path, b = dir.appendingPathComponent("b.gpkg").path
        #expect(try showcase(["init", "--store", a, "--data", projectRoot.path]).status == 0)
        #expect(try showcase(["sites", "revert", "im-hhht-dazhao-temple", "--to", "0", "--store", a]).status != 0)
        let there = try showcase(["store", "copy", "--from", a, "--to", pg.url])
        #expect(there.status == 0, "\(there.stderr)")
        let back = try showcase(["store", "copy", "--from", pg.url, "--to", b])
        #expect(back.status == 0, "\(back.stderr)")
        let dumpA = try runTool(["sqlite3", a, ".dump"]), dumpB = try runTool(["sqlite3", b, ".dump"])
        #expect(dumpA.status == 0 && dumpA.output.count > 10_000)
        #expect(dumpA.output == dumpB.output)
        let info = try runTool(["ogrinfo", "-ro", "-so", pg.gdal, "sites"])
        #expect(info.status == 0 && info.output.contains("Feature Count: \(shippedSites)"), "\(info.output)")
        #expect(info.output.contains("Geometry: Point") && info.output.contains("name_zh: String"))
        let roads = try runTool(["ogrinfo", "-ro", "-so", pg.gdal, "roads"])
        #expect(roads.output.contains("Geometry: Line String"), "\(roads.output)")
    }

    /// PostgreSQL stopped while the server runs: 503 problem JSON at once (no crash, no hang),
    /// nothing half written; when it is back the same server answers and writes again.
    @Test func postgresDownGives503AndServiceResumes() throws {
        let pg = try PostgresCluster()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let token = "fault-token"
        let s = try RunningServer(token: token, store: pg.url)
        let id = "im-hhht-dazhao-temple"
        let before = try s.exchange("/collections/sites/items/\(id)")
        #expect(before.status == 200)
        try pg.stop()
        let started = Date()
        let down = try s.exchange("/collections/sites/items/\(id)")
        let write = try s.exchange(
            "/collections/sites/items/\(id)", method: "PATCH", body: #"{"properties":{"highlight":"while down"}}"#,
            headers: ["Authorization: Bearer \(token)"])
        let health = try s.exchange("/health")
        #expect(Date().timeIntervalSince(started) < 15)
        for r in [down, write, health] {
            #expect(r.status == 503 && r.headers["content-type"] == "application/problem+json", "\(r.body)")
        }
        #expect(s.process.isRunning)
        try pg.start()
        var back = 0
        for _ in 0..<50 where back != 200 {
            back = try s.exchange("/health").status
            if back != 200 { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(back == 200)
        let after = try s.exchange("/collections/sites/items/\(id)")
        #expect(after.body == before.body && after.headers["etag"] == before.headers["etag"])
        #expect(try pg.psql("SELECT count(*) FROM site_history").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let patched = try s.exchange(
            "/collections/sites/items/\(id)", method: "PATCH", body: #"{"properties":{"highlight":"after"}}"#,
            headers: ["Authorization: Bearer \(token)"])
        #expect(patched.status == 200)
    }
}
