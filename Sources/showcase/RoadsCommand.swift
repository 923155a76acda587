import ArgumentParser
import Foundation
import GeoCore
import RoadGraph
import Service

struct RoadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roads",
        abstract: "Import road networks and look at the routing graphs.",
        discussion: """
            The database holds one road network: a `roads` layer that QGIS shows, and a compiled \
            graph per profile (car, coach, walk; rules in Config/profiles/ and docs/car-profile.md). \
            `showcase init` loads the shipped Inner Mongolia trunk roads; `roads import` replaces \
            them with an OpenStreetMap extract or your own GeoJSON lines.

            Examples:
              showcase roads import inner-mongolia-latest.osm.pbf --profile all
              showcase roads info
              showcase roads export --profile car > edges.geojson
            """,
        subcommands: [Import.self, Info.self, Export.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the road network with an .osm.pbf, .osm (XML) or GeoJSON file.",
            discussion: """
                The format is recognised from the file's first bytes. GeoJSON lines are joined \
                where they share a coordinate; their properties are read as OSM tags (highway, \
                maxspeed, oneway, name, ref), and `length_factor` stretches hand-drawn straight lines. \
                Everything happens in one transaction: if the import fails or is killed, the \
                previous network is left as it was.

                Examples:
                  showcase roads import helsinki.osm.pbf
                  showcase roads import my-roads.geojson --profile car
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The road file.") var file: String
        @Option(help: "car, coach, walk or all.") var profile = "all"

        func run() throws {
            let workspace = try store.open()
            let report = try RoadImporter.importRoads(
                path: file, profileNames: profile == "all" ? Profile.shippedNames : [profile],
                profilesDirectory: try workspace.profilesDirectory(), into: workspace.store,
                source: URL(fileURLWithPath: file).lastPathComponent, progress: ProgressLine.reporter)
            report.forEach(note)
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the stored road graphs and whether they are current.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            let workspace = try store.open()
            let db = workspace.store
            let graphs = try db.roadGraphSummaries()
            guard !graphs.isEmpty else {
                note("\(db.path) has no road graphs; run `showcase init` or `showcase roads import FILE`"); return
            }
            var out = "\(db.path): \(try db.roadCount()) road lines\n"
            out += "profile  nodes      edges      shortcuts  built                     source\n"
            for g in graphs {
                let status =
                    (try? workspace.profilesDirectory()).flatMap {
                        RoadImporter.staleness(of: g, profilesDirectory: $0)
                    }.map { "  (\($0))" } ?? ""
                out +=
                    g.profile.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + String(g.nodes).padding(toLength: 11, withPad: " ", startingAt: 0)
                    + String(g.edges).padding(toLength: 11, withPad: " ", startingAt: 0)
                    + String(g.shortcuts).padding(toLength: 11, withPad: " ", startingAt: 0)
                    + g.builtAt.padding(toLength: 26, withPad: " ", startingAt: 0) + g.source + status + "\n"
            }
            print(out, terminator: "")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a profile's graph as GeoJSON: one LineString per directed edge.",
            discussion: """
                Properties: from, to (node ids: OSM ids for OSM input), length_m, duration_s. A \
                two-way road gives two features. Coordinates are WGS 84 lon/lat.

                Example:
                  showcase roads export --profile walk > walk-edges.geojson
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "The profile whose graph to write.") var profile = "car"
        @Option(help: "Only geojson for now.") var format = "geojson"

        func run() throws {
            guard format == "geojson" else { throw ValidationError("--format must be geojson") }
            var out = StandardOutput()
            try store.open().writeGraphEdges(profile: profile) { out.write($0) }
            out.flush()
        }
    }
}
