import Foundation
import GeoCore
import SiteStore

/// Site queries, shared by `showcase sites …` and the sites collection over HTTP.
extension Workspace {
    /// Sites matching every given filter; unknown kinds, levels and statuses are errors that list
    /// the known ones.
    public func sites(_ filter: SiteFilter) throws -> [Site] {
        try Self.validate(filter)
        return try store.sites(filter)
    }

    public static func validate(_ filter: SiteFilter) throws {
        let checks = [
            ("kind", filter.kind, Site.kinds), ("level", filter.level, Designation.levels),
            ("status", filter.status, Site.statuses),
            ("scheme", filter.scheme, Designation.schemes)
        ]
        for (field, value, known) in checks {
            if let value, !known.contains(value) {
                throw FieldError(field, "\"\(value)\" is not known; one of \(known.sorted().joined(separator: ", "))")
            }
        }
    }

    public func site(id: String) throws -> Site {
        guard let site = try store.site(id: id) else { throw StoreError.noSuchSite(id) }
        return site
    }

    /// Sites within `radiusKm` of `center`, nearest first, with their distance in metres.
    public func sites(near center: Coordinate, radiusKm: Double, limit: Int?) throws -> [(
        site: Site, distanceMeters: Double
    )] {
        guard radiusKm > 0, radiusKm <= 20_000 else {
            throw FieldError("radius_km", "must be in (0, 20000], got \(radiusKm)")
        }
        return try store.sites(near: center, radiusMeters: radiusKm * 1000, limit: limit)
    }

    /// Adds or updates sites read by `SiteImport`, all or nothing, recorded in the history as
    /// `editor`'s import.
    public func importSites(_ read: SiteFileReader.Result, by editor: String) throws -> SiteImportResult {
        let (inserted, updated) = try store.upsert(read.sites, by: editor)
        return SiteImportResult(
            read: read.sites.count, inserted: inserted, updated: updated, ignoredFields: read.ignoredFields)
    }
}

/// Reading sites to import: the whole file is checked before any database is opened, so a bad
/// file leaves the database file byte for byte as it was.
public enum SiteImport {
    /// A CSV, GeoJSON or GeoPackage file.
    public static func read(path: String, crs: String? = nil) throws -> SiteFileReader.Result {
        try SiteFileReader.read(path: path, crs: crs)
    }

    /// A body's bytes: CSV when the media type says so or the text does not start as JSON does.
    public static func read(data: Data, name: String, mediaType: String?, crs: String? = nil) throws
        -> SiteFileReader.Result
    {
        let type = (mediaType ?? "").lowercased()
        let looksLikeJSON = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) } == UInt8(ascii: "{")
        let format: SiteFileReader.TextFormat =
            type.hasPrefix("text/csv") ? .csv : type.contains("json") || looksLikeJSON ? .geojson : .csv
        return try SiteFileReader.read(data: data, name: name, format: format, crs: crs)
    }
}

public struct SiteImportResult: Sendable {
    public var read, inserted, updated: Int
    /// Columns or properties that are not site fields.
    public var ignoredFields: [String]

    public var json: String {
        JSONWriter.string(
            .object([
                "inserted": .number(Double(inserted)), "updated": .number(Double(updated)),
                "ignored_fields": .array(ignoredFields.map(JSONValue.string))
            ])) + "\n"
    }
}

/// Parses `LON,LAT`.
public func parsePoint(_ text: String, field: String) throws -> Coordinate {
    let parts = text.split(separator: ",")
    guard parts.count == 2, let lon = parseDecimal(parts[0].trimmingCharacters(in: .whitespaces)),
        let lat = parseDecimal(parts[1].trimmingCharacters(in: .whitespaces))
    else {
        throw FieldError(field, "'\(text)' is not LON,LAT (e.g. 111.65,40.81)")
    }
    return try Coordinate(longitude: lon, latitude: lat)
}
