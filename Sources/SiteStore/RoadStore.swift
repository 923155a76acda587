import Foundation
import GeoCore
import GRDB

/// One row of the `roads` layer.
public struct RoadFeature: Sendable {
    public var line: [Position]
    public var wayID: Int64
    public var highway: String
    public var name, ref, maxspeed, oneway: String?
    public var car, coach, walk: Bool
    public var lengthMeters: Double

    public init(
        line: [Position], wayID: Int64, highway: String, name: String?, ref: String?, maxspeed: String?,
        oneway: String?,
        car: Bool, coach: Bool, walk: Bool, lengthMeters: Double
    ) {
        self.line = line; self.wayID = wayID; self.highway = highway; self.name = name; self.ref = ref
        self.maxspeed = maxspeed; self.oneway = oneway; self.car = car; self.coach = coach; self.walk = walk
        self.lengthMeters = lengthMeters
    }
}

/// A compiled graph as the store keeps it: opaque bytes plus what tells whether they are current.
public struct StoredGraph: Sendable {
    public var profile: String
    public var formatVersion: Int
    /// Hash of the profile file and the input, so a changed profile or input shows as stale.
    public var sourceHash: String
    public var source: String
    public var nodes: Int
    public var edges: Int
    public var shortcuts: Int
    public var builtAt: String
    public var bytes: Data

    public init(
        profile: String, formatVersion: Int, sourceHash: String, source: String, nodes: Int, edges: Int,
        shortcuts: Int, builtAt: String, bytes: Data
    ) {
        self.profile = profile; self.formatVersion = formatVersion; self.sourceHash = sourceHash; self.source = source
        self.nodes = nodes; self.edges = edges; self.shortcuts = shortcuts; self.builtAt = builtAt; self.bytes = bytes
    }
}

extension SiteStore {
    /// SQLite refuses values over 1 GB (SQLITE_MAX_LENGTH); a graph is stored in parts of this
    /// size (SHOWCASE_GRAPH_PART_BYTES overrides it, so tests can split a small graph).
    static var graphPartBytes: Int {
        ProcessInfo.processInfo.environment["SHOWCASE_GRAPH_PART_BYTES"].flatMap(Int.init).map { max(1024, $0) } ?? 256
            << 20
    }

    /// Replaces the road network: the `roads` layer and every compiled graph, in one transaction
    /// (a failed or killed import leaves the previous network whole).
    public func replaceRoads(_ roads: [RoadFeature], graphs: [StoredGraph], asOf: String? = nil) throws {
        if let remote { return try remote.replaceRoads(roads, graphs: graphs, asOf: asOf) }
        return try writer.write { db in try writeRoads(roads, graphs: graphs, asOf: asOf, db) }
    }

    /// The body of `replaceRoads`, inside the caller's transaction.
    func writeRoads(_ roads: [RoadFeature], graphs: [StoredGraph], asOf: String?, _ db: Database) throws {
        let rows: [[DatabaseValue]] = roads.map { r in
            [
                Data(GeoPackageBinary.encode(.lineString(r.line))).databaseValue, r.wayID.databaseValue,
                r.highway.databaseValue,
                r.name.databaseValue, r.ref.databaseValue, r.maxspeed.databaseValue, r.oneway.databaseValue,
                r.car.databaseValue, r.coach.databaseValue, r.walk.databaseValue, r.lengthMeters.databaseValue
            ]
        }
        do {
            try db.execute(
                sql:
                    "DELETE FROM roads; DELETE FROM road_graphs; DELETE FROM road_graph_parts; DELETE FROM sqlite_sequence WHERE name = 'roads'"
            )
            let nodeSize = try PackedRTree.nodeSize(of: "rtree_roads_geom", db)
            try Schema.withRTreeTriggersSuspended(db, table: "roads") {
                let insert = try db.makeStatement(
                    sql:
                        "INSERT INTO roads (geom, way_id, highway, name, ref, maxspeed, oneway, car, coach, walk, length_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                )
                var boxes: [PackedRTree.Box] = []
                boxes.reserveCapacity(roads.count)
                for (road, row) in zip(roads, rows) {
                    try insert.execute(arguments: StatementArguments(row))
                    if let box = PackedRTree.box(id: db.lastInsertedRowID, of: road.line) { boxes.append(box) }
                }
                return ((), index: PackedRTree.layout(boxes, nodeSize: nodeSize))
            }
            let insertGraph = try db.makeStatement(sql: "INSERT INTO road_graphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            let insertPart = try db.makeStatement(sql: "INSERT INTO road_graph_parts VALUES (?, ?, ?)")
            let partBytes = SiteStore.graphPartBytes
            for g in graphs {
                let parts = stride(from: 0, to: max(g.bytes.count, 1), by: partBytes).map {
                    g.bytes[(g.bytes.startIndex + $0)..<(g.bytes.startIndex + min(g.bytes.count, $0 + partBytes))]
                }
                try insertGraph.execute(arguments: [
                    g.profile, g.formatVersion, g.sourceHash, g.source, g.nodes, g.edges, g.shortcuts, g.builtAt,
                    Data(parts.first ?? Data())
                ])
                for (k, part) in parts.enumerated().dropFirst() {
                    try insertPart.execute(arguments: [g.profile, k, Data(part)])
                }
            }
            try refreshContents(db, table: "roads", asOf: asOf)
        }
    }

    /// The road lines (the `roads` layer), in their order.
    public func roads() throws -> [RoadFeature] {
        if let remote { return try remote.roads() }
        return try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM roads ORDER BY fid").map { row in
                let blob: Data = row["geom"]
                guard case let .lineString(line) = try GeoPackageBinary.decode([UInt8](blob)).geometry else {
                    return nil
                }
                return RoadFeature(
                    line: line, wayID: row["way_id"], highway: row["highway"], name: row["name"], ref: row["ref"],
                    maxspeed: row["maxspeed"], oneway: row["oneway"], car: row["car"], coach: row["coach"],
                    walk: row["walk"],
                    lengthMeters: row["length_m"])
            }.compactMap { $0 }
        }
    }

    /// The compiled graph of `profile`, or nil if none was built.
    public func roadGraph(profile: String) throws -> StoredGraph? {
        if let remote { return try remote.roadGraph(profile: profile) }
        return try writer.read { db in
            guard
                var graph = try Row.fetchOne(
                    db, sql: "SELECT * FROM road_graphs WHERE profile = ?", arguments: [profile]
                ).map(StoredGraph.init(row:))
            else { return nil }
            for part in try Data.fetchAll(
                db, sql: "SELECT bytes FROM road_graph_parts WHERE profile = ? ORDER BY part", arguments: [profile])
            {
                graph.bytes.append(part)
            }
            return graph
        }
    }

    /// Every stored graph without its bytes (for `roads info`).
    public func roadGraphSummaries() throws -> [StoredGraph] {
        if let remote { return try remote.roadGraphSummaries() }
        return try writer.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT profile, format_version, source_hash, source, nodes, edges, shortcuts, built_at, x'' AS graph FROM road_graphs ORDER BY profile"
            )
            .map(StoredGraph.init(row:))
        }
    }

    public func roadCount() throws -> Int {
        if let remote { return try remote.count("roads") }
        return try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM roads") ?? 0 }
    }
}

private extension StoredGraph {
    init(row: Row) {
        self.init(
            profile: row["profile"], formatVersion: row["format_version"], sourceHash: row["source_hash"],
            source: row["source"],
            nodes: row["nodes"], edges: row["edges"], shortcuts: row["shortcuts"], builtAt: row["built_at"],
            bytes: row["graph"] ?? Data())
    }
}
