import Foundation
import GeoCore
import PostgresNIO
import SiteStore

extension PostGISStore {
    /// Compiled graphs over this size are stored in parts (bytea, like SQLite blobs, stops at 1 GB).
    static let graphPartBytes = 256 << 20

    static func wkb(_ line: [Position]) -> Data { Data(WKB.encode(.lineString(line))) }

    static func line(_ cell: PostgresCell) throws -> [Position] {
        guard let data = try cell.decode(Data?.self),
            case let .lineString(l) = try WKB.decode([UInt8](data))
        else { return [] }
        return l
    }

    // MARK: roads

    func writeRoads(_ s: Session, _ roads: [RoadFeature], graphs: [StoredGraph]) throws {
        try s.run("TRUNCATE roads, road_graphs, road_graph_parts RESTART IDENTITY")
        try Self.insert(
            s, "roads", columns: "geom, way_id, highway, name, ref, maxspeed, oneway, car, coach, walk, length_m",
            template: "(\(Self.line), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows: roads.map { r in
                [
                    Self.wkb(r.line), Int(r.wayID), r.highway, r.name, r.ref, r.maxspeed, r.oneway, r.car ? 1 : 0,
                    r.coach ? 1 : 0, r.walk ? 1 : 0, r.lengthMeters
                ]
            })
        for g in graphs {
            let parts = stride(from: 0, to: max(g.bytes.count, 1), by: Self.graphPartBytes).map {
                Data(
                    g.bytes[
                        (g.bytes.startIndex + $0)..<(g.bytes.startIndex + min(g.bytes.count, $0 + Self.graphPartBytes))]
                )
            }
            try s.run(
                "INSERT INTO road_graphs VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                [
                    g.profile, g.formatVersion, g.sourceHash, g.source, g.nodes, g.edges, g.shortcuts, g.builtAt,
                    parts.first ?? Data()
                ])
            for (k, part) in parts.enumerated().dropFirst() {
                try s.run("INSERT INTO road_graph_parts VALUES ($1, $2, $3)", [g.profile, k, part])
            }
        }
    }

    public func replaceRoads(_ roads: [RoadFeature], graphs: [StoredGraph], asOf: String?) throws {
        try transaction { s in
            try writeRoads(s, roads, graphs: graphs)
            try Self.touch(s, "roads", asOf: asOf)
        }
    }

    public func roads() throws -> [RoadFeature] {
        try read { s in
            try s.run(
                "SELECT ST_AsBinary(geom), way_id, highway, name, ref, maxspeed, oneway, car, coach, walk, length_m "
                    + "FROM roads ORDER BY fid"
            ).map { row in
                let cells = Array(row)
                let (_, way, highway, name, ref, maxspeed, oneway, car, coach, walk, length) = try row.decode(
                    (Data?, Int, String, String?, String?, String?, String?, Int, Int, Int, Double).self)
                return RoadFeature(
                    line: try Self.line(cells[0]), wayID: Int64(way), highway: highway, name: name, ref: ref,
                    maxspeed: maxspeed, oneway: oneway, car: car != 0, coach: coach != 0, walk: walk != 0,
                    lengthMeters: length)
            }
        }
    }

    static let graphColumns = "profile, format_version, source_hash, source, nodes, edges, shortcuts, built_at"

    static func graph(_ row: PostgresRow, bytes: Data) throws -> StoredGraph {
        let (profile, format, hash, source, nodes, edges, shortcuts, built) = try row.decode(
            (String, Int, String, String, Int, Int, Int, String).self)
        return StoredGraph(
            profile: profile, formatVersion: format, sourceHash: hash, source: source, nodes: nodes, edges: edges,
            shortcuts: shortcuts, builtAt: built, bytes: bytes)
    }

    public func roadGraph(profile: String) throws -> StoredGraph? {
        try read { s in
            guard
                let row = try s.run("SELECT \(Self.graphColumns), graph FROM road_graphs WHERE profile = $1", [profile])
                    .first
            else { return nil }
            var bytes = try Array(row)[8].decode(Data.self)
            for part in try s.run("SELECT bytes FROM road_graph_parts WHERE profile = $1 ORDER BY part", [profile]) {
                bytes.append(try part.decode(Data.self))
            }
            return try Self.graph(row, bytes: bytes)
        }
    }

    public func roadGraphSummaries() throws -> [StoredGraph] {
        try read { s in
            try s.run("SELECT \(Self.graphColumns) FROM road_graphs ORDER BY profile").map {
                try Self.graph($0, bytes: Data())
            }
        }
    }

    // MARK: stored routes and tours

    static func insertRoute(_ s: Session, _ r: RouteRecord) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(r.stops), as: UTF8.self)
        try s.run(
            """
            INSERT INTO \(r.layer.rawValue) (geom, id, name_zh, name_en, kind, audience, days, start, stop_count, stops,
              stops_json, notes, example, source)
            VALUES (ST_GeomFromWKB($1, 4326), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            """,
            [
                wkb(r.line), r.id, r.nameZh, r.nameEn, r.kind, r.audience, r.days, r.start, r.stops.count,
                r.stops.map(\.site).joined(separator: ";"), json, r.notes, r.example ? 1 : 0, r.source
            ])
    }

    func writeRoutes(_ s: Session, _ records: [RouteRecord], sorted: Bool) throws {
        try s.run("TRUNCATE routes, tours RESTART IDENTITY")
        for r in sorted ? records.sorted(by: { $0.id < $1.id }) : records { try Self.insertRoute(s, r) }
    }

    public func replaceStoredRoutes(_ records: [RouteRecord], asOf: String?) throws {
        try transaction { s in
            try writeRoutes(s, records, sorted: true)
            try Self.touch(s, "routes", asOf: asOf)
            try Self.touch(s, "tours", asOf: asOf)
        }
    }

    public func saveStoredRoute(_ r: RouteRecord) throws -> Bool {
        try transaction { s in
            let a = try s.run("DELETE FROM routes WHERE id = $1", [r.id]).metadata.rows ?? 0
            let b = try s.run("DELETE FROM tours WHERE id = $1", [r.id]).metadata.rows ?? 0
            try Self.insertRoute(s, r)
            try Self.touch(s, "routes", asOf: nil)
            try Self.touch(s, "tours", asOf: nil)
            return a + b > 0
        }
    }

    public func storedRoutes(_ layer: RouteRecord.Layer) throws -> [RouteRecord] {
        try read { s in try routeRows(s, layer, order: "id COLLATE \"C\"") }
    }

    func routeRows(_ s: Session, _ layer: RouteRecord.Layer, order: String) throws -> [RouteRecord] {
        try s.run(
            "SELECT ST_AsBinary(geom), id, name_zh, name_en, kind, audience, days, start, stops_json, notes, example, "
                + "source FROM \(layer.rawValue) ORDER BY \(order)"
        ).map { row in
            let (_, id, zh, en, kind, audience, days, start, json, notes, example, source) = try row.decode(
                (Data?, String, String?, String?, String, String?, Int, String, String, String?, Int, String).self)
            return RouteRecord(
                id: id, nameZh: zh, nameEn: en, kind: kind, audience: audience, days: days, start: start,
                stops: try JSONDecoder().decode([RouteStopRecord].self, from: Data(json.utf8)), notes: notes,
                example: example != 0, source: source, line: try Self.line(Array(row)[0]))
        }
    }

    // MARK: edits and history

    public func edit(
        _ id: String, expectedTag: String?, by editor: String, operation: String, _ change: (Site?) throws -> Site?
    ) throws -> SiteRevision {
        do {
            return try transaction { s in
                // FOR UPDATE: a second edit of the site waits here, then reads what the first wrote.
                let row = try s.run("SELECT fid, \(Self.siteSelect) FROM sites WHERE id = $1 FOR UPDATE", [id]).first
                let fid = try row.map { try $0.decode(Int.self) }
                let before = try row.map(Self.siteAfterFid)
                if let expectedTag, expectedTag != before?.tag {
                    throw SiteEditError.stale(id: id, current: before?.tag)
                }
                let after = try change(before)
                switch (fid, after) {
                case (nil, nil): throw SiteEditError.missing(id)
                case let (nil, site?):
                    let new = try s.run(
                        "INSERT INTO sites (geom, \(Self.siteColumnList)) VALUES \(Self.numbered(Self.siteTemplate)) "
                            + "RETURNING fid", Self.values(site)
                    ).first!.decode(Int.self)
                    try s.run(
                        "INSERT INTO site_search VALUES ($1, $2, $3, $4)",
                        [new, site.id, Self.names(site), site.compactPinyin])
                case let (fid?, site?):
                    try s.run(
                        "UPDATE sites SET (geom, \(Self.siteColumnList)) = \(Self.numbered(Self.siteTemplate)) "
                            + "WHERE fid = $\(Self.values(site).count + 1)", Self.values(site) + [fid])
                    try s.run(
                        "UPDATE site_search SET names = $2, pinyin = $3 WHERE fid = $1",
                        [fid, Self.names(site), site.compactPinyin])
                case let (fid?, nil):
                    try s.run("DELETE FROM sites WHERE fid = $1", [fid])
                    try s.run("DELETE FROM site_search WHERE fid = $1", [fid])
                }
                let revision = try record(s, id, before: before, after: after, editor: editor, operation: operation)
                try Self.touch(s, "sites", asOf: nil)
                return revision
            }
        } catch let e as PSQLError where e.serverInfo?[.sqlState] == "23505" {
            throw SiteEditError.exists(id) // two creates of one id at once: the second finds the first's row
        }
    }

    func record(_ s: Session, _ id: String, before: Site?, after: Site?, editor: String, operation: String) throws
        -> SiteRevision
    {
        let at = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        let version = try s.run(
            "SELECT coalesce(max(version), 0) + 1 FROM site_history WHERE site_id = $1", [id]
        ).first!.decode(Int.self)
        try s.run(
            "INSERT INTO site_history (site_id, version, at, editor, operation, before, after) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [id, version, at, editor, operation, before?.historyJSON, after?.historyJSON])
        return SiteRevision(
            siteID: id, version: version, at: at, editor: editor, operation: operation, before: before, after: after)
    }

    public func history(of id: String) throws -> [SiteRevision] {
        try read { s in try historyRows(s, "WHERE site_id = $1 ORDER BY version", [id]).map(SiteRevision.init) }
    }

    func historyRows(_ s: Session, _ tail: String, _ values: [Value] = []) throws -> [StoreContent.HistoryRow] {
        try s.run("SELECT site_id, version, at, editor, operation, before, after FROM site_history \(tail)", values)
            .map { row in
                let (id, version, at, editor, operation, before, after) = try row.decode(
                    (String, Int, String, String, String, String?, String?).self)
                return StoreContent.HistoryRow(
                    siteID: id, version: version, at: at, editor: editor, operation: operation, before: before,
                    after: after)
            }
    }

    // MARK: store copy

    public func content() throws -> StoreContent {
        let (sites, towns, routes, history, changes) = try read { s in
            (
                try s.run("SELECT \(Self.siteSelect) FROM sites ORDER BY fid").map { try Self.site(from: $0) },
                try townRows(s, order: "fid"),
                try routeRows(s, .routes, order: "fid") + routeRows(s, .tours, order: "fid"),
                try historyRows(s, "ORDER BY fid"),
                try s.run("SELECT table_name, last_change FROM layer_changes").map {
                    try $0.decode((String, String).self)
                }
            )
        }
        let graphs = try roadGraphSummaries().compactMap { try roadGraph(profile: $0.profile) }
        return StoreContent(
            sites: sites, towns: towns, roads: try roads(), graphs: graphs, routes: routes,
            ticketPrices: try ticketPrices(), history: history,
            lastChange: Dictionary(changes, uniquingKeysWith: { a, _ in a }))
    }

    public func replaceContent(_ content: StoreContent, pinyin: [String]) throws {
        try transaction { s in
            try writeSites(s, content.sites, pinyin: pinyin)
            try writeTowns(s, content.towns)
            try s.run("TRUNCATE layer_sources RESTART IDENTITY")
            try Self.insert(
                s, "layer_sources", columns: "layer, source, licence, attribution", template: "(?, ?, ?, ?)",
                rows: LayerSources.rows.map { $0.map { $0 as Value } })
            try writeTicketPrices(s, content.ticketPrices)
            try writeRoads(s, content.roads, graphs: content.graphs)
            try writeRoutes(s, content.routes, sorted: false)
            try s.run("TRUNCATE site_history RESTART IDENTITY")
            try Self.insert(
                s, "site_history", columns: "site_id, version, at, editor, operation, before, after",
                template: "(?, ?, ?, ?, ?, ?, ?)",
                rows: content.history.map {
                    [$0.siteID, $0.version, $0.at, $0.editor, $0.operation, $0.before, $0.after]
                })
            for table in StoreContent.layers { try Self.touch(s, table, asOf: content.lastChange[table]) }
        }
    }
}

