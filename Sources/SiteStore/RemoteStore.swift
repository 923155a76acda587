import Foundation
import GeoCore
import GRDB

/// The store on a database server (PostgreSQL + PostGIS, module PostGISStore): the operations
/// `SiteStore` forwards to it, with the GeoPackage's meaning. Each write is one transaction,
/// all or nothing; `edit` checks the tag and writes the history in the same transaction.
///
/// Defined here and implemented elsewhere, so SiteStore depends on GRDB alone and the callers
/// (Planner, Service, the faces) use one `SiteStore` whatever the engine. The API is
/// synchronous like GRDB's: an implementation blocks its caller until the server answers.
public protocol RemoteStore: Sendable {
    /// Where the store is, for messages (no password).
    var location: String { get }

    func replaceAll(sites: [Site], pinyin: [String], towns: [Town], asOf: String) throws
    func upsert(_ sites: [Site], pinyin: [String], by editor: String?) throws -> (inserted: Int, updated: Int)
    /// Moved by every write of the table (as gpkg_contents.last_change).
    func lastChange(of table: String) throws -> String?
    /// Sites matching the filter's kind, theme, league, period and status (designations are
    /// matched by `SiteStore`), ordered by id.
    func sites(_ filter: SiteFilter) throws -> [Site]
    func site(id: String) throws -> Site?
    func sites(west: Double, south: Double, east: Double, north: Double) throws -> [Site]
    /// Ids whose id starts with, or whose names or compact pinyin contain, the text.
    func searchIDs(_ query: String, compact: String) throws -> [String]
    func towns() throws -> [Town]
    func count(_ table: String) throws -> Int

    func replaceRoads(_ roads: [RoadFeature], graphs: [StoredGraph], asOf: String?) throws
    func roads() throws -> [RoadFeature]
    func roadGraph(profile: String) throws -> StoredGraph?
    func roadGraphSummaries() throws -> [StoredGraph]

    func replaceStoredRoutes(_ records: [RouteRecord], asOf: String?) throws
    func saveStoredRoute(_ r: RouteRecord) throws -> Bool
    func storedRoutes(_ layer: RouteRecord.Layer) throws -> [RouteRecord]

    /// Ticket prices in their stored order; every row's site must exist when replaced.
    func ticketPrices() throws -> [TicketPrice]
    func replaceTicketPrices(_ prices: [TicketPrice], asOf: String) throws

    func edit(
        _ id: String, expectedTag: String?, by editor: String, operation: String, _ change: (Site?) throws -> Site?
    ) throws -> SiteRevision
    func history(of id: String) throws -> [SiteRevision]

    /// Everything the store holds, for `store copy`.
    func content() throws -> StoreContent
    /// Replaces everything with `content`, in one transaction.
    func replaceContent(_ content: StoreContent, pinyin: [String]) throws
}

/// Everything a store holds, in its stored order: what `showcase store copy` moves between a
/// GeoPackage and PostGIS.
public struct StoreContent: Sendable {
    public var sites: [Site]
    public var towns: [Town]
    public var roads: [RoadFeature]
    public var graphs: [StoredGraph]
    public var routes: [RouteRecord]
    public var ticketPrices: [TicketPrice]
    /// The edit history as stored (the features as their GeoJSON text).
    public var history: [HistoryRow]
    /// Each layer's last change (gpkg_contents.last_change).
    public var lastChange: [String: String]

    public init(
        sites: [Site], towns: [Town], roads: [RoadFeature], graphs: [StoredGraph], routes: [RouteRecord],
        ticketPrices: [TicketPrice], history: [HistoryRow], lastChange: [String: String]
    ) {
        self.sites = sites; self.towns = towns; self.roads = roads; self.graphs = graphs; self.routes = routes
        self.ticketPrices = ticketPrices
        self.history = history; self.lastChange = lastChange
    }

