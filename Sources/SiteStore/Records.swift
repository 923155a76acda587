import Foundation
import GeoCore
import GRDB

/// A populated place from GeoNames, used as a town layer, overnight stop and search anchor.
public struct Town: Hashable, Sendable {
    public var geonameID: Int
    public var name: String
    public var nameZh: String?
    public var population: Int?
    public var alternateNames: String?
    public var coordinate: Coordinate

    public init(geonameID: Int, name: String, nameZh: String?, population: Int?, alternateNames: String?, coordinate: Coordinate) {
        self.geonameID = geonameID; self.name = name; self.nameZh = nameZh
        self.population = population; self.alternateNames = alternateNames; self.coordinate = coordinate
    }
}

extension Town: FetchableRecord {
    public init(row: Row) throws {
        geonameID = row["geonameid"]; name = row["name"]; nameZh = row["name_zh"]
        population = row["population"]; alternateNames = row["alternatenames"]
        coordinate = try pointCoordinate(row["geom"])
    }
}

extension Site: FetchableRecord {
    /// Rows were validated when written, so reading maps columns straight to fields (this is the
    /// hot path of every query).
    public init(row: Row) throws {
        self.init(id: row["id"], nameZh: row["name_zh"], nameEn: row["name_en"], kind: row["kind"],
                  coordinate: try pointCoordinate(row["geom"]))
        kindDetail = row["kind_detail"]
        let themeText: String? = row["themes"]
        themes = themeText.map { $0.split(separator: ";").map(String.init) } ?? []
        league = row["league"]; leagueZh = row["league_zh"]; banner = row["banner"]
        designation = row["designation"]; designationLevel = row["designation_level"]
        designationYear = row["designation_year"]; reviewDueYear = row["review_due_year"]
        status = row["status"] ?? "active"; visitable = row["visitable"] ?? "yes"
        highlight = row["highlight"]; openingHours = row["opening_hours"]; openingHoursNote = row["opening_hours_note"]
        visitMinutes = row["visit_minutes"]; visitMinutesSource = row["visit_minutes_source"]; groupCapacity = row["group_capacity"]
        precision = row["precision"]; coordSource = row["coord_source"]; locationNote = row["location_note"]
        facts = row["facts"]; factSources = row["fact_sources"]; verification = row["verification"]; seedMention = row["seed_mention"]
    }
}

func pointCoordinate(_ blob: Data?) throws -> Coordinate {
    guard let blob else { throw GeoPackageBinaryError.truncated }
    let bytes = [UInt8](blob)
    let header = try GeoPackageBinary.header(bytes)
    if let p = GeoPackageBinary.point(bytes, wkbOffset: header.wkbOffset) {
        return Coordinate(uncheckedLongitude: p.x, latitude: p.y)
    }
    guard case let .point(p) = try WKB.decode(bytes, offset: header.wkbOffset) else { throw GeoPackageBinaryError.notGeoPackageBinary }
    return p.coordinate
}
