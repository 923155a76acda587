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
    public init(row: Row) throws {
        var fields: [String: String] = [:]
        for c in SiteColumn.allCases {
            if c.isInteger { if let n: Int = row[c.rawValue] { fields[c.rawValue] = String(n) } }
            else if let s: String = row[c.rawValue] { fields[c.rawValue] = s }
        }
        try self.init(fields: fields, coordinate: try pointCoordinate(row["geom"]))
    }
}

func pointCoordinate(_ blob: Data?) throws -> Coordinate {
    guard let blob else { throw GeoPackageBinaryError.truncated }
    let (geometry, _) = try GeoPackageBinary.decode([UInt8](blob))
    guard case let .point(p) = geometry else { throw GeoPackageBinaryError.notGeoPackageBinary }
    return p.coordinate
}
