import ArgumentParser
import Foundation
import SiteStore

/// `--db` and `--data`, shared by every command that uses the database.
struct StoreOptions: ParsableArguments {
    @Option(help: "The GeoPackage (default: $SHOWCASE_DB, else ./showcase.gpkg; created from GeoData/ if missing).")
    var db: String?

    @Option(help: "Folder holding GeoData/ (default: $SHOWCASE_DATA, else the nearest parent folder that has it).")
    var data: String?

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["SHOWCASE_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "showcase.gpkg"
    }

    /// Opens the store, building it from the shipped data first if the file does not exist.
    func open() throws -> SiteStore {
        let path = databasePath
        if FileManager.default.fileExists(atPath: path) { return try SiteStore(path: path) }
        let shipped = try ShippedData.locate(explicit: data)
        let store = try SiteStore(path: path)
        let counts = try shipped.load(into: store)
        _ = try loadShippedRoads(shipped, into: store)
        _ = try loadShippedRoutes(shipped, into: store)
        note("created \(path) from \(shipped.geoData.path) (\(counts.sites) sites, \(counts.towns) towns, trunk roads for car and coach)")
        return store
    }
}

/// A message for the person at the terminal (stderr, never mixed with data on stdout).
func note(_ message: String) {
    FileHandle.standardError.write(Data("showcase: \(message)\n".utf8))
}
