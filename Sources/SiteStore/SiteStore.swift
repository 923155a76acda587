import Foundation
import GeoCore
import GRDB

/// The project's GeoPackage: sites and towns today; routes, tours and road graphs as they land.
///
/// A `Sendable` value over one GRDB `DatabasePool` (WAL: readers never wait for an import).
/// Every public method is one transaction, so a failed or killed import leaves the previous
/// data exactly as it was. No `Database` handle leaves this type.
public struct SiteStore: Sendable {
    private let writer: any DatabaseWriter
    public let path: String

    /// Opens (creating if needed) the GeoPackage at `path` and migrates it.
    /// - Throws: `StoreError.notAGeoPackage` for a file that is something else.
    public init(path: String) throws {
        self.path = path
        var config = Configuration()
        config.prepareDatabase { db in Schema.registerSpatialFunctions(db) }
        config.foreignKeysEnabled = true
        do {
            writer = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(writer)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAGeoPackage(path: path, reason: "not an SQLite database")
        }
    }

    // MARK: writing

    /// Replaces the whole content with the shipped data (what `showcase init` does).
    /// `asOf` is written as every layer's `last_change`, so the same files give the same database.
    public func replaceAll(sites: [Site], towns: [Town], asOf: String) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM sites; DELETE FROM site_search; DELETE FROM towns")
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name IN ('sites', 'towns')")
            for site in sites { try insertOrUpdate(site, db) }
            let insertTown = try db.makeStatement(sql: "INSERT INTO towns (geom, geonameid, name, name_zh, population, alternatenames) VALUES (?, ?, ?, ?, ?, ?)")
            for town in towns {
                try insertTown.execute(arguments: [Data(GeoPackageBinary.encode(.point(Position(town.coordinate)))), town.geonameID,
                                                   town.name, town.nameZh, town.population, town.alternateNames])
            }
            try refreshContents(db, table: "sites", asOf: asOf)
            try refreshContents(db, table: "towns", asOf: asOf)
            try db.execute(sql: "UPDATE gpkg_contents SET last_change = ? WHERE table_name = 'layer_sources'", arguments: [asOf])
        }
    }

    /// Inserts new sites and updates existing ones (by id) in one transaction: all or nothing.
    /// - Returns: how many were inserted and updated.
    @discardableResult
    public func upsert(_ sites: [Site]) throws -> (inserted: Int, updated: Int) {
        try writer.write { db in
            var inserted = 0, updated = 0
            for site in sites {
                if try insertOrUpdate(site, db) { inserted += 1 } else { updated += 1 }
            }
            try refreshContents(db, table: "sites", asOf: nil)
            return (inserted, updated)
        }
    }

    /// Returns true when the site was new.
    @discardableResult
    private func insertOrUpdate(_ site: Site, _ db: Database) throws -> Bool {
        let columns = SiteColumn.allCases
        var arguments: [DatabaseValueConvertible?] = [Data(GeoPackageBinary.encode(.point(Position(site.coordinate))))]
        arguments += columns.map { c in c.isInteger ? site.text(c).flatMap { Int($0) } : site.text(c) }
        let existing = try Int64.fetchOne(db, sql: "SELECT fid FROM sites WHERE id = ?", arguments: [site.id])
        if let fid = existing {
            let assignments = (["geom"] + columns.map { "\"\($0.rawValue)\"" }).map { "\($0) = ?" }.joined(separator: ", ")
            try db.execute(sql: "UPDATE sites SET \(assignments) WHERE fid = ?", arguments: StatementArguments(arguments + [fid]))
            try db.execute(sql: "DELETE FROM site_search WHERE id = ?", arguments: [site.id])
        } else {
            let names = (["geom"] + columns.map { "\"\($0.rawValue)\"" }).joined(separator: ", ")
            let marks = Array(repeating: "?", count: columns.count + 1).joined(separator: ", ")
            try db.execute(sql: "INSERT INTO sites (\(names)) VALUES (\(marks))", arguments: StatementArguments(arguments))
        }
        let names = [site.id, site.nameZh, site.nameEn, site.kindDetail].compactMap { $0 }.joined(separator: " | ")
        try db.execute(sql: "INSERT INTO site_search (id, names, pinyin) VALUES (?, ?, ?)",
                       arguments: [site.id, names, Pinyin.searchText(site.nameZh ?? "")])
        return existing == nil
    }

    /// Keeps gpkg_contents' extent and last_change true after every write.
    private func refreshContents(_ db: Database, table: String, asOf: String?) throws {
        let r = "rtree_\(table)_geom"
        try db.execute(sql: """
            UPDATE gpkg_contents SET min_x = (SELECT min(minx) FROM \(r)), max_x = (SELECT max(maxx) FROM \(r)),
              min_y = (SELECT min(miny) FROM \(r)), max_y = (SELECT max(maxy) FROM \(r)),
              last_change = coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
            WHERE table_name = ?
            """, arguments: [asOf, table])
    }

    // MARK: reading

    /// Sites matching every given filter (nil = any), ordered by id.
    public func sites(_ filter: SiteFilter = SiteFilter()) throws -> [Site] {
        try writer.read { db in
            var clauses: [String] = [], arguments: [DatabaseValueConvertible] = []
            if let kind = filter.kind { clauses.append("kind = ?"); arguments.append(kind) }
            if let league = filter.league { clauses.append("(lower(league) = lower(?) OR league_zh LIKE '%' || ? || '%')"); arguments += [league, league] }
            if let level = filter.level { clauses.append("designation_level = ?"); arguments.append(level) }
            if let status = filter.status { clauses.append("status = ?"); arguments.append(status) }
            if let theme = filter.theme { clauses.append("(';' || themes || ';') LIKE '%;' || ? || ';%'"); arguments.append(theme) }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            return try Site.fetchAll(db, sql: "SELECT * FROM sites \(whereSQL) ORDER BY id", arguments: StatementArguments(arguments))
        }
    }

    public func site(id: String) throws -> Site? {
        try writer.read { db in try Site.fetchOne(db, sql: "SELECT * FROM sites WHERE id = ?", arguments: [id]) }
    }

    /// Sites within `radiusMeters` of `center`, nearest first (R-tree box, then haversine).
    public func sites(near center: Coordinate, radiusMeters: Double, limit: Int? = nil) throws -> [(site: Site, distanceMeters: Double)] {
        let box = SearchBox(center: center, radiusMeters: radiusMeters)
        let candidates = try sites(in: box.west, box.south, box.east, box.north)
        let measured: [(site: Site, distanceMeters: Double)] = candidates.map { ($0, Distance.haversineMeters(center, $0.coordinate)) }
        let hits = measured.filter { $0.distanceMeters <= radiusMeters }.sorted { a, b in
            a.distanceMeters != b.distanceMeters ? a.distanceMeters < b.distanceMeters : a.site.id < b.site.id
        }
        return limit.map { Array(hits.prefix($0)) } ?? hits
    }

    /// Sites inside a bounding box, through the R-tree, ordered by id.
    public func sites(within box: BoundingBox) throws -> [Site] {
        try sites(in: box.west, box.south, box.east, box.north).sorted { $0.id < $1.id }
    }

    private func sites(in west: Double, _ south: Double, _ east: Double, _ north: Double) throws -> [Site] {
        try writer.read { db in
            try Site.fetchAll(db, sql: """
                SELECT s.* FROM rtree_sites_geom r JOIN sites s ON s.fid = r.id
                WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?
                """, arguments: [east, west, north, south])
        }
    }

    /// Text search over ids, Chinese and English names and pinyin; best match first.
    public func search(_ text: String, limit: Int = 20) throws -> [Site] {
        let query = text.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return [] }
        let ids: [String] = try writer.read { db in
            if query.count >= 3 {
                // Trigram FTS: any substring of 3+ characters, case-insensitive.
                let phrase = "\"" + query.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                return try String.fetchAll(db, sql: "SELECT id FROM site_search WHERE site_search MATCH ? ORDER BY bm25(site_search)", arguments: [phrase])
            }
            return try String.fetchAll(db, sql: "SELECT id FROM site_search WHERE names LIKE '%' || ? || '%' OR pinyin LIKE '%' || ? || '%'",
                                       arguments: [query, query])
        }
        let found = try ids.compactMap { try site(id: $0) }
        return Array(SearchRanking.rank(found, query: query).prefix(limit))
    }

    /// Active designated sites whose re-verification is due in or before `year`.
    public func reviewDue(year: Int) throws -> [Site] {
        try writer.read { db in
            try Site.fetchAll(db, sql: "SELECT * FROM sites WHERE review_due_year <= ? AND status != 'withdrawn' ORDER BY review_due_year, id",
                              arguments: [year])
        }
    }

    public func towns() throws -> [Town] {
        try writer.read { db in try Town.fetchAll(db, sql: "SELECT * FROM towns ORDER BY name, geonameid") }
    }

    public func count(_ layer: Layer) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(layer.rawValue)") ?? 0 }
    }

    public enum Layer: String, Sendable { case sites, towns }
}

