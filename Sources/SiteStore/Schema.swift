import Foundation
import GeoCore
import GRDB

/// The GeoPackage 1.3 schema and the SQL functions its R-tree triggers call.
///
/// Migrations are append-only: a shipped migration is never edited, a change is a new one.
enum Schema {
    /// "GPKG" as a big-endian integer (GPKG 1.3 §1.1.1.1.1).
    static let applicationID: Int32 = 0x4750_4B47
    /// GeoPackage 1.3.0: the version Debian 12's GDAL 3.6 writes and validates (1.4 changed the triggers).
    static let userVersion = 10300

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("geopackage-core") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(userVersion)")
            try db.execute(
                sql: """
                    CREATE TABLE gpkg_spatial_ref_sys (
                      srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
                      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
                    INSERT INTO gpkg_spatial_ref_sys VALUES
                      ('Undefined Cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined Cartesian coordinate reference system'),
                      ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
                      ('WGS 84 geodetic', 4326, 'EPSG', 4326, '\(wgs84WKT)', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
                    CREATE TABLE gpkg_contents (
                      table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
                      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
                      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
                    CREATE TABLE gpkg_geometry_columns (
                      table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
                      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
                      CONSTRAINT uk_gc_table_name UNIQUE (table_name),
                      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
                      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
                    CREATE TABLE gpkg_extensions (
                      table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
                      scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
                    """)
        }
        m.registerMigration("sites-layer") { db in
            // The columns as first shipped (later migrations change them; this one never does).
            let integers: Set = ["designation_year", "review_due_year", "visit_minutes", "group_capacity"]
            let columns = [
                "id", "name_zh", "name_en", "kind", "kind_detail", "themes", "league", "league_zh", "banner",
                "designation", "designation_level",
                "designation_year", "review_due_year", "status", "visitable", "highlight", "opening_hours",
                "opening_hours_note", "visit_minutes",
                "visit_minutes_source", "group_capacity", "precision", "coord_source", "location_note", "facts",
                "fact_sources", "verification",
                "seed_mention"
            ].map { c in "\"\(c)\" \(integers.contains(c) ? "INTEGER" : "TEXT")\(c == "id" ? " NOT NULL UNIQUE" : "")" }
                .joined(separator: ", ")
            try db.execute(
                sql: "CREATE TABLE sites (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT, \(columns))")
            try registerPointLayer(
                db, table: "sites", identifier: "Showcase sites",
                description:
                    "Showcase sites, museums, heritage, red-education and nature sites. Coordinates are WGS 84; see the precision column: many points are town or area level. Sources per row in coord_source and fact_sources."
            )
            // Substring search in Chinese and English names and pinyin (trigram: any 3+ characters).
            // detail=full is needed: with less detail FTS5 refuses phrase and column queries.
            try db.execute(
                sql: "CREATE VIRTUAL TABLE site_search USING fts5(id UNINDEXED, names, pinyin, tokenize = 'trigram')")
        }
        m.registerMigration("towns-layer") { db in
            try db.execute(
                sql: """
                    CREATE TABLE towns (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT,
                      geonameid INTEGER NOT NULL UNIQUE, name TEXT NOT NULL, name_zh TEXT, population INTEGER,
                      alternatenames TEXT)
                    """)
            try registerPointLayer(
                db, table: "towns", identifier: "Towns (GeoNames)",
                description:
                    "Inner Mongolia places of GeoNames cities500. Place names and coordinates: GeoNames (geonames.org), CC BY 4.0."
            )
        }
        m.registerMigration("sources-table") { db in
            // An attributes table QGIS shows beside the layers. Registering one also tells GDAL
            // (LIST_ALL_TABLES=AUTO) not to list unregistered tables such as the search index.
            try db.execute(
                sql: """
                    CREATE TABLE layer_sources (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, layer TEXT NOT NULL,
                      source TEXT NOT NULL, licence TEXT NOT NULL, attribution TEXT NOT NULL);
                    INSERT INTO layer_sources (layer, source, licence, attribution) VALUES
                      ('sites', 'Facts gathered for Showcase Route Planner; coordinate source per row (coord_source)', 'see attribution', 'Town-level coordinates: GeoNames (geonames.org), CC BY 4.0; Chinese division codes and town centres: Vonng/adcode (CC BY 4.0), converted from GCJ-02'),
                      ('towns', 'GeoNames cities500 (Inner Mongolia rows)', 'CC BY 4.0', 'Place names and coordinates: GeoNames (geonames.org), CC BY 4.0');
                    INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
                      VALUES ('layer_sources', 'attributes', 'Layer sources and licences', 'Where each layer comes from and how to attribute it');
                    """)
        }
        m.registerMigration("roads-layer") { db in
            // The road network as QGIS sees it (one row per OSM way piece), and the compiled
            // graph per profile as opaque versioned bytes (unregistered, so GIS tools skip it).
            try db.execute(
                sql: """
                    CREATE TABLE roads (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom LINESTRING,
                      way_id INTEGER NOT NULL, highway TEXT NOT NULL, name TEXT, ref TEXT, maxspeed TEXT, oneway TEXT,
                      car INTEGER NOT NULL, coach INTEGER NOT NULL, walk INTEGER NOT NULL, length_m REAL NOT NULL);
                    CREATE TABLE road_graphs (profile TEXT PRIMARY KEY NOT NULL, format_version INTEGER NOT NULL,
                      source_hash TEXT NOT NULL, source TEXT NOT NULL, nodes INTEGER NOT NULL, edges INTEGER NOT NULL,
                      shortcuts INTEGER NOT NULL, built_at TEXT NOT NULL, graph BLOB NOT NULL);
                    """)
            try registerLayer(
                db, table: "roads", geometryType: "LINESTRING", identifier: "Roads",
                description:
                    "The routable road network (one row per way or way piece) and which profiles may use it. Imported roads: © OpenStreetMap contributors (ODbL) unless the import's source says otherwise."
            )
        }
        m.registerMigration("routes-tours-layers") { db in
            // Stored heritage routes (routes) and study / red-education tours (tours), one row per
            // file in Routes/: the line joins base and stops in visiting order; stops_json keeps
            // the ordered stops with day and planned stay.
            for (table, identifier, description) in [
                (
                    "routes", "Heritage routes",
                    "Heritage tourism routes: ordered stops with days and planned stays. Shipped rows are examples authored from the seed article's places, not official routes."
                ),
                (
                    "tours", "Study tours",
                    "Study and red-education tours: ordered stops with days and planned stays. Shipped rows are examples authored from the seed article's places, not official tours."
                )
            ] {
                try db.execute(
                    sql: """
                        CREATE TABLE \(table) (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom LINESTRING,
                          id TEXT NOT NULL UNIQUE, name_zh TEXT, name_en TEXT, kind TEXT NOT NULL, audience TEXT, days INTEGER NOT NULL,
                          start TEXT NOT NULL, stop_count INTEGER NOT NULL, stops TEXT NOT NULL, stops_json TEXT NOT NULL, notes TEXT,
                          example INTEGER NOT NULL, source TEXT NOT NULL)
                        """)
                try registerLayer(
                    db, table: table, geometryType: "LINESTRING", identifier: identifier, description: description)
            }
        }
        m.registerMigration("site-search-rowid-is-fid") { db in
            // Search entries written before this migration have their own rowids; give each the
            // fid of its site, which updates now use to find it.
            try db.execute(
                sql: """
                    CREATE TEMP TABLE search_copy AS SELECT s.fid, f.id, f.names, f.pinyin FROM site_search f JOIN sites s ON s.id = f.id;
                    DELETE FROM site_search;
                    INSERT INTO site_search (rowid, id, names, pinyin) SELECT fid, id, names, pinyin FROM search_copy;
                    DROP TABLE search_copy;
                    """)
        }
        m.registerMigration("designation-list") { db in
            // One designation per site becomes a list (`Designation`), and sites gain a period.
            // The old single designation is kept as the scheme `showcase`, with its level, year
            // and review year; its free-text title stays in `designation`.
            try db.execute(
                sql: """
                    ALTER TABLE sites ADD COLUMN period TEXT;
                    ALTER TABLE sites ADD COLUMN designations TEXT;
                    UPDATE sites SET designations = 'showcase '
                        || (CASE WHEN designation_level IN ('national', 'autonomous-region', 'league', 'banner') THEN designation_level ELSE 'unstated' END)
                        || coalesce(' ' || designation_year, '') || coalesce(' review=' || review_due_year, '')
                      WHERE designation IS NOT NULL OR designation_level IN ('national', 'autonomous-region', 'league', 'banner');
                    ALTER TABLE sites DROP COLUMN designation_level;
                    ALTER TABLE sites DROP COLUMN designation_year;
                    ALTER TABLE sites DROP COLUMN review_due_year;
                    """)
        }
        m.registerMigration("road-graph-parts") { db in
            // A region's compiled graph outgrows SQLite's 1 GB value limit: the bytes past the
            // first part (kept in road_graphs.graph) go here, in order.
            try db.execute(
                sql:
                    "CREATE TABLE road_graph_parts (profile TEXT NOT NULL, part INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (profile, part))"
            )
        }
        m.registerMigration("site-aliases") { db in
            // Other names of a site, above all official lists' names for sites they were joined
            // to (`SiteAlias`); the search entries gain them when a site is next written.
            try db.execute(sql: "ALTER TABLE sites ADD COLUMN aliases TEXT")
        }
        m.registerMigration("school-groups") { db in
            // Study tours: whether a site takes a group over its capacity in waves, and the
            // ticket prices of sites (an attribute table; one row per site, each with its source).
            try db.execute(
                sql: """
                    ALTER TABLE sites ADD COLUMN group_waves TEXT;
                    CREATE TABLE ticket_prices (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
                      site_id TEXT NOT NULL UNIQUE, adult_cny REAL, student_cny REAL, free_categories TEXT,
                      source TEXT NOT NULL, as_of TEXT NOT NULL, confidence TEXT, note TEXT);
                    INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
                      VALUES ('ticket_prices', 'attributes', 'Ticket prices',
                        'Admission prices of sites in CNY (adult, student; empty = not known), '
                        || 'each with its source and date');
                    INSERT INTO layer_sources (layer, source, licence, attribution) VALUES
                      ('ticket_prices', 'GeoData/ticket-prices.csv: prices as published by the sites or '
                        || 'reported by the pages named per row', 'facts', 'Source and date per row');
                    """)
        }
        m.registerMigration("site-history") { db in
            // Every write of a site: who, when, what, and the feature before and after (GeoJSON),
            // an attributes table QGIS shows beside the layers.
            try db.execute(
                sql: """
                    CREATE TABLE site_history (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, site_id TEXT NOT NULL,
                      version INTEGER NOT NULL, at TEXT NOT NULL, editor TEXT NOT NULL, operation TEXT NOT NULL,
                      before TEXT, after TEXT, UNIQUE (site_id, version));
                    INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
                      VALUES ('site_history', 'attributes', 'Edit history of sites',
                        'Every write of a site: editor, time, operation, and the feature before and after (GeoJSON)');
                    """)
        }
        return m
    }

    /// Registers a Point layer in gpkg_contents and gpkg_geometry_columns, with its R-tree index
    /// and the GPKG 1.3 maintenance triggers (`gpkg_rtree_index` extension, Annex F.3).
    static func registerPointLayer(_ db: Database, table: String, identifier: String, description: String) throws {
        try registerLayer(db, table: table, geometryType: "POINT", identifier: identifier, description: description)
    }

    static func registerLayer(
        _ db: Database, table: String, geometryType: String, identifier: String, description: String
    ) throws {
        try db.execute(
            sql:
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES (?, 'features', ?, ?, 4326)",
            arguments: [table, identifier, description])
        try db.execute(
            sql: "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", arguments: [table, geometryType]
        )
        try db.execute(
            sql:
                "INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')",
            arguments: [table])
        try db.execute(sql: "CREATE VIRTUAL TABLE rtree_\(table)_geom USING rtree(id, minx, maxx, miny, maxy)")
        try createRTreeTriggers(db, table: table)
    }

    /// The six GPKG 1.3 R-tree maintenance triggers of a layer (geometry column `geom`, key `fid`).
    static func createRTreeTriggers(_ db: Database, table: String) throws {
        let t = table, r = "rtree_\(table)_geom"
        let bounds = "NEW.fid, ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)"
        try db.execute(
            sql: """
                CREATE TRIGGER \(r)_insert AFTER INSERT ON \(t) WHEN (NEW.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
                  BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(bounds)); END;
                CREATE TRIGGER \(r)_update1 AFTER UPDATE OF geom ON \(t) WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
                  BEGIN INSERT OR REPLACE INTO \(r) VALUES (\(bounds)); END;
                CREATE TRIGGER \(r)_update2 AFTER UPDATE OF geom ON \(t) WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
                  BEGIN DELETE FROM \(r) WHERE id = OLD.fid; END;
                CREATE TRIGGER \(r)_update3 AFTER UPDATE ON \(t) WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
                  BEGIN DELETE FROM \(r) WHERE id = OLD.fid; INSERT OR REPLACE INTO \(r) VALUES (\(bounds)); END;
                CREATE TRIGGER \(r)_update4 AFTER UPDATE ON \(t) WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
                  BEGIN DELETE FROM \(r) WHERE id IN (OLD.fid, NEW.fid); END;
                CREATE TRIGGER \(r)_delete AFTER DELETE ON \(t) WHEN OLD.geom NOT NULL
                  BEGIN DELETE FROM \(r) WHERE id = OLD.fid; END;
                """)
    }

    /// Runs `body` with the layer's R-tree triggers dropped, then writes the whole index packed
    /// from the boxes `body` returns (every feature's, old and new) and restores the triggers.
    /// Per-row trigger work made large imports ~3× slower (GDAL also bulk-loads this way), and
    /// 100,000 single R*-tree inserts took 1.4 s where packing takes 0.1. Call it inside a
    /// transaction, so a failure or a kill rolls back the triggers with the rows.
    static func withRTreeTriggersSuspended<T>(
        _ db: Database, table: String, _ body: () throws -> (T, index: PackedRTree.Layout)
    ) throws -> T {
        let r = "rtree_\(table)_geom"
        for suffix in ["insert", "update1", "update2", "update3", "update4", "delete"] {
            try db.execute(sql: "DROP TRIGGER \(r)_\(suffix)")
        }
        let (result, index) = try body()
        try PackedRTree.write(index, into: r, db)
        try createRTreeTriggers(db, table: table)
        return result
    }

    /// `ST_IsEmpty`, `ST_MinX`, `ST_MaxX`, `ST_MinY`, `ST_MaxY` over GeoPackage blobs; every
    /// connection that writes a layer needs them, or the R-tree triggers fail.
    static func registerSpatialFunctions(_ db: Database) {
        db.add(
            function: DatabaseFunction("ST_IsEmpty", argumentCount: 1, pure: true) { values in
                guard let b = geometryBlob(values) else { return nil }
                return try GeoPackageBinary.header(b).isEmpty
            })
        db.add(function: boundFunction("ST_MinX") { $0.minX })
        db.add(function: boundFunction("ST_MaxX") { $0.maxX })
        db.add(function: boundFunction("ST_MinY") { $0.minY })
        db.add(function: boundFunction("ST_MaxY") { $0.maxY })
    }

    private typealias Bounds = (minX: Double, maxX: Double, minY: Double, maxY: Double)

    private static func boundFunction(_ name: String, _ pick: @escaping @Sendable (Bounds) -> Double)
        -> DatabaseFunction
    {
        DatabaseFunction(name, argumentCount: 1, pure: true) { values in
            guard let b = geometryBlob(values), let box = try GeoPackageBinary.bounds(b) else { return nil }
            return pick(box)
        }
    }

    private static func geometryBlob(_ values: [DatabaseValue]) -> [UInt8]? {
        Data.fromDatabaseValue(values[0]).map { [UInt8]($0) }
    }

    /// EPSG:4326 as GDAL writes it into gpkg_spatial_ref_sys (WKT 1).
    static let wgs84WKT =
        #"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]"#
}
