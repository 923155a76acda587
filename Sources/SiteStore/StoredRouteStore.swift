import Foundation
import GeoCore
import GRDB

/// One stop of a stored route or tour.
public struct RouteStopRecord: Codable, Sendable, Equatable {
    public var site: String
    public var day: Int
    public var stayMinutes: Int?
    public var note: String?
    enum CodingKeys: String, CodingKey { case site, day, stayMinutes = "stay_minutes", note }
    public init(site: String, day: Int, stayMinutes: Int?, note: String?) {
        self.site = site; self.day = day; self.stayMinutes = stayMinutes; self.note = note
    }
}

/// A stored heritage route or study tour as the `routes` / `tours` layers hold it.
public struct RouteRecord: Sendable, Equatable {
    public enum Layer: String, Sendable { case routes, tours }
    public var id: String
    public var nameZh, nameEn: String?
    public var kind: String
    public var audience: String?
    public var days: Int
    public var start: String
    public var stops: [RouteStopRecord]
    public var notes: String?
    public var example: Bool
    public var source: String
    public var line: [Position]

    public var layer: Layer { kind == "heritage" ? .routes : .tours }

    public init(
        id: String, nameZh: String?, nameEn: String?, kind: String, audience: String?, days: Int, start: String,
        stops: [RouteStopRecord], notes: String?, example: Bool, source: String, line: [Position]
    ) {
        self.id = id; self.nameZh = nameZh; self.nameEn = nameEn; self.kind = kind; self.audience = audience;
        self.days = days
        self.start = start; self.stops = stops; self.notes = notes; self.example = example; self.source = source;
        self.line = line
    }
}

extension SiteStore {
    /// Replaces every stored route and tour in one transaction.
    public func replaceStoredRoutes(_ records: [RouteRecord], asOf: String? = nil) throws {
        if let remote { return try remote.replaceStoredRoutes(records, asOf: asOf) }
        return try writer.write { db in try writeStoredRoutes(records, asOf: asOf, db) }
    }

    /// The body of `replaceStoredRoutes`, inside the caller's transaction.
    func writeStoredRoutes(_ records: [RouteRecord], asOf: String?, _ db: Database) throws {
        do {
            try db.execute(
                sql:
                    "DELETE FROM routes; DELETE FROM tours; DELETE FROM sqlite_sequence WHERE name IN ('routes', 'tours')"
            )
            for r in records.sorted(by: { $0.id < $1.id }) { try Self.insert(r, db) }
            try refreshContents(db, table: "routes", asOf: asOf)
            try refreshContents(db, table: "tours", asOf: asOf)
        }
    }

    /// Adds a route or tour, or replaces the one with its id (in either layer), in one transaction.
    /// - Returns: whether one was replaced.
    @discardableResult
    public func saveStoredRoute(_ r: RouteRecord) throws -> Bool {
        if let remote { return try remote.saveStoredRoute(r) }
        return try writer.write { db in
            try db.execute(sql: "DELETE FROM routes WHERE id = ?", arguments: [r.id])
            var replaced = db.changesCount > 0
            try db.execute(sql: "DELETE FROM tours WHERE id = ?", arguments: [r.id])
            replaced = replaced || db.changesCount > 0
            try Self.insert(r, db)
            try refreshContents(db, table: "routes", asOf: nil)
            try refreshContents(db, table: "tours", asOf: nil)
            return replaced
        }
    }

    private static func insert(_ r: RouteRecord, _ db: Database) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(r.stops), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO \(r.layer.rawValue) (geom, id, name_zh, name_en, kind, audience, days, start, stop_count, stops, stops_json, notes, example, source)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                Data(GeoPackageBinary.encode(.lineString(r.line))), r.id, r.nameZh, r.nameEn, r.kind, r.audience,
                r.days,
                r.start, r.stops.count, r.stops.map(\.site).joined(separator: ";"), json, r.notes, r.example, r.source
            ])
    }

    public func storedRoutes(_ layer: RouteRecord.Layer) throws -> [RouteRecord] {
        if let remote { return try remote.storedRoutes(layer) }
        return try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \(layer.rawValue) ORDER BY id").map(RouteRecord.init(row:))
        }
    }

    public func storedRoute(_ layer: RouteRecord.Layer, id: String) throws -> RouteRecord? {
        if let remote { return try remote.storedRoutes(layer).first { $0.id == id } }
        return try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM \(layer.rawValue) WHERE id = ?", arguments: [id]).map(
                RouteRecord.init(row:))
        }
    }
}

extension RouteRecord {
    init(row: Row) throws {
        let stops = try JSONDecoder().decode([RouteStopRecord].self, from: Data((row["stops_json"] as String).utf8))
        let blob: Data = row["geom"]
        var line: [Position] = []
        if case let .lineString(l) = try GeoPackageBinary.decode([UInt8](blob)).geometry { line = l }
        self.init(
            id: row["id"], nameZh: row["name_zh"], nameEn: row["name_en"], kind: row["kind"], audience: row["audience"],
            days: row["days"],
            start: row["start"], stops: stops, notes: row["notes"], example: row["example"], source: row["source"],
            line: line)
    }
}
