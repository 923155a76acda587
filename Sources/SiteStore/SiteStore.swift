import Foundation
import GeoCore
import GRDB

/// The project's GeoPackage: sites and towns today; routes, tours and road graphs as they land.
///
/// A `Sendable` value over one GRDB `DatabasePool` (WAL: readers never wait for an import).
/// Every public method is one transaction, so a failed or killed import leaves the previous
/// data exactly as it was. No `Database` handle leaves this type.
///
/// The same API stands over a PostgreSQL/PostGIS database (`init(remote:)`): each public method
/// then hands the work to the `RemoteStore`, whose writes are also one transaction each.
public struct SiteStore: Sendable {
    private let database: (any DatabaseWriter)?
    /// The database server's store, when this is not a GeoPackage.
    public let remote: (any RemoteStore)?
    /// The GeoPackage's path, or the server store's URL (without a password).
    public let path: String

    var writer: any DatabaseWriter { database! }

    /// A store on a database server (see `RemoteStore`).
    public init(remote: any RemoteStore) {
        self.remote = remote
        database = nil
        path = remote.location
    }

    /// Opens (creating if needed) the GeoPackage at `path` and migrates it.
    /// - Throws: `StoreError.notAGeoPackage` for a file that is something else.
    public init(path: String) throws {
        self.path = path
        remote = nil
        var config = Configuration()
        config.prepareDatabase { db in Schema.registerSpatialFunctions(db) }
        config.foreignKeysEnabled = true
        // Other processes (replicas, an import) write too: wait for their lock instead of failing.
        config.busyMode = .timeout(10)
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            database = pool
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAGeoPackage(path: path, reason: "not an SQLite database")
        }
    }

    /// Writes everything into the database file itself and closes it, so the file alone holds
    /// the whole database (a finished build is put in place by its file name). GRDB's readers are
    /// read-only and may close last, so SQLite's own checkpoint on close cannot be relied on.
    public func close() throws {
        guard remote == nil else { return }
        try checkpoint()
        if let pool = writer as? DatabasePool { try pool.close() }
        for suffix in ["-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Moves what the write-ahead log holds into the database file (readers of the file alone,
    /// such as a copy, then see every committed write).
    public func checkpoint() throws {
        guard remote == nil else { return }
        try writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    }

    /// Replaces this database's whole content by `other`'s with SQLite's backup: one transaction,
    /// so other connections see the old content or the new, and a killed copy leaves the old.
    public func replaceContents(withCopyOf other: SiteStore) throws {
        try other.writer.backup(to: writer)
    }

    // MARK: writing

    /// Replaces the whole content with the shipped data (what `showcase init` does).
    /// `asOf` is written as every layer's `last_change`, so the same files give the same database.
    public func replaceAll(sites: [Site], towns: [Town], asOf: String) throws {
        let pinyin = SiteSearch.pinyinInBackground(sites)
        if let remote { return try remote.replaceAll(sites: sites, pinyin: pinyin.value, towns: towns, asOf: asOf) }
        return try writer.write { db in try writeAll(sites: sites, pinyin: pinyin, towns: towns, asOf: asOf, db) }
    }

    /// The body of `replaceAll`, inside the caller's transaction.
    func writeAll(sites: [Site], pinyin: Background<[String]>, towns: [Town], asOf: String, _ db: Database) throws {
        do {
            try db.execute(sql: "DELETE FROM sites; DELETE FROM site_search; DELETE FROM towns")
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name IN ('sites', 'towns')")
            let writer = try SiteRowWriter(db)
            let first = writer.nextFid
            try writer.insert(sites, at: Array(sites.indices))
            for (i, pinyin) in pinyin.value.enumerated() {
                try writer.insertSearchEntry(sites[i], pinyin: pinyin, fid: first + Int64(i))
            }
            let insertTown = try db.makeStatement(
                sql:
                    "INSERT INTO towns (geom, geonameid, name, name_zh, population, alternatenames) VALUES (?, ?, ?, ?, ?, ?)"
            )
            for town in towns {
                try insertTown.execute(arguments: [
                    Data(GeoPackageBinary.encode(.point(Position(town.coordinate)))), town.geonameID,
                    town.name, town.nameZh, town.population, town.alternateNames
                ])
            }
            try refreshContents(db, table: "sites", asOf: asOf)
            try refreshContents(db, table: "towns", asOf: asOf)
            try db.execute(
                sql: "UPDATE gpkg_contents SET last_change = ? WHERE table_name IN ('layer_sources', 'site_history')",
                arguments: [asOf])
        }
    }

    /// Inserts new sites and updates existing ones (by id) in one transaction: all or nothing.
    /// - Returns: how many were inserted and updated.
    /// - Parameter editor: who imports, for the history (operation `import`: one entry per site
    ///   added or changed); nil writes none (building a database from shipped files).
    @discardableResult
    public func upsert(_ sites: [Site], by editor: String? = nil) throws -> (inserted: Int, updated: Int) {
        let pinyin = SiteSearch.pinyinInBackground(sites)
        if let remote { return try remote.upsert(sites, pinyin: pinyin.value, by: editor) }
        return try writer.write { db in
            let writer = try SiteRowWriter(db)
            let plan = try UpsertPlan(sites, db, nextFid: writer.nextFid)
            if let editor { try recordImport(plan, sites, editor: editor, db) }
            guard sites.count >= SiteStore.bulkThreshold else {
                try write(plan, sites, pinyin, writer)
                try refreshContents(db, table: "sites", asOf: nil)
                return (plan.inserts.count, plan.updates.count)
            }
            // A 128 MB page cache for the transaction: with SQLite's default 2 MB, the FTS5 pages
            // spill and are read back (100,000 sites: 2.3 → 1.8 s).
            try db.execute(sql: "PRAGMA cache_size = -131072")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            // FTS5 keeps up to `hashsize` bytes of new entries in memory before writing a segment;
            // at its 1 MB default a large import writes dozens of segments and merges them again.
            try db.execute(
                sql: "INSERT INTO site_search (site_search, rank) VALUES ('hashsize', \(SiteStore.bulkSearchHashBytes))"
            )
            defer { try? db.execute(sql: "INSERT INTO site_search (site_search, rank) VALUES ('hashsize', 1048576)") }
            // Triggers off; the R-tree is written packed (old boxes and new), its layout computed
            // on another core while the rows and search entries are written.
            let tree = try packedSiteTree(plan, sites, db)
            try Schema.withRTreeTriggersSuspended(db, table: "sites") {
                try write(plan, sites, pinyin, writer)
                return ((), index: tree.value)
            }
            try refreshContents(db, table: "sites", asOf: nil, extent: tree.value.extent)
            return (plan.inserts.count, plan.updates.count)
        }
    }

    /// The history of an import, written before its rows (so each update's old row is read):
    /// an entry per new site and per site whose stored fields or point change.
    private func recordImport(_ plan: UpsertPlan, _ sites: [Site], editor: String, _ db: Database) throws {
        let at = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        let insert = try db.makeStatement(
            sql: """
                INSERT INTO site_history (site_id, version, at, editor, operation, before, after) VALUES
                  (?, coalesce((SELECT max(version) FROM site_history WHERE site_id = ?), 0) + 1, ?, ?, 'import', ?, ?)
                """)
        let old = try db.makeStatement(sql: "SELECT \(Site.storedColumns) FROM sites WHERE fid = ?")
        for i in plan.inserts {
            try insert.execute(arguments: [sites[i].id, sites[i].id, at, editor, nil, sites[i].storedJSON])
        }
        for i in plan.updates {
            let before = try Site.fetchAll(old, arguments: [plan.fids[i]]).first
            if before == sites[i] { continue }
            try insert.execute(arguments: [
                sites[i].id, sites[i].id, at, editor, before?.storedJSON, sites[i].storedJSON
            ])
        }
    }

    /// From this many rows on, an upsert writes the R-tree packed instead of through triggers.
    static let bulkThreshold = 2_000
    /// FTS5's in-memory index size during bulk upserts. 100,000 sites' trigrams take 16–32 MB
    /// (measured: the index pages stop shrinking at 32 MB), so 64 MB writes one segment for up
    /// to about 200,000 sites and bounds the memory of larger imports.
    static let bulkSearchHashBytes = 64 << 20

    /// Which sites are new (and the fid each gets) and which update a stored row.
    struct UpsertPlan {
        /// Per site, the fid it is written to.
        var fids: [Int64] = []
        /// Indices of new sites, in input order (their fids are consecutive from `nextFid`).
        var inserts: [Int] = []
        /// Indices of sites whose id is stored (or repeats an earlier site of the same call).
        var updates: [Int] = []

        init(_ sites: [Site], _ db: Database, nextFid: Int64) throws {
            // One scan for the known ids beats a lookup per row on large imports.
            var known: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, fid FROM sites")
            while let row = try rows.next() { known[row[0]] = row[1] }
            known.reserveCapacity(known.count + sites.count)
            fids.reserveCapacity(sites.count); inserts.reserveCapacity(sites.count)
            for (i, site) in sites.enumerated() {
                if let fid = known[site.id] {
                    fids.append(fid); updates.append(i)
                } else {
                    let fid = nextFid + Int64(inserts.count)
                    known[site.id] = fid
                    fids.append(fid); inserts.append(i)
                }
            }
        }
    }

    /// Starts packing the sites' R-tree on another core: the stored boxes, with those of `plan`'s
    /// rows replaced or added.
    private func packedSiteTree(_ plan: UpsertPlan, _ sites: [Site], _ db: Database) throws -> Background<
        PackedRTree.Layout
    > {
        let nodeSize = try PackedRTree.nodeSize(of: "rtree_sites_geom", db)
        let old = try Row.fetchAll(db, sql: "SELECT id, minx, maxx, miny, maxy FROM rtree_sites_geom").map { r in
            PackedRTree.Box(
                id: r[0], minX: Float(r[1] as Double), maxX: Float(r[2] as Double), minY: Float(r[3] as Double),
                maxY: Float(r[4] as Double))
        }
        let fids = plan.fids
        return Background {
            var boxes: [PackedRTree.Box] = []
            boxes.reserveCapacity(old.count + sites.count)
            var written = Set<Int64>()
            for (fid, site) in zip(fids, sites).reversed() where written.insert(fid).inserted {
                boxes.append(PackedRTree.box(id: fid, x: site.coordinate.longitude, y: site.coordinate.latitude))
            }
            boxes += old.filter { !written.contains($0.id) }
            return PackedRTree.layout(boxes, nodeSize: nodeSize)
        }
    }

    /// Writes the rows (new ones, then updates), then the search entries.
    private func write(_ plan: UpsertPlan, _ sites: [Site], _ pinyin: Background<[String]>, _ writer: SiteRowWriter)
        throws
    {
        let fids = plan.fids
        try writer.insert(sites, at: plan.inserts)
        for i in plan.updates { try writer.update(sites[i], fid: fids[i]) }
        // Search entries after the rows (interleaving them made the index writes slower), in
        // fid order and each fid once (its last row): FTS5 writes out its pending entries
        // whenever a rowid is not above the previous one.
        let inOrder = zip(fids, fids.dropFirst()).allSatisfy { $0 < $1 }
        let order = inOrder ? Array(fids.indices) : fids.indices.sorted { (fids[$0], $0) < (fids[$1], $1) }
        let pinyin = pinyin.value
        for (k, i) in order.enumerated() where k + 1 == order.count || fids[order[k + 1]] != fids[i] {
            try writer.insertSearchEntry(sites[i], pinyin: pinyin[i], fid: fids[i])
        }
    }

    /// Keeps gpkg_contents' extent and last_change true after every write.
    func refreshContents(_ db: Database, table: String, asOf: String?) throws {
        let r = "rtree_\(table)_geom"
        try db.execute(
            sql: """
                UPDATE gpkg_contents SET min_x = (SELECT min(minx) FROM \(r)), max_x = (SELECT max(maxx) FROM \(r)),
                  min_y = (SELECT min(miny) FROM \(r)), max_y = (SELECT max(maxy) FROM \(r)),
                  last_change = coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                WHERE table_name = ?
                """, arguments: [asOf, table])
    }

    /// The same with an extent the caller knows (nil: no features), which saves four R-tree scans.
    func refreshContents(_ db: Database, table: String, asOf: String?, extent: PackedRTree.Box?) throws {
        try db.execute(
            sql: """
                UPDATE gpkg_contents SET min_x = ?, max_x = ?, min_y = ?, max_y = ?,
                  last_change = coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
                WHERE table_name = ?
                """,
            arguments: [
                extent.map { Double($0.minX) }, extent.map { Double($0.maxX) },
                extent.map { Double($0.minY) }, extent.map { Double($0.maxY) }, asOf, table
            ])
    }

    // MARK: reading

    /// When a layer last changed (gpkg_contents.last_change, moved by every write): readers that
    /// keep decoded features compare it to notice writes, also those of other processes.
    public func lastChange(of table: String) throws -> String? {
        if let remote { return try remote.lastChange(of: table) }
        return try writer.read { db in
            try String.fetchOne(
                db, sql: "SELECT last_change FROM gpkg_contents WHERE table_name = ?", arguments: [table])
        }
    }

    /// Sites matching every given filter (nil = any), ordered by id.
    public func sites(_ filter: SiteFilter = SiteFilter()) throws -> [Site] {
        if let remote {
            let found = try remote.sites(filter)
            return filter.selectsDesignations ? found.filter(filter.matchesDesignations) : found
        }
        return try writer.read { db in
            var clauses: [String] = [], arguments: [DatabaseValueConvertible] = []
            if let kind = filter.kind { clauses.append("kind = ?"); arguments.append(kind) }
            if let league = filter.league {
                clauses.append("(lower(league) = lower(?) OR league_zh LIKE '%' || ? || '%')");
                arguments += [league, league]
            }
            if let period = filter.period { clauses.append("instr(period, ?) > 0"); arguments.append(period) }
            if let status = filter.status { clauses.append("status = ?"); arguments.append(status) }
            if let theme = filter.theme {
                clauses.append("(';' || themes || ';') LIKE '%;' || ? || ';%'"); arguments.append(theme)
            }
            if filter.selectsDesignations { clauses.append("designations IS NOT NULL") }
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let found = try Site.fetchAll(
                db.makeStatement(sql: "SELECT \(Site.storedColumns) FROM sites \(whereSQL) ORDER BY id"),
                arguments: StatementArguments(arguments))
            return filter.selectsDesignations ? found.filter(filter.matchesDesignations) : found
        }
    }

    public func site(id: String) throws -> Site? {
        if let remote { return try remote.site(id: id) }
        return try writer.read { db in
            try Site.fetchAll(
                db.cachedStatement(sql: "SELECT \(Site.storedColumns) FROM sites WHERE id = ?"), arguments: [id]
            ).first
        }
    }

    /// Sites within `radiusMeters` of `center`, nearest first (R-tree box, then haversine).
    public func sites(near center: Coordinate, radiusMeters: Double, limit: Int? = nil) throws -> [(
        site: Site, distanceMeters: Double
    )] {
        let box = SearchBox(center: center, radiusMeters: radiusMeters)
        let candidates = try sites(in: box.west, box.south, box.east, box.north)
        let measured: [(site: Site, distanceMeters: Double)] = candidates.map {
            ($0, Distance.haversineMeters(center, $0.coordinate))
        }
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
        if let remote { return try remote.sites(west: west, south: south, east: east, north: north) }
        return try writer.read { db in
            try Site.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT \(Site.storedColumnsOfS) FROM rtree_sites_geom r JOIN sites s ON s.fid = r.id
                        WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?
                        """), arguments: [east, west, north, south])
        }
    }

    /// Text search over ids, Chinese and English names, aliases (official list names and numbers)
    /// and pinyin; best match first.
    public func search(_ text: String, limit: Int = 20) throws -> [Site] {
        // Control characters (NUL among them) mean nothing in a name and break FTS5 queries.
        let cleaned = String(
            String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
        let query = cleaned.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return [] }
        let compact = String(query.lowercased().unicodeScalars.filter { $0 != " " })
        if let remote {
            let found = try remote.searchIDs(query, compact: compact).compactMap { try site(id: $0) }
            return Array(SearchRanking.rank(found, query: query).prefix(limit))
        }
        let ids: [String] = try writer.read { db in
            // Ids by prefix through the unique index; names and pinyin through the search index.
            var ids = try String.fetchAll(
                db, sql: "SELECT id FROM sites WHERE id >= ? AND id < ? || x'ff'", arguments: [query, query])
            if query.count >= 3 {
                // Trigram FTS: any substring of 3+ characters, case-insensitive; pinyin without spaces.
                func phrase(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                let match = "names: \(phrase(query))" + (compact.count >= 3 ? " OR pinyin: \(phrase(compact))" : "")
                ids += try String.fetchAll(
                    db, sql: "SELECT id FROM site_search WHERE site_search MATCH ? ORDER BY bm25(site_search)",
                    arguments: [match])
            } else {
                ids += try String.fetchAll(
                    db,
                    sql: "SELECT id FROM site_search WHERE names LIKE '%' || ? || '%' OR pinyin LIKE '%' || ? || '%'",
                    arguments: [query, compact])
            }
            var seen = Set<String>()
            return ids.filter { seen.insert($0).inserted }
        }
        let found = try ids.compactMap { try site(id: $0) }
        return Array(SearchRanking.rank(found, query: query).prefix(limit))
    }

    /// Active designated sites with a re-verification due in or before `year`, earliest first.
    public func reviewDue(year: Int) throws -> [Site] {
        let due: [Site]
        if let remote {
            due = try remote.sites(SiteFilter()).filter { s in
                s.status != "withdrawn" && s.designations.contains { $0.reviewDueYear != nil }
            }
        } else {
            due = try dueInGeoPackage()
        }
        return due.filter { ($0.reviewDueYear ?? .max) <= year }.sorted {
            ($0.reviewDueYear!, $0.id) < ($1.reviewDueYear!, $1.id)
        }
    }

    private func dueInGeoPackage() throws -> [Site] {
        try writer.read { db in
            try Site.fetchAll(
                db.makeStatement(
                    sql:
                        "SELECT \(Site.storedColumns) FROM sites WHERE designations LIKE '%review=%' AND status != 'withdrawn' ORDER BY id"
                ))
        }
    }

    public func towns() throws -> [Town] {
        if let remote { return try remote.towns() }
        return try writer.read { db in try Town.fetchAll(db, sql: "SELECT * FROM towns ORDER BY name, geonameid") }
    }

    public func count(_ layer: Layer) throws -> Int {
        if let remote { return try remote.count(layer.rawValue) }
        return try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(layer.rawValue)") ?? 0 }
    }

    public enum Layer: String, Sendable { case sites, towns }
}

/// The search entries' pinyin column (their names column is built by `SiteRowWriter`).
enum SiteSearch {
    /// Each site's compact pinyin, computed on another core while the caller writes the rows
    /// (ICU's transliterator and the per-name work: ~0.3 s of a 100,000-site import).
    static func pinyinInBackground(_ sites: [Site]) -> Background<[String]> {
        Background {
            Pinyin.prepare(sites.lazy.compactMap(\.nameZh))
            Pinyin.prepare(sites.lazy.flatMap(\.aliases).map(\.name))
            return sites.map(pinyin)
        }
    }

    /// The compact pinyin of the Chinese name, then of each Chinese alias, joined by `|` (which
    /// no query crosses: queries are letters).
    static func pinyin(_ site: Site) -> String {
        let own = Pinyin.compact(site.nameZh ?? "")
        guard !site.aliases.isEmpty else { return own }
        return ([own] + site.aliases.map { Pinyin.compact($0.name) }).filter { !$0.isEmpty }.joined(separator: "|")
    }

    /// The names column of a site with aliases: its names, each alias and each list number.
    static func names(_ site: Site) -> String {
        let numbers = site.aliases.compactMap(\.number)
        return ([site.nameZh, site.nameEn].compactMap { $0 } + site.aliases.map(\.name) + numbers)
            .joined(separator: " | ")
    }
}

/// SQL built once from the column list.
enum SQL {
    static let quotedColumns = ["geom"] + SiteColumn.allCases.map { "\"\($0.rawValue)\"" }
    /// INSERT of `rows` rows: fid, geom and the attribute columns of each.
    static func insertSites(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: quotedColumns.count + 1).joined(separator: ", ") + ")"
        return "INSERT INTO sites (fid, \(quotedColumns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }
    static let updateSite =
        "UPDATE sites SET \(quotedColumns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE fid = ?"
}

/// Filters for `SiteStore.sites(_:)`; nil means any.
///
/// `scheme`, `level` and `batch` select by designation: a site matches when one designation
/// has all the given ones (`level` alone: a designation at that level in any scheme). `period`
/// matches a part of the period's text (`辽` finds 辽, 辽、金、元 and 辽至明).
public struct SiteFilter: Sendable {
    public var kind, theme, league, level, status, scheme, period: String?
    public var batch: Int?
    public init(
        kind: String? = nil, theme: String? = nil, league: String? = nil, level: String? = nil, status: String? = nil,
        scheme: String? = nil,
        period: String? = nil, batch: Int? = nil
    ) {
        self.kind = kind; self.theme = theme; self.league = league; self.level = level; self.status = status
        self.scheme = scheme; self.period = period; self.batch = batch
    }

    var selectsDesignations: Bool { scheme != nil || level != nil || batch != nil }

    func matchesDesignations(_ site: Site) -> Bool {
        site.designations.contains { d in
            (scheme == nil || d.scheme == scheme) && (level == nil || d.level == level)
                && (batch == nil || d.batch == batch)
        }
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
            let names = ([s.id] + s.allNames).map { $0.lowercased() }
            if names.contains(q) { return 0 }
            if names.contains(where: { $0.hasPrefix(q) }) { return 1 }
            if names.contains(where: { $0.contains(q) }) { return 2 }
            if SiteSearch.pinyin(s).split(separator: "|").contains(where: { $0.hasPrefix(compact) }) { return 3 }
            return 4
        }
        return sites.enumerated().sorted { a, b in
            let ta = tier(a.element), tb = tier(b.element)
            return ta != tb ? ta < tb : a.offset < b.offset
        }.map(\.element)
    }
}
