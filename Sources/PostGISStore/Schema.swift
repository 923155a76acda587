import Foundation
import PostgresNIO
import SiteStore

/// The PostGIS schema: the GeoPackage's tables (same names, columns and order) with PostGIS
/// geometries, plus `layer_changes` for gpkg_contents' last_change. Migrations are named and
/// applied once, in order, under an advisory lock so replicas starting together do not race.
/// A migration added to the GeoPackage's `Schema.migrator` needs its counterpart here.
enum PostGISSchema {
    static let siteColumns = SiteColumn.allCases.map { c in
        "\"\(c.rawValue)\" \(["visit_minutes", "group_capacity"].contains(c.rawValue) ? "integer" : "text")"
            + (c == .id ? " NOT NULL UNIQUE" : "")
    }.joined(separator: ", ")

    static let migrations: [(name: String, statements: [String])] = [
        (
            "layers",
            [
                "CREATE EXTENSION IF NOT EXISTS postgis",
                "CREATE TABLE layer_changes (table_name text PRIMARY KEY, last_change text NOT NULL)",
                "CREATE TABLE sites (fid bigserial PRIMARY KEY, geom geometry(Point, 4326), \(siteColumns))",
                "CREATE INDEX sites_geom_idx ON sites USING gist (geom)",
                "CREATE TABLE site_search (fid bigint PRIMARY KEY, id text NOT NULL, names text, pinyin text)",
                """
                CREATE TABLE towns (fid bigserial PRIMARY KEY, geom geometry(Point, 4326), geonameid integer NOT NULL
                  UNIQUE, name text NOT NULL, name_zh text, population integer, alternatenames text)
                """,
                "CREATE INDEX towns_geom_idx ON towns USING gist (geom)",
                """
                CREATE TABLE layer_sources (fid serial PRIMARY KEY, layer text NOT NULL, source text NOT NULL,
                  licence text NOT NULL, attribution text NOT NULL)
                """,
                """
                CREATE TABLE roads (fid bigserial PRIMARY KEY, geom geometry(LineString, 4326), way_id bigint NOT NULL,
                  highway text NOT NULL, name text, ref text, maxspeed text, oneway text, car integer NOT NULL,
                  coach integer NOT NULL, walk integer NOT NULL, length_m double precision NOT NULL)
                """,
                "CREATE INDEX roads_geom_idx ON roads USING gist (geom)",
                """
                CREATE TABLE road_graphs (profile text PRIMARY KEY, format_version integer NOT NULL,
                  source_hash text NOT NULL, source text NOT NULL, nodes integer NOT NULL, edges integer NOT NULL,
                  shortcuts integer NOT NULL, built_at text NOT NULL, graph bytea NOT NULL)
                """,
                """
                CREATE TABLE road_graph_parts (profile text NOT NULL, part integer NOT NULL, bytes bytea NOT NULL,
                  PRIMARY KEY (profile, part))
                """
            ]
                + ["routes", "tours"].flatMap { t in
                    [
                        """
                        CREATE TABLE \(t) (fid bigserial PRIMARY KEY, geom geometry(LineString, 4326),
                          id text NOT NULL UNIQUE, name_zh text, name_en text, kind text NOT NULL, audience text,
                          days integer NOT NULL, start text NOT NULL, stop_count integer NOT NULL, stops text NOT NULL,
                          stops_json text NOT NULL, notes text, example integer NOT NULL, source text NOT NULL)
                        """
                    ]
                }
                + [
                    """
                    CREATE TABLE site_history (fid bigserial PRIMARY KEY, site_id text NOT NULL,
                      version integer NOT NULL, at text NOT NULL, editor text NOT NULL, operation text NOT NULL,
                      before text, after text, UNIQUE (site_id, version))
                    """,
                    """
                    INSERT INTO layer_changes SELECT t, to_char(now() AT TIME ZONE 'UTC',
                      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM unnest(ARRAY['sites', 'towns', 'roads', 'routes', 'tours',
                      'layer_sources', 'site_history']) AS t
                    """
                ]
        ),
        (
            "ticket-prices",
            [
                """
                CREATE TABLE ticket_prices (fid bigserial PRIMARY KEY, site_id text NOT NULL UNIQUE,
                  adult_cny double precision, student_cny double precision, free_categories text, source text NOT NULL,
                  as_of text NOT NULL, confidence text, note text)
                """,
                "INSERT INTO layer_changes VALUES ('ticket_prices', '')"
            ]
        )
    ]
}

extension PostGISStore {
    /// Applies the migrations this database lacks, each in its own transaction.
    func migrate() throws {
        try transaction { s in
            // One process migrates at a time; the others wait here, then find nothing to do.
            try s.run("SELECT pg_advisory_xact_lock(72291029)")
            try s.run("CREATE TABLE IF NOT EXISTS showcase_migrations (name text PRIMARY KEY, applied_at text)")
            var done = Set<String>()
            for row in try s.run("SELECT name FROM showcase_migrations") {
                done.insert(try row.decode(String.self))
            }
            for m in PostGISSchema.migrations where !done.contains(m.name) {
                for statement in m.statements { try s.run(statement) }
                try s.run("INSERT INTO showcase_migrations VALUES ($1, $2)", [m.name, Date().description])
            }
        }
    }
}