/// Filters for `SiteStore.sites(_:)`; nil means any.
public struct SiteFilter: Sendable {
    public var kind, theme, league, level, status: String?
    public init(kind: String? = nil, theme: String? = nil, league: String? = nil, level: String? = nil, status: String? = nil) {
        self.kind = kind; self.theme = theme; self.league = league; self.level = level; self.status = status
    }
}

/// A lon/lat box that holds a circle, for the R-tree pre-filter of radius queries.
struct SearchBox {
    let west, south, east, north: Double
    init(center: Coordinate, radiusMeters: Double) {
        let dLat = radiusMeters / 111_000 * 1.01
        let cosLat = max(0.01, cos(center.latitude * .pi / 180))
        let dLon = min(180, dLat / cosLat)
        west = max(-180, center.longitude - dLon); east = min(180, center.longitude + dLon)
        south = max(-90, center.latitude - dLat); north = min(90, center.latitude + dLat)
    }
}

/// Orders search hits: exact id or name, then name prefix, then name substring, then pinyin.
enum SearchRanking {
    static func rank(_ sites: [Site], query: String) -> [Site] {
        let q = query.lowercased()
        let compact = q.replacingOccurrences(of: " ", with: "")
        func tier(_ s: Site) -> Int {
            let names = [s.id, s.nameZh, s.nameEn].compactMap { $0?.lowercased() }
            if names.contains(q) { return 0 }
            if names.contains(where: { $0.hasPrefix(q) }) { return 1 }
            if names.contains(where: { $0.contains(q) }) { return 2 }
            if Pinyin.searchText(s.nameZh ?? "").replacingOccurrences(of: " ", with: "").hasPrefix(compact) { return 3 }
            return 4
        }
        return sites.enumerated().sorted { a, b in
            let ta = tier(a.element), tb = tier(b.element)
            return ta != tb ? ta < tb : a.offset < b.offset
        }.map(\.element)
    }
}

/// One-line store errors a user can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notAGeoPackage(path: String, reason: String)
    case noSuchSite(String)

    public var description: String {
        switch self {
        case let .notAGeoPackage(path, reason): "\(path): not a showcase GeoPackage (\(reason))"
        case let .noSuchSite(id): "no site with id '\(id)' (try: showcase sites search \(id))"
        }
    }
}
