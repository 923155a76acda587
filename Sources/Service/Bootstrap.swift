import Foundation
import GeoCore
import Planner
import SiteStore

/// The database built from the shipped data (`GeoData/`, `Routes/`, `Config/`).
///
/// A database is built whole in a file of its own beside the target and only then put in place,
/// so a killed build leaves either no database or the complete one, never a partial store that
/// later commands would accept: a first run links the finished file into place (never over a
/// database another process finished first); `init` over an existing database copies the
/// finished file into it with SQLite's backup, one transaction that readers see whole or not at all.
public enum Bootstrap {
    public struct Report: Sendable {
        public var sites, towns, roads, routes: Int
        public var source: String
        public var summary: String {
            "\(sites) sites, \(towns) towns, \(roads) trunk-road segments (graphs: car, coach), \(routes) stored routes and tours from \(source)"
        }
    }

    /// Builds the database at `path` if there is none; nil if it exists.
    public static func ensure(path: String, data: ShippedData) throws -> Report? {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return nil }
        removeStaleBuilds(of: path)
        let partial = "\(path).building-\(getpid())"
        let report = try build(at: partial, data: data)
        defer { unlink(partial) }
        // link() fails with EEXIST instead of replacing: a database another process finished
        // first (and may have open) is kept, and ours is dropped.
        if link(partial, path) != 0, errno != EEXIST {
            let reason = String(cString: strerror(errno))
            throw StoreError.notAGeoPackage(path: path, reason: "cannot create the database here (\(reason))")
        }
        return report
    }

    /// `showcase init`: the database's content replaced by the shipped data, whole.
    public static func rebuild(path: String, data: ShippedData) throws -> Report {
        if Workspace.isServerStore(path) { return try fill(try Workspace.openStore(path), data: data) }
        if let report = try ensure(path: path, data: data) { return report }
        removeStaleBuilds(of: path)
        let partial = "\(path).building-\(getpid())"
        defer { unlink(partial) }
        let report = try build(at: partial, data: data)
        let target = try SiteStore(path: path), finished = try SiteStore(path: partial)
        try target.replaceContents(withCopyOf: finished)
        try finished.close()
        try target.checkpoint()
        return report
    }

    /// Fills a server store (PostGIS) with the shipped data: built as a GeoPackage in a
    /// temporary file, then copied in one transaction (`store copy`'s path).
    public static func fill(_ store: SiteStore, data: ShippedData) throws -> Report {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-fill-\(getpid())-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("build.gpkg").path
        var report = try build(at: file, data: data)
        let built = try SiteStore(path: file)
        try store.replaceContent(try built.content())
        try built.close()
        report.source = data.root.path
        return report
    }

    /// Writes a complete database at `path` (replacing any file there) and closes it.
    static func build(at path: String, data: ShippedData) throws -> Report {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        let store = try SiteStore(path: path)
        let counts = try data.load(into: store)
        _ = try RoadImporter.importRoads(
            path: data.geoData.appendingPathComponent("roads.geojson").path, profileNames: ["car", "coach"],
            profilesDirectory: data.root.appendingPathComponent("Config/profiles"), into: store,
            source: "GeoData/roads.geojson (authored from published corridors; see GeoData/README.md)",
            asOf: try data.asOf())
        let routes = try loadRoutes(data, into: store)
        let roads = try store.roadCount()
        try store.close()
        return Report(sites: counts.sites, towns: counts.towns, roads: roads, routes: routes, source: data.root.path)
    }

    /// Reads every Routes/*.yaml, resolves its line (base → stops in order → base) and stores them.
    static func loadRoutes(_ data: ShippedData, into store: SiteStore) throws -> Int {
        let dir = data.root.appendingPathComponent("Routes")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
            $0.hasSuffix(".yaml")
        }.sorted()
        let sites = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0) })
        var records: [RouteRecord] = []
        for file in files {
            let source = "Routes/\(file)"
            let text = try TextInput.read(dir.appendingPathComponent(file).path, limit: Limits.commandLine.textBytes)
                .text
            var r = try RouteFile.parse(text, id: String(file.dropLast(5)), source: source)
            let base = try PlaceResolver.resolve(r.start, in: store)
            var line = [Position(try Coordinate(longitude: base.longitude, latitude: base.latitude))]
            for s in r.stops {
                guard let site = sites[s.site] else {
                    throw PlanError(.badFile, "\(source): unknown site \"\(s.site)\"")
                }
                line.append(Position(site.coordinate))
            }
            line.append(line[0])
            r.line = line
            records.append(r)
        }
        try store.replaceStoredRoutes(records, asOf: try data.asOf())
        return records.count
    }

    /// Partial builds left by killed runs (`PATH.building-PID` whose process is gone).
    static func removeStaleBuilds(of path: String) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path, prefix = url.lastPathComponent + ".building-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir)) ?? []
        where name.hasPrefix(prefix) {
            let pidText = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink((dir.isEmpty ? "" : dir + "/") + name)
        }
    }
}
