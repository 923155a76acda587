import Foundation
import GeoCore

/// Finds and loads the shipped `GeoData/` (and later `Routes/`, `Config/`).
///
/// SwiftPM cannot bundle top-level folders as resources, so one locator looks, in order: the
/// `--data` flag, `$SHOWCASE_DATA`, the nearest parent of the working directory that has
/// `GeoData/`, then beside the executable (and its `../share/showcase`).
public struct ShippedData: Sendable {
    /// The folder that holds `GeoData/`.
    public let root: URL

    public var geoData: URL { root.appendingPathComponent("GeoData") }

    /// - Throws: `ShippedDataError.notFound` listing where it looked.
    public static func locate(explicit: String? = nil, executable: String = CommandLine.arguments[0]) throws
        -> ShippedData
    {
        let fm = FileManager.default
        func has(_ dir: URL) -> Bool { fm.fileExists(atPath: dir.appendingPathComponent("GeoData/sites.csv").path) }
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            guard has(url) else { throw ShippedDataError.notFound(looked: [url.path + " («data»)"]) }
            return ShippedData(root: url)
        }
        var looked: [String] = []
        if let env = ProcessInfo.processInfo.environment["SHOWCASE_DATA"], !env.isEmpty {
            let url = URL(fileURLWithPath: env)
            if has(url) { return ShippedData(root: url) }
            looked.append(env + " ($SHOWCASE_DATA)")
        }
        var dir = URL(fileURLWithPath: fm.currentDirectoryPath)
        while true {
            if has(dir) { return ShippedData(root: dir) }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        looked.append("the working directory and its parents")
        let exeDir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [exeDir, exeDir.appendingPathComponent("../share/showcase").standardized] {
            if has(candidate) { return ShippedData(root: candidate) }
            looked.append(candidate.path)
        }
        throw ShippedDataError.notFound(looked: looked)
    }

    /// The date the dataset describes (GeoData/VERSION), used as every layer's last_change.
    public func asOf() throws -> String {
        let text = try String(contentsOf: geoData.appendingPathComponent("VERSION"), encoding: .utf8)
        return text.trimmingCharacters(in: .whitespacesAndNewlines) + "T00:00:00.000Z"
    }

    public func sites() throws -> [Site] {
        try SiteFileReader.read(path: geoData.appendingPathComponent("sites.csv").path).sites
    }

    /// GeoNames towns (`GeoData/towns.csv`: geonameid, name, lat, lon, population, name_zh, alternatenames …).
    public func towns() throws -> [Town] {
        let path = geoData.appendingPathComponent("towns.csv").path
        let table = try CSVTable(text: try String(contentsOfFile: path, encoding: .utf8))
        let h = Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, $0) })
        return try table.records.map { r in
            func f(_ name: String) -> String { r.fields[h[name]!] }
            guard let id = Int(f("geonameid")), let lat = parseDecimal(f("lat")), let lon = parseDecimal(f("lon"))
            else {
                throw SiteImportError(file: path, location: "line \(r.line)", reason: "bad geonameid, lat or lon")
            }
            return Town(
                geonameID: id, name: f("name"), nameZh: f("name_zh").isEmpty ? nil : f("name_zh"),
                population: Int(f("population")).flatMap { $0 > 0 ? $0 : nil },
                alternateNames: f("alternatenames").isEmpty ? nil : f("alternatenames"),
                coordinate: try Coordinate(longitude: lon, latitude: lat))
        }
    }

    /// `GeoData/ticket-prices.csv` (none if the file is absent: every price is then unknown).
    public func ticketPrices() throws -> [TicketPrice] {
        let url = geoData.appendingPathComponent("ticket-prices.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try TicketPrice.read(path: url.path, name: "GeoData/ticket-prices.csv")
    }

    /// Builds the store's content from the files: sites and towns in one transaction, then the
    /// ticket prices (every file is read and checked before anything is written).
    public func load(into store: SiteStore) throws -> (sites: Int, towns: Int) {
        let sites = try sites(), towns = try towns(), prices = try ticketPrices()
        try store.replaceAll(sites: sites, towns: towns, asOf: try asOf())
        try store.replaceTicketPrices(prices, asOf: try asOf())
        return (sites.count, towns.count)
    }
}