    /// One row of site_history.
    public struct HistoryRow: Sendable, Equatable {
        public var siteID: String
        public var version: Int
        public var at, editor, operation: String
        public var before, after: String?
        public init(
            siteID: String, version: Int, at: String, editor: String, operation: String, before: String?,
            after: String?
        ) {
            self.siteID = siteID; self.version = version; self.at = at; self.editor = editor
            self.operation = operation; self.before = before; self.after = after
        }
    }

    /// The layers whose last change is kept.
    public static let layers = [
        "sites", "towns", "roads", "routes", "tours", "layer_sources", "site_history", "ticket_prices"
    ]
}

extension SiteRevision {
    /// The revision of a stored history row.
    public init(_ row: StoreContent.HistoryRow) throws {
        self.init(
            siteID: row.siteID, version: row.version, at: row.at, editor: row.editor, operation: row.operation,
            before: try row.before.map(Site.fromStoredJSON), after: try row.after.map(Site.fromStoredJSON))
    }
}

extension Site {
    /// The stored form of a history entry's feature (GeoJSON text).
    public var historyJSON: String { storedJSON }
}

extension SiteStore {
    /// Everything this store holds (for `store copy`).
    public func content() throws -> StoreContent {
        if let remote { return try remote.content() }
        let (sites, towns, history, lastChange) = try writer.read { db in
            var sites: [Site] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Site.storedColumns) FROM sites ORDER BY fid")
            while let row = try rows.next() { sites.append(try Site(stored: row)) }
            let towns = try Town.fetchAll(db, sql: "SELECT * FROM towns ORDER BY fid")
            let history = try Row.fetchAll(
                db,
                sql: "SELECT site_id, version, at, editor, operation, before, after FROM site_history ORDER BY fid"
            ).map {
                StoreContent.HistoryRow(
                    siteID: $0[0], version: $0[1], at: $0[2], editor: $0[3], operation: $0[4], before: $0[5],
                    after: $0[6])
            }
            var lastChange: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT table_name, last_change FROM gpkg_contents") {
                lastChange[row[0]] = row[1]
            }
            return (sites, towns, history, lastChange)
        }
        let graphs = try roadGraphSummaries().compactMap { try roadGraph(profile: $0.profile) }
        return StoreContent(
            sites: sites, towns: towns, roads: try roads(), graphs: graphs, routes: try storedRoutesInFidOrder(),
            ticketPrices: try ticketPriceRows(), history: history, lastChange: lastChange)
    }

    /// Replaces everything with `content` in one transaction, written as `showcase init` writes
    /// a database (so a copy there and back gives the same file content).
    public func replaceContent(_ content: StoreContent) throws {
        let pinyin = SiteSearch.pinyinInBackground(content.sites)
        if let remote { return try remote.replaceContent(content, pinyin: pinyin.value) }
        try writer.write { db in
            try writeAll(sites: content.sites, pinyin: pinyin, towns: content.towns, asOf: "", db)
            try writeTicketPrices(content.ticketPrices, asOf: "", db)
            try writeRoads(content.roads, graphs: content.graphs, asOf: nil, db)
            try writeStoredRoutes(content.routes, asOf: nil, db)
            try db.execute(sql: "DELETE FROM site_history; DELETE FROM sqlite_sequence WHERE name = 'site_history'")
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO site_history (site_id, version, at, editor, operation, before, after)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for h in content.history {
                try insert.execute(arguments: [h.siteID, h.version, h.at, h.editor, h.operation, h.before, h.after])
            }
            for (table, when) in content.lastChange where StoreContent.layers.contains(table) {
                try db.execute(
                    sql: "UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?", arguments: [when, table])
            }
        }
    }

    private func storedRoutesInFidOrder() throws -> [RouteRecord] {
        try writer.read { db in
            try ["routes", "tours"].flatMap { layer in
                try Row.fetchAll(db, sql: "SELECT * FROM \(layer) ORDER BY fid").map(RouteRecord.init(row:))
            }
        }
    }
}

extension Site {
    /// The pinyin the search index holds for the site (its Chinese name's and aliases').
    public var compactPinyin: String { SiteSearch.pinyin(self) }
    /// The names the search index holds for the site (names, aliases, list numbers).
    public var searchNames: String { SiteSearch.names(self) }
}
