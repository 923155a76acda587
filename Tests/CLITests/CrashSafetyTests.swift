import Foundation
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Imports killed with SIGKILL at random moments leave a sound database that holds exactly the
/// data before the import or exactly the data after it (each import is one transaction; WAL).
@Suite(.serialized) struct CrashSafetyTests {
    /// What a reader sees of the layers an import writes: a SHA3 of every row of the tables
    /// (features, R-tree, search index or graphs), read by Debian's sqlite3, not by our code.
    /// A table may be given as `table(col, col…)` to leave out columns such as build times.
    static func fingerprint(_ db: String, tables: [String]) throws -> String {
        let sql = tables.map { table in
            let parts = table.split(separator: "(", maxSplits: 1)
            let columns = parts.count == 2 ? String(parts[1].dropLast()) : "*"
            return "hex(sha3_query('SELECT \(columns) FROM \(parts[0]) ORDER BY 1'))"
        }.joined(separator: " || ':' || ")
        return String(decoding: try toolOutput(["sqlite3", db, "SELECT \(sql);"]), as: UTF8.self)
    }

    /// `PRAGMA integrity_check`, the R-tree's own check and the FTS5 index check all pass.
    static func checkSound(_ db: String, rtrees: [String], fts: String?) throws {
        var sql = "PRAGMA integrity_check;" + rtrees.map { " SELECT rtreecheck('\($0)');" }.joined()
        if let fts { sql += " INSERT INTO \(fts)(\(fts)) VALUES('integrity-check'); SELECT 'fts ok';" }
        let out = String(decoding: try toolOutput(["sqlite3", db, sql]), as: UTF8.self)
        let expected = "ok\n" + rtrees.map { _ in "ok\n" }.joined() + (fts == nil ? "" : "fts ok\n")
        #expect(out == expected, "database not sound after a kill: \(out)")
    }

    /// Runs `arguments` (with `--db` appended) on copies of `pristine`, killing it after random
    /// delays up to a little more than a full run takes; returns how many kills left old/new data.
    static func killRepeatedly(
        _ arguments: [String], pristine: String, tables: [String], rtrees: [String], fts: String?,
        times: Int, seed: UInt64
    ) throws -> (old: Int, new: Int) {
        let dir = URL(fileURLWithPath: pristine).deletingLastPathComponent()
        let old = try fingerprint(pristine, tables: tables)
        // The reference after a completed import, and how long one takes.
        let done = dir.appendingPathComponent("done.gpkg").path
        try FileManager.default.copyItem(atPath: pristine, toPath: done)
        let started = Date()
        let full = try showcase(arguments + ["--db", done])
        let duration = Date().timeIntervalSince(started)
        #expect(full.status == 0, "\(full.stderr)")
        let new = try fingerprint(done, tables: tables)
        #expect(new != old)

        var generator = SeededGenerator(seed: seed)
        var counts = (old: 0, new: 0)
        for round in 0..<times {
            let db = dir.appendingPathComponent("killed-\(round).gpkg").path
            try FileManager.default.copyItem(atPath: pristine, toPath: db)
            let process = Process()
            process.executableURL = showcaseBinary
            process.arguments = arguments + ["--db", db]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let delay = Double.random(in: 0...(duration * 1.1), using: &generator)
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let seen = try fingerprint(db, tables: tables)
            #expect(
                seen == old || seen == new,
                "kill \(round) after \(delay) s left a database that is neither the old nor the new data")
            if seen == old { counts.old += 1 } else if seen == new { counts.new += 1 }
            try checkSound(db, rtrees: rtrees, fts: fts)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        return counts
    }

