import ArgumentParser
import Foundation
import Service
import SiteStore

/// `showcase store copy`: everything one store holds into another, GeoPackage ↔ PostGIS.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Move the whole store between a GeoPackage and PostgreSQL/PostGIS.",
        subcommands: [Copy.self]
    )

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every layer, graph, route, tour and the edit history from one store to another.",
            discussion: """
                The target's content is replaced in one transaction: a failed copy leaves it as it \\
                was. A GeoPackage target is created if missing; a PostGIS target gets the schema. \\
                A copy to PostGIS and back gives the same GeoPackage content.

                Examples:
                  showcase store copy --from showcase.gpkg --to postgresql://showcase@127.0.0.1:5432/showcase
                  showcase store copy --from postgresql://showcase@db:5432/showcase --to backup.gpkg
                """
        )
        @Option(help: "The store to read: a GeoPackage path or a postgresql:// URL.") var from: String
        @Option(help: "The store to replace: a GeoPackage path or a postgresql:// URL.") var to: String

        func validate() throws {
            guard from != to else { throw ValidationError("--from and --to are the same store") }
            if !Workspace.isServerStore(from), !FileManager.default.fileExists(atPath: from) {
                throw ValidationError("--from \(from): no such file")
            }
        }

        func run() throws {
            let content = try Workspace.openStore(from).content()
            let target = try Workspace.openStore(to)
            try target.replaceContent(content)
            try target.checkpoint()
            note(
                "copied \(content.sites.count) sites, \(content.towns.count) towns, \(content.roads.count) road "
                    + "lines, \(content.graphs.count) graphs, \(content.routes.count) routes and tours, "
                    + "\(content.history.count) history entries from \(from) to \(target.path)")
        }
    }
}
