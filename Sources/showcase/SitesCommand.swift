import ArgumentParser
import Foundation
import GeoCore
import Planner
import Service
import SiteStore

extension OutputFormat: ExpressibleByArgument {}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Build the database from the shipped data (GeoData/), replacing sites, towns and roads.",
        discussion: """
            Reads GeoData/sites.csv, GeoData/towns.csv, GeoData/roads.geojson (the coarse \
            trunk-road network, compiled for the car and coach profiles) and Routes/*.yaml into a \
            new database file, then puts it in place whole: a killed init leaves the previous \
            database (or none), never part of one. The same files always give the same content. \
            Other commands run it by themselves when the database does not exist yet. Layers \
            added to the file by other tools are not kept.

            Examples:
              showcase init
              showcase init --db /tmp/trip.gpkg
            """
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let report = try Bootstrap.rebuild(path: store.databasePath, data: try ShippedData.locate(explicit: store.data))
        note("\(store.databasePath): \(report.summary)")
    }
}

struct SitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "List, find and maintain showcase sites.",
        discussion: """
            Examples:
              showcase sites list --league Hohhot --kind temple
              showcase sites search 博物
              showcase sites near 111.65,40.81 --radius-km 20
              showcase sites import my-sites.csv --crs GCJ02
            """,
        subcommands: [
            List.self, Show.self, Search.self, Near.self, Within.self, Import.self, ReviewDue.self, History.self,
            Revert.self
        ]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List sites, optionally filtered.",
            discussion: """
                Kinds: \(Site.kinds.sorted().joined(separator: ", ")).
                Designation schemes: \(Designation.schemes.sorted().joined(separator: ", ")).
                Levels: \(Designation.levels.sorted().joined(separator: ", ")). \
                Status: \(Site.statuses.sorted().joined(separator: ", ")).

                Examples:
                  showcase sites list --theme red-education --format geojson > red.geojson
                  showcase sites list --league Chifeng --format csv
                  showcase sites list --scheme national-key-relic --period 辽
                  showcase sites list --scheme national-key-relic --batch 7 --kind tomb
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "Only this kind, e.g. museum.") var kind: String?
        @Option(help: "Only sites tagged with this theme, e.g. ethnic-unity.") var theme: String?
        @Option(help: "Only this league or city (English or Chinese), e.g. Hohhot.") var league: String?
        @Option(help: "Only sites with a designation at this level, e.g. national (with --scheme: in that scheme).")
        var level: String?
        @Option(help: "Only sites with a designation in this scheme, e.g. national-key-relic.") var scheme: String?
        @Option(help: "Only sites with a designation of this batch, e.g. 7 (with --scheme: in that scheme).") var batch:
            Int?
        @Option(help: "Only sites whose period contains this text, e.g. 辽 or 清.") var period: String?
        @Option(help: "Only this status: active, under-review or withdrawn.") var status: String?
        @Option(help: "table, json, geojson or csv.") var format: OutputFormat = .table

        func run() throws {
            let filter = SiteFilter(
                kind: kind, theme: theme, league: league, level: level, status: status, scheme: scheme, period: period,
                batch: batch)
            try Workspace.validate(filter) // before the database is opened (or built)
            let sites = try store.open().sites(filter)
            print(SiteOutput.render(sites, as: format), terminator: "")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every field of one site.",
            discussion: "Example:\n  showcase sites show im-hhht-dazhao-temple"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The site id.") var id: String
        @Option(help: "text, json or geojson.") var format: ShowFormat = .text

        enum ShowFormat: String, ExpressibleByArgument { case text, json, geojson }

        func run() throws {
            let site = try store.open().site(id: id)
            switch format {
            case .json: print(SiteOutput.render([site], as: .json).dropFirst().dropLast(2))
            case .geojson: print(GeoJSON.text(.feature(site.feature)))
            case .text:
                var rows: [[String]] = [["lon, lat", "\(site.coordinate.longitude), \(site.coordinate.latitude)"]]
                for c in SiteColumn.allCases where c != .aliases {
                    if let v = site.text(c) { rows.append([c.rawValue, v]) }
                }
                // One alias a line: the official lists' names with their batch and number.
                for (i, alias) in site.aliases.enumerated() { rows.append([i == 0 ? "aliases" : "", alias.text]) }
                print(
                    rows.map { "\($0[0].padding(toLength: 20, withPad: " ", startingAt: 0)) \($0[1])" }.joined(
                        separator: "\n"))
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find sites by name (Chinese substring, English or pinyin), best match first.",
            discussion: """
                Names include a site's aliases: the names official lists give it (王昭君墓 finds
                昭君墓（昭君博物院）) and their list numbers (7-0912-3-210).

                Examples:
                  showcase sites search 博物
                  showcase sites search dazhao
                  showcase sites search "natural history"
                  showcase sites search 王昭君墓
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Text to look for.") var text: String
        @Option(help: "At most this many results.") var limit = 20
        @Option(help: "table, json, geojson or csv.") var format: OutputFormat = .table

        func run() throws {
            print(SiteOutput.render(try store.open().store.search(text, limit: limit), as: format), terminator: "")
        }
    }

    struct Near: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sites within a radius of a point, nearest first.",
            discussion: "Example:\n  showcase sites near 111.65,40.81 --radius-km 20"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "LON,LAT in WGS 84.") var point: String
        @Option(help: "Radius in kilometres.") var radiusKm: Double = 10
        @Option(help: "At most this many results.") var limit: Int?
        @Option(help: "table, json, geojson or csv.") var format: OutputFormat = .table

        func run() throws {
            let center = try parsePoint(point, field: "point")
            let hits = try store.open().sites(near: center, radiusKm: radiusKm, limit: limit)
            print(
                SiteOutput.render(hits.map(\.site), as: format, distances: hits.map(\.distanceMeters)), terminator: "")
        }
    }

    struct Within: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sites inside a bounding box (through the spatial index).",
            discussion: "Example:\n  showcase sites within 111.5,40.7,111.8,40.9 --format geojson"
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "MINLON,MINLAT,MAXLON,MAXLAT in WGS 84.") var bbox: String
        @Option(help: "table, json, geojson or csv.") var format: OutputFormat = .table

        func run() throws {
            print(
                SiteOutput.render(try store.open().store.sites(within: try BoundingBox(parsing: bbox)), as: format),
                terminator: "")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or update sites from a CSV, GeoJSON or GeoPackage file: all or nothing.",
            discussion: """
                Rows are matched by id: new ids are added, known ids replaced. The whole file is \
                checked first; one bad row stops the import and the database stays as it was. \
                Columns are those of GeoData/sites.csv (id, name_zh, name_en, kind, themes, …); \
                coordinates come from lon,lat (or x,y with --crs), a GeoJSON Point, or the layer's geometry.

                Examples:
                  showcase sites import new-sites.csv
                  showcase sites import amap-points.csv --crs GCJ02
                  showcase sites import survey.csv --crs EPSG:4546     # x,y columns in metres
                  showcase sites import edited.gpkg                     # a layer written by QGIS/ogr2ogr
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The file (.csv, .geojson, .json or .gpkg).") var file: String
        @Option(
            help: "CRS of the file's coordinates (EPSG:…, GCJ02, BD09); default WGS 84, or the GeoPackage layer's own.")
        var crs: String?

        func run() throws {
            let read = try SiteImport.read(path: file, crs: crs) // checked whole before the database is opened
            let result = try store.open().importSites(read, by: commandLineEditor)
            if !result.ignoredFields.isEmpty {
                note("ignored columns (not site fields): \(result.ignoredFields.joined(separator: ", "))")
            }
            note("imported \(result.read) sites from \(file): \(result.inserted) new, \(result.updated) updated")
        }
    }

    struct ReviewDue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review-due",
            abstract: "Designated sites whose re-verification is due by a year.",
            discussion: "Example:\n  showcase sites review-due --year 2026"
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "Due in or before this year.") var year: Int
        @Option(help: "table, json, geojson or csv.") var format: OutputFormat = .table

        func run() throws {
            print(SiteOutput.render(try store.open().store.reviewDue(year: year), as: format), terminator: "")
        }
    }
}

extension SitesCommand {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every recorded write of a site: version, time, editor, operation, what changed.",
            discussion: """
                Every write is recorded: edits over HTTP (with the editor's name), imports and \
                reverts. Version 0 is the site before its first recorded edit.

                Examples:
                  showcase sites history im-hhht-dazhao-temple
                  showcase sites history im-hhht-dazhao-temple --format json
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The site id.") var id: String
        @Option(help: "table or json (with the features before and after).") var format: Format = .table

        enum Format: String, ExpressibleByArgument { case table, json }

        func run() throws {
            let history = try store.open().siteHistory(id)
            switch format {
            case .json:
                print(JSONWriter.string(.object(["id": .string(id), "versions": .array(history.map(\.json))])))
            case .table:
                for r in history {
                    let changed =
                        SiteColumn.allCases.filter { r.before?.text($0) != r.after?.text($0) }.map(\.rawValue)
                        + (r.before?.coordinate != r.after?.coordinate ? ["geometry"] : [])
                    print(
                        [String(r.version), r.at, r.editor, r.operation, changed.joined(separator: ",")].joined(
                            separator: "\t"))
                }
            }
        }
    }

    struct Revert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a site back as it was after a version of its history (itself a recorded edit).",
            discussion: """
                --to 0 restores the site as it was before its first recorded edit (a site created \
                by an edit is then deleted); a deleted site comes back by reverting to a version \
                before its deletion.

                Example:
                  showcase sites revert im-hhht-dazhao-temple --to 2
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The site id.") var id: String
        @Option(help: "The version to return to (see sites history).") var to: Int

        func run() throws {
            let r = try store.open().revertSite(id, to: to, by: commandLineEditor)
            note("\(id): version \(r.version) restores version \(to)\(r.after == nil ? " (the site is deleted)" : "")")
        }
    }
}

/// Who writes from the command line, for the history: the login name.
var commandLineEditor: String {
    "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName)
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a layer as GeoJSON or CSV (to stdout or --out).",
        discussion:
            "Examples:\n  showcase export sites --format geojson --out sites.geojson\n  showcase export sites --format csv > sites.csv\n  showcase export tours --format gpx --out tours.gpx"
    )
    @OptionGroup var store: StoreOptions
    @Argument(help: "The layer: sites, routes or tours.") var layer: String
    @Option(help: "geojson or csv (sites); geojson, gpx or kml (routes, tours).") var format: Format = .geojson
    @Option(help: "Write to this file instead of stdout.") var out: String?

    enum Format: String, ExpressibleByArgument { case geojson, csv, gpx, kml }

    func validate() throws {
        guard ["sites", "routes", "tours"].contains(layer) else {
            throw ValidationError("unknown layer '\(layer)'; layers: sites, routes, tours")
        }
        if layer == "sites", [.gpx, .kml].contains(format) { throw ValidationError("sites export as geojson or csv") }
        if layer != "sites", format == .csv { throw ValidationError("\(layer) export as geojson, gpx or kml") }
    }

    func run() throws {
        let workspace = try store.open()
        let text: String
        if layer == "sites" {
            text = SiteOutput.render(try workspace.store.sites(), as: format == .csv ? .csv : .geojson)
        } else {
            text = StoredRouteFormats.render(
                try workspace.storedRoutes(layer == "routes" ? .routes : .tours), sites: try workspace.sitesByID(),
                format: PlanFormat(rawValue: format.rawValue) ?? .geojson)
        }
        if let out {
            try write(text, to: out)
        } else {
            print(text, terminator: "")
        }
    }
}