    static func pristineDatabase() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-kill-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("pristine.gpkg").path
        let run = try showcase(["init", "--db", db, "--data", projectRoot.path])
        #expect(run.status == 0, "\(run.stderr)")
        return db
    }

    @Test func killedSitesImportLeavesExactlyTheOldOrTheNewSites() throws {
        let db = try Self.pristineDatabase()
        // 20,000 generated sites plus an update of a shipped one: a bulk import of a few seconds.
        let file = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("many.csv")
        var generator = SeededGenerator(seed: 8)
        var csv =
            "id,name_zh,name_en,kind,themes,lon,lat\nim-hhht-dazhao-temple,大召寺,Da Zhao Temple (moved),temple,heritage,111.7,40.9\n"
        for i in 0..<20_000 {
            csv +=
                "gen-\(i),生成\(i),Generated \(i),museum,heritage,\(Double.random(in: 97...126, using: &generator)),\(Double.random(in: 37...53, using: &generator))\n"
        }
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let counts = try Self.killRepeatedly(
            ["sites", "import", file.path], pristine: db,
            tables: ["sites", "rtree_sites_geom", "site_search"], rtrees: ["rtree_sites_geom"],
            fts: "site_search", times: 20, seed: 1)
        // Not asserted (timing decides), but printed: the kills should land on both sides.
        print("sites import killed 20 times: \(counts.old) left the old data, \(counts.new) the new")
    }

    @Test func killedRoadsImportLeavesExactlyTheOldOrTheNewNetwork() throws {
        let db = try Self.pristineDatabase()
        let pbf = projectRoot.appendingPathComponent("Tests/RoadGraphTests/Fixtures/Helsinki.osm.pbf").path
        let counts = try Self.killRepeatedly(
            ["roads", "import", pbf, "--data", projectRoot.path], pristine: db,
            tables: [
                "roads", "rtree_roads_geom",
                "road_graphs(profile, format_version, source_hash, source, nodes, edges, shortcuts, graph)"
            ], rtrees: ["rtree_roads_geom"],
            fts: nil, times: 20, seed: 2)
        print("roads import killed 20 times: \(counts.old) left the old network, \(counts.new) the new")
    }

    /// A first run killed at random moments while it builds the database leaves no database or
    /// the complete one (the shipped sites, 343 towns, both graphs, the routes and tours), never a partial
    /// store that later commands would accept; the next run then answers from a complete store.
    @Test func killedFirstRunLeavesNoDatabaseOrTheWholeOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-first-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let complete = "\(shippedSites)|343|2|7"
        func contents(_ db: String) throws -> String {
            String(
                decoding: try toolOutput([
                    "sqlite3", db,
                    "SELECT (SELECT count(*) FROM sites), (SELECT count(*) FROM towns), (SELECT count(*) FROM road_graphs), (SELECT count(*) FROM routes) + (SELECT count(*) FROM tours);"
                ]), as: UTF8.self
            )
            .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let reference = dir.appendingPathComponent("reference.gpkg").path
        let started = Date()
        let first = try showcase(["sites", "list", "--db", reference, "--data", projectRoot.path])
        let duration = Date().timeIntervalSince(started)
        #expect(first.status == 0 && first.stdout.contains("\(shippedSites) sites"), "\(first.stderr)")
        #expect(try contents(reference) == complete)
        var generator = SeededGenerator(seed: 3)
        var counts = (none: 0, whole: 0)
        for round in 0..<20 {
            let db = dir.appendingPathComponent("first-\(round).gpkg").path
            let process = Process()
            process.executableURL = showcaseBinary
            process.arguments = ["sites", "list", "--db", db, "--data", projectRoot.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let delay = Double.random(in: 0...(duration * 1.1), using: &generator)
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: db) {
                #expect(try contents(db) == complete, "kill \(round) after \(delay) s left a partial database")
                counts.whole += 1
            } else {
                counts.none += 1
            }
            // Whatever the kill left, the next command works on a complete store (and tidies up).
            let next = try showcase(["sites", "list", "--db", db, "--data", projectRoot.path])
            #expect(next.status == 0 && next.stdout.contains("\(shippedSites) sites"), "\(next.stderr)")
            #expect(try contents(db) == complete)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
            $0.contains(".building-")
        }
        #expect(leftovers.isEmpty, "partial builds left behind: \(leftovers)")
        print("first run killed 20 times: \(counts.none) left no database, \(counts.whole) the whole one")
    }

    /// `init` over an existing database, killed: the database is the old one or the new one.
    @Test func killedInitLeavesTheOldOrTheNewDatabase() throws {
        let db = try Self.pristineDatabase()
        // An imported site the shipped data does not have: init removes it, so old and new differ.
        let file = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("one.csv")
        try "id,name_zh,name_en,kind,themes,lon,lat\nextra-1,额外,Extra,museum,heritage,111.7,40.9\n".write(
            to: file, atomically: true, encoding: .utf8)
        #expect(try showcase(["sites", "import", file.path, "--db", db, "--data", projectRoot.path]).status == 0)
        let counts = try Self.killRepeatedly(
            ["init", "--data", projectRoot.path], pristine: db,
            tables: ["sites", "towns", "rtree_sites_geom", "site_search", "routes", "tours"],
            rtrees: ["rtree_sites_geom", "rtree_roads_geom"], fts: "site_search", times: 10, seed: 4)
        print("init killed 10 times: \(counts.old) left the old database, \(counts.new) the new")
    }
}
