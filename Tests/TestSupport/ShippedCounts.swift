import Foundation

/// How many sites `GeoData/sites.csv` ships (rows, by Python's csv module): tests compare the
/// database, the API and GDAL with the file rather than with a number that the data outgrows.
public func shippedSiteCount() throws -> Int {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let out = try toolOutput([
        "python3", "-c", "import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding='utf-8'))))",
        root.appendingPathComponent("GeoData/sites.csv").path
    ])
    guard let n = Int(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw ToolError(message: "could not count GeoData/sites.csv")
    }
    return n
}

/// `shippedSiteCount()`, read once (-1 if the file cannot be read: every count check then fails).
public let shippedSites: Int = (try? shippedSiteCount()) ?? -1
