import Foundation
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

private func database() throws -> (dir: URL, db: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-routes-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let db = dir.appendingPathComponent("im.gpkg").path
    let run = try showcase(["init", "--db", db, "--data", projectRoot.path])
    #expect(run.status == 0, "\(run.stderr)")
    return (dir, db)
}

private func ogrinfo(_ path: String) throws -> (Int32, String) {
    let run = try runTool(["ogrinfo", "-ro", "-al", "-so", path])
    return (run.status, run.output)
}

@Suite struct StoredRoutesTests {
    @Test func initLoadsTheRoutesAndToursLayers() throws {
        let (_, db) = try database()
        let routes = try showcase(["routes", "list", "--db", db]).stdout.split(separator: "\n")
        let tours = try showcase(["tours", "list", "--db", db]).stdout.split(separator: "\n")
        let files = try FileManager.default.contentsOfDirectory(
            atPath: projectRoot.appendingPathComponent("Routes").path
        ).filter { $0.hasSuffix(".yaml") }
        #expect(routes.count + tours.count == files.count && files.count >= 6)
        #expect(routes.allSatisfy { $0.contains("heritage") && $0.contains("[example]") })
        let (status, info) = try ogrinfo(db)
        #expect(
            status == 0 && info.contains("Layer name: routes") && info.contains("Layer name: tours")
                && !info.contains("Warning"), "\(info.prefix(400))")
    }

    /// The Ministry's Xilingol study tour: marked official with its source, all eight stops driven
    /// in order on a July day by coach, and the plan says which points are coarse. Two stops
    /// share one coarse point: the drive between them is "not known", not "0 min, 0.0 km".
    @Test func theOfficialXilingolTourEvaluatesInJulyAndSaysHowPreciseItsPointsAre() throws {
        let (_, db) = try database()
        let list = try showcase(["tours", "list", "--db", db]).stdout
        let line = try #require(list.split(separator: "\n").first { $0.hasPrefix("xilingol-stargazing-official") })
        #expect(!line.contains("[example]"))
        let show = try showcase(["tours", "show", "xilingol-stargazing-official", "--db", db])
        #expect(show.stdout.contains("Ministry of Culture and Tourism, 2023-07-17"), "\(show.stdout)")
        let run = try showcase([
            "tours", "evaluate", "xilingol-stargazing-official", "--date", "2026-07-15", "--profile", "coach",
            "--format", "json", "--db", db
        ])
        #expect(run.status == 0 || run.status == 2, "\(run.stderr)") // 2: rules broken, named on stderr
        let plan = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let stops = (plan["days"] as! [[String: Any]]).flatMap { $0["stops"] as! [[String: Any]] }
        let visited = stops.compactMap { $0["kind"] as? String == "visit" ? $0["site_id"] as? String : nil }
        #expect(
            visited == [
                "im-xlgl-duolun-lake", "im-xlgl-qujiawan-guesthouse", "im-xlgl-xanadu", "im-xlgl-heritage-museum",
                "im-xlgl-jinlianchuan",
                "im-xlgl-mingantu-station", "im-xlgl-sky-eye-camp", "im-xlgl-sand-stargazing-camp"
            ])
        let worst = try #require(plan["worst_precision"] as? [String: Any])
        #expect(worst["precision"] as? String == "league (~150 km; league seat)")
        #expect(
            Set(worst["site_ids"] as! [String]) == [
                "im-xlgl-heritage-museum", "im-xlgl-sky-eye-camp", "im-xlgl-sand-stargazing-camp"
            ])
        let shared = try #require(stops.first { $0["site_id"] as? String == "im-xlgl-sand-stargazing-camp" })
        #expect(
            shared["travel_unknown"] as? Bool == true
                && shared["precision"] as? String == "league (~150 km; league seat)")
        let text = try showcase([
            "tours", "evaluate", "xilingol-stargazing-official", "--date", "2026-07-15", "--profile", "coach", "--db",
            db
        ]).stdout
        #expect(
            text.contains("Coordinates: 3 stops known only to league (~150 km; league seat)")
                && text.contains("not known (same coarse point"))
    }

    @Test func evaluatingOnAMondayNamesTheClosedMuseums() throws {
        let (_, db) = try database()
        let monday = try showcase(["tours", "evaluate", "hohhot-museums-study", "--date", "2026-06-01", "--db", db])
        #expect(monday.status == 2)
        #expect(
            monday.stderr.contains("day 1 (2026-06-01): 内蒙古博物院") && monday.stderr.contains("is closed on Monday"),
            "\(monday.stderr)")
        #expect(monday.stdout.contains("Day 1"))
        let tuesday = try showcase(["tours", "evaluate", "hohhot-museums-study", "--date", "2026-06-02", "--db", db])
        #expect(tuesday.status == 0, "\(tuesday.stderr)")
        #expect(tuesday.stderr.contains("every rule kept"))
    }

    @Test func optimizingKeepsTheStopsAndNeverDrivesMoreThanAsWritten() throws {
        let (_, db) = try database()
        for (command, id) in [
            ("routes", "hohhot-temples"), ("tours", "ethnic-unity-communities"), ("routes", "baotou-heritage")
        ] {
            let run = try showcase([command, "optimize", id, "--date", "2026-06-02", "--format", "json", "--db", db])
            #expect(run.status == 0, "\(id): \(run.stderr)")
            let plan = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            let ids = (plan["days"] as! [[String: Any]]).flatMap {
                ($0["stops"] as! [[String: Any]]).compactMap { $0["site_id"] as? String }
            }
            let show = try showcase([command, "show", id, "--format", "geojson", "--db", db])
            let stops =
                ((try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as! [String: Any])["features"]
                as! [[String: Any]])[0]["properties"] as! [String: Any]
            let planned = Set((stops["stops"] as! String).split(separator: ";").map(String.init))
            #expect(Set(ids).isSubset(of: planned), "\(id): \(ids)")
            if id != "baotou-heritage" {
                #expect(Set(ids) == planned, "\(id)")
                let asWritten = try showcase([
                    command, "evaluate", id, "--date", "2026-06-02", "--format", "json", "--db", db
                ])
                func driving(_ text: String) throws -> Double {
                    ((try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any])["days"]
                        as! [[String: Any]])
                        .reduce(0) { $0 + ($1["driving_s"] as! NSNumber).doubleValue }
                }
                #expect(try driving(run.stdout) <= driving(asWritten.stdout) + 1, "\(id)")
            }
        }
    }

    @Test func exportsOpenInGDAL() throws {
        let (dir, db) = try database()
        for (layer, format) in [("routes", "geojson"), ("tours", "gpx"), ("tours", "kml")] {
            let path = dir.appendingPathComponent("\(layer).\(format)").path
            let run = try showcase(["export", layer, "--format", format, "--out", path, "--db", db])
            #expect(run.status == 0, "\(run.stderr)")
            let (status, info) = try ogrinfo(path)
            #expect(
                status == 0 && !info.contains("Warning") && !info.contains("ERROR"),
                "\(layer).\(format): \(info.prefix(300))")
        }
    }

    @Test func aBadRouteFileIsNamedWithItsLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-badroutes-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A copy of the shipped data folder whose Routes/ holds one broken file.
        for item in ["GeoData", "Config"] {
            try FileManager.default.createSymbolicLink(
                at: dir.appendingPathComponent(item), withDestinationURL: projectRoot.appendingPathComponent(item))
        }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Routes"), withIntermediateDirectories: true)
        try "kind: heritage\ndays: 1\nstart: Hohhot\nstops:\n  - {site: im-hhht-dazhao-temple, day: 1, stay: 30}\n"
            .write(to: dir.appendingPathComponent("Routes/broken.yaml"), atomically: true, encoding: .utf8)
        let run = try showcase(["init", "--db", dir.appendingPathComponent("x.gpkg").path, "--data", dir.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("Routes/broken.yaml:5: unknown stop key \"stay\""), "\(run.stderr)")
    }
}