extension PostGISStore {
    // MARK: ticket prices

    func writeTicketPrices(_ s: Session, _ prices: [TicketPrice]) throws {
        try s.run("TRUNCATE ticket_prices RESTART IDENTITY")
        for p in prices {
            guard try s.run("SELECT 1 FROM sites WHERE id = $1", [p.siteID]).first != nil else {
                throw SiteEditError.missing(p.siteID) // a price for a site the store does not hold
            }
        }
        try Self.insert(
            s, "ticket_prices", columns: TicketPrice.columns.joined(separator: ", "),
            template: "(?, ?, ?, ?, ?, ?, ?, ?)",
            rows: prices.map { p in
                [p.siteID, p.adultCNY, p.studentCNY, p.freeCategories, p.source, p.asOf, p.confidence, p.note]
            })
    }

    public func replaceTicketPrices(_ prices: [TicketPrice], asOf: String) throws {
        try transaction { s in
            try writeTicketPrices(s, prices)
            try Self.touch(s, "ticket_prices", asOf: asOf)
        }
    }

    public func ticketPrices() throws -> [TicketPrice] {
        try read { s in
            try s.run("SELECT \(TicketPrice.columns.joined(separator: ", ")) FROM ticket_prices ORDER BY fid").map {
                let (site, adult, student, free, source, asOf, confidence, note) = try $0.decode(
                    (String, Double?, Double?, String?, String, String, String?, String?).self)
                return TicketPrice(
                    siteID: site, adultCNY: adult, studentCNY: student, source: source, asOf: asOf,
                    freeCategories: free, confidence: confidence, note: note)
            }
        }
    }
}
