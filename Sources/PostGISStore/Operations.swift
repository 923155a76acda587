import Foundation
import GeoCore
import PostgresNIO
import SiteStore

typealias Value = (any PostgresThrowingDynamicTypeEncodable)?

extension PostGISStore {
    static let siteColumnList = SiteColumn.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    /// The select list `site(from:)` reads: the point, then the columns in `SiteColumn` order.
    static let siteSelect = "ST_X(geom), ST_Y(geom), " + siteColumnList
    static let point = "ST_SetSRID(ST_MakePoint(?, ?), 4326)"
    static let line = "ST_GeomFromWKB(?, 4326)"
    static let now = #"to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')"#

    /// The site of a row selected with `siteSelect` (after `skipping` leading columns, e.g. fid).
    static func site(from row: PostgresRow, skipping: Int = 0) throws -> Site {
        let cells = Array(row).dropFirst(skipping)
        let first = cells.startIndex
        let coordinate = Coordinate(
            uncheckedLongitude: try cells[first].decode(Double.self), latitude: try cells[first + 1].decode(Double.self)
        )
        let texts: [String?] = try SiteColumn.allCases.enumerated().map { k, c in
            let cell = cells[first + k + 2]
            return ["visit_minutes", "group_capacity"].contains(c.rawValue)
                ? try cell.decode(Int?.self).map(String.init) : try cell.decode(String?.self)
        }
        return try Site(coordinate: coordinate, cells: texts)
    }

    static func values(_ site: Site) -> [Value] {
        var values: [Value] = [site.coordinate.longitude, site.coordinate.latitude]
        for c in SiteColumn.allCases {
            if ["visit_minutes", "group_capacity"].contains(c.rawValue) {
                values.append(site.text(c).flatMap { Int($0) })
            } else {
                values.append(site.text(c))
            }
        }
        return values
    }

