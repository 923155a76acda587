import ArgumentParser
import Foundation
import Service

/// `--db` and `--data`, shared by every command that uses the database.
struct StoreOptions: ParsableArguments {
    @Option(help: "The GeoPackage (default: $SHOWCASE_DB, else ./showcase.gpkg; created from GeoData/ if missing).")
    var db: String?

    @Option(help: "Folder holding GeoData/ (default: $SHOWCASE_DATA, else the nearest parent folder that has it).")
    var data: String?

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["SHOWCASE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "showcase.gpkg"
    }

    /// The workspace on the database, built from the shipped data first if the file does not exist.
    func open() throws -> Workspace {
        let path = databasePath
        return try Workspace(databasePath: path, dataFolder: data, created: { note("created \(path): \($0)") })
    }
}
