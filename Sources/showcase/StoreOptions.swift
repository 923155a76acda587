import ArgumentParser
import Foundation
import Service

/// `--store` (or `--db`) and `--data`, shared by every command that uses the database.
struct StoreOptions: ParsableArguments {
    @Option(
        help: """
            The store: a GeoPackage path, or postgresql://user@host:port/database for PostGIS (default: \
            $SHOWCASE_STORE, else $SHOWCASE_DB, else ./showcase.gpkg; built from GeoData/ if missing or empty).
            """)
    var store: String?

    @Option(help: "The GeoPackage (the same as --store with a path).") var db: String?

    @Option(help: "Folder holding GeoData/ (default: $SHOWCASE_DATA, else the nearest parent folder that has it).")
    var data: String?

    var databasePath: String {
        let env = ProcessInfo.processInfo.environment
        func set(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        return store ?? db ?? set("SHOWCASE_STORE") ?? set("SHOWCASE_DB") ?? "showcase.gpkg"
    }

    /// The workspace on the store, built from the shipped data first if it does not exist.
    func open() throws -> Workspace {
        try Workspace(
            databasePath: databasePath, dataFolder: data,
            created: { note("created \(Workspace.displayName(databasePath)): \($0)") })
    }
}