    /// INSERTs rows in batches; `template` is one row's VALUES tuple with `?` for each value.
    static func insert(_ s: Session, _ table: String, columns: String, template: String, rows: [[Value]]) throws {
        let perRow = template.filter { $0 == "?" }.count
        let batch = max(1, 60_000 / max(perRow, 1) / 4)
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + batch)]
            var n = 0
            let tuples = chunk.map { _ in
                template.split(separator: "?", omittingEmptySubsequences: false).enumerated().map { i, part in
                    if i == 0 { return String(part) }
                    n += 1
                    return "$\(n)" + part
                }.joined()
            }
            try s.run(
                "INSERT INTO \(table) (\(columns)) VALUES " + tuples.joined(separator: ", "), chunk.flatMap { $0 })
            start += chunk.count
        }
    }

    static func touch(_ s: Session, _ table: String, asOf: String?) throws {
        try s.run(
            "UPDATE layer_changes SET last_change = coalesce($2, \(now)) WHERE table_name = $1", [table, asOf])
    }

    static let siteTemplate = "(" + ([point] + SiteColumn.allCases.map { _ in "?" }).joined(separator: ", ") + ")"

    func writeSites(_ s: Session, _ sites: [Site], pinyin: [String]) throws {
        try s.run("TRUNCATE sites, site_search RESTART IDENTITY")
        try Self.insert(
            s, "sites", columns: "geom, \(Self.siteColumnList)", template: Self.siteTemplate,
            rows: sites.map(Self.values))
        try Self.insert(
            s, "site_search", columns: "fid, id, names, pinyin", template: "(?, ?, ?, ?)",
            rows: sites.enumerated().map { i, site in [i + 1, site.id, Self.names(site), pinyin[i]] })
    }

    static func names(_ site: Site) -> String { site.searchNames }

    func writeTowns(_ s: Session, _ towns: [Town]) throws {
        try s.run("TRUNCATE towns RESTART IDENTITY")
        try Self.insert(
            s, "towns", columns: "geom, geonameid, name, name_zh, population, alternatenames",
            template: "(\(Self.point), ?, ?, ?, ?, ?)",
            rows: towns.map { t in
                [
                    t.coordinate.longitude, t.coordinate.latitude, t.geonameID, t.name, t.nameZh, t.population,
                    t.alternateNames
                ]
            })
    }

    // MARK: RemoteStore: sites and towns

    public func replaceAll(sites: [Site], pinyin: [String], towns: [Town], asOf: String) throws {
        try transaction { s in
            try writeSites(s, sites, pinyin: pinyin)
            try writeTowns(s, towns)
            try s.run("TRUNCATE layer_sources RESTART IDENTITY")
            try Self.insert(
                s, "layer_sources", columns: "layer, source, licence, attribution", template: "(?, ?, ?, ?)",
                rows: LayerSources.rows.map { $0.map { $0 as Value } })
            for t in ["sites", "towns", "layer_sources", "site_history"] { try Self.touch(s, t, asOf: asOf) }
        }
    }

    public func upsert(_ sites: [Site], pinyin: [String], by editor: String?) throws -> (inserted: Int, updated: Int) {
        try transaction { s in
            try s.run("LOCK TABLE sites IN SHARE ROW EXCLUSIVE MODE")
            var inserted = 0, updated = 0
            for (i, site) in sites.enumerated() {
                let old = try s.run("SELECT fid, \(Self.siteSelect) FROM sites WHERE id = $1", [site.id]).first
                let before = try old.map(Self.siteAfterFid)
                let fid: Int
                if let old {
                    fid = try old.decode(Int.self, context: .default)
                    try s.run(
                        "UPDATE sites SET (geom, \(Self.siteColumnList)) = \(Self.numbered(Self.siteTemplate)) "
                            + "WHERE fid = $\(Self.values(site).count + 1)", Self.values(site) + [fid])
                    try s.run("DELETE FROM site_search WHERE fid = $1", [fid])
                    updated += 1
                } else {
                    fid = try s.run(
                        "INSERT INTO sites (geom, \(Self.siteColumnList)) VALUES \(Self.numbered(Self.siteTemplate)) "
                            + "RETURNING fid", Self.values(site)
                    ).first!.decode(Int.self, context: .default)
                    inserted += 1
                }
                try s.run(
                    "INSERT INTO site_search VALUES ($1, $2, $3, $4)", [fid, site.id, Self.names(site), pinyin[i]])
                if let editor, before != site {
                    _ = try record(s, site.id, before: before, after: site, editor: editor, operation: "import")
                }
            }
            try Self.touch(s, "sites", asOf: nil)
            return (inserted, updated)
        }
    }

    static func siteAfterFid(_ row: PostgresRow) throws -> Site { try site(from: row, skipping: 1) }

    /// A template with `?` numbered `$1`, `$2`, ….
    static func numbered(_ template: String) -> String {
        var n = 0
        return template.split(separator: "?", omittingEmptySubsequences: false).enumerated().map { i, part in
            if i == 0 { return String(part) }
            n += 1
            return "$\(n)" + part
        }.joined()
    }

    public func lastChange(of table: String) throws -> String? {
        try read { s in
            try s.run("SELECT last_change FROM layer_changes WHERE table_name = $1", [table]).first?.decode(
                String.self)
        }
    }

    public func sites(_ filter: SiteFilter) throws -> [Site] {
        var clauses: [String] = [], values: [Value] = []
        func add(_ sql: String, _ v: String) {
            values.append(v)
            clauses.append(sql.replacingOccurrences(of: "?", with: "$\(values.count)"))
        }
        if let kind = filter.kind { add("kind = ?", kind) }
        if let league = filter.league {
            add("(lower(league) = lower(?)", league)
            add("league_zh ILIKE '%' || ? || '%')", league)
            let last = clauses.removeLast(), first = clauses.removeLast()
            clauses.append(first + " OR " + last)
        }
        if let period = filter.period { add("strpos(period, ?) > 0", period) }
        if let status = filter.status { add("status = ?", status) }
        // ILIKE: SQLite's LIKE, which the GeoPackage uses, ignores ASCII case.
        if let theme = filter.theme { add("(';' || themes || ';') ILIKE '%;' || ? || ';%'", theme) }
        if filter.scheme != nil || filter.level != nil || filter.batch != nil {
            clauses.append("designations IS NOT NULL")
        }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        return try read { s in
            try s.run("SELECT \(Self.siteSelect) FROM sites \(whereSQL) ORDER BY id COLLATE \"C\"", values).map {
                try Self.site(from: $0)
            }
        }
    }

    public func site(id: String) throws -> Site? {
        try read { s in
            try s.run("SELECT \(Self.siteSelect) FROM sites WHERE id = $1", [id]).first.map { try Self.site(from: $0) }
        }
    }

    public func sites(west: Double, south: Double, east: Double, north: Double) throws -> [Site] {
        try read { s in
            try s.run(
                "SELECT \(Self.siteSelect) FROM sites WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)",
                [west, south, east, north]
            ).map { try Self.site(from: $0) }
        }
    }

    public func searchIDs(_ query: String, compact: String) throws -> [String] {
        try read { s in
            let prefix = try s.run(
                "SELECT id FROM sites WHERE starts_with(id, $1) ORDER BY id COLLATE \"C\"", [query]
            ).map { try $0.decode(String.self) }
            let named = try s.run(
                "SELECT id FROM site_search WHERE strpos(lower(names), lower($1)) > 0 OR strpos(pinyin, $2) > 0 "
                    + "ORDER BY fid", [query, compact.isEmpty ? "\u{1}" : compact]
            ).map { try $0.decode(String.self) }
            var seen = Set<String>()
            return (prefix + named).filter { seen.insert($0).inserted }
        }
    }

    public func towns() throws -> [Town] {
        try read { s in try townRows(s, order: "name COLLATE \"C\", geonameid") }
    }

    func townRows(_ s: Session, order: String) throws -> [Town] {
        try s.run(
            "SELECT geonameid, name, name_zh, population, alternatenames, ST_X(geom), ST_Y(geom) FROM towns "
                + "ORDER BY \(order)"
        ).map { row in
            let (id, name, zh, population, alternate, x, y) = try row.decode(
                (Int, String, String?, Int?, String?, Double, Double).self)
            return Town(
                geonameID: id, name: name, nameZh: zh, population: population, alternateNames: alternate,
                coordinate: Coordinate(uncheckedLongitude: x, latitude: y))
        }
    }

    public func count(_ table: String) throws -> Int {
        guard ["sites", "towns", "roads", "routes", "tours", "site_history"].contains(table) else { return 0 }
        return try read { s in try s.run("SELECT count(*) FROM \(table)").first!.decode(Int.self) }
    }
}

/// The layer_sources rows every new store holds (the GeoPackage's migration writes the same).
enum LayerSources {
    static let rows: [[String]] = [
        [
            "sites", "Facts gathered for Showcase Route Planner; coordinate source per row (coord_source)",
            "see attribution",
            "Town-level coordinates: GeoNames (geonames.org), CC BY 4.0; Chinese division codes and town centres: "
                + "Vonng/adcode (CC BY 4.0), converted from GCJ-02"
        ],
        [
            "towns", "GeoNames cities500 (Inner Mongolia rows)", "CC BY 4.0",
            "Place names and coordinates: GeoNames (geonames.org), CC BY 4.0"
        ],
        [
            "ticket_prices",
            "GeoData/ticket-prices.csv: prices as published by the sites or reported by the pages named per row",
            "facts", "Source and date per row"
        ]
    ]
}
