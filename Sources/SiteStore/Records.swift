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

    public init(
        geonameID: Int, name: String, nameZh: String?, population: Int?, alternateNames: String?, coordinate: Coordinate
    ) {
        self.geonameID = geonameID; self.name = name; self.nameZh = nameZh
        self.population = population; self.alternateNames = alternateNames; self.coordinate = coordinate
    }

    /// The first of the Chinese names that is Chinese: GeoNames lists Japanese forms (kana)
    /// and Korean ones (hangul) among them, sometimes first (Hohhot's first is フフホト市).
    public var chineseLabel: String? {
        nameZh?.split(separator: "|").map(String.init).first { name in
            !name.unicodeScalars.contains {
                (0x3040...0x30FF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value)
                    || (0x1100...0x11FF).contains($0.value)
            }
        }
    }
}

extension Town: FetchableRecord {
    public init(row: Row) throws {
        geonameID = row["geonameid"]; name = row["name"]; nameZh = row["name_zh"]
        population = row["population"]; alternateNames = row["alternatenames"]
        coordinate = try pointCoordinate(row["geom"])
    }
}

extension Site {
    /// The columns `init(stored:)` reads, in its order (geom, then `SiteColumn.allCases`): the
    /// select list of every query of sites (`s.`-qualified for joins).
    static let storedColumns = SQL.quotedColumns.joined(separator: ", ")
    static let storedColumnsOfS = SQL.quotedColumns.map { "s." + $0 }.joined(separator: ", ")

    /// Decodes a row selected with `storedColumns`, by position: looking each of 29 columns up by
    /// name (GRDB hashes the name every time) was most of a query's own time. Rows were
    /// validated when written, so columns map straight to fields (the hot path of every query).
    init(stored row: Row) throws {
        self.init(id: "", kind: "", coordinate: try pointCoordinate(row[0]))
        for (k, c) in SiteColumn.allCases.enumerated() {
            let i = k + 1
            switch c {
            case .id: id = row[i]
            case .nameZh: nameZh = row[i]
            case .nameEn: nameEn = row[i]
            case .kind: kind = row[i]
            case .kindDetail: kindDetail = row[i]
            case .themes: themes = (row[i] as String?).map(Self.themeList) ?? []
            case .league: league = row[i]
            case .leagueZh: leagueZh = row[i]
            case .banner: banner = row[i]
            case .period: period = row[i]
            case .designation: designation = row[i]
            // Validated when written; a row another tool broke reads as no designations.
            case .designations: designations = (row[i] as String?).flatMap { try? Designation.list($0) } ?? []
            case .status: status = row[i] ?? "active"
            case .visitable: visitable = row[i] ?? "yes"
            case .highlight: highlight = row[i]
            case .openingHours: openingHours = row[i]
            case .openingHoursNote: openingHoursNote = row[i]
            case .visitMinutes: visitMinutes = row[i]
            case .visitMinutesSource: visitMinutesSource = row[i]
            case .groupCapacity: groupCapacity = row[i]
            case .precision: precision = row[i]
            case .coordSource: coordSource = row[i]
            case .locationNote: locationNote = row[i]
            case .facts: facts = row[i]
            case .factSources: factSources = row[i]
            case .verification: verification = row[i]
            case .seedMention: seedMention = row[i]
            // As designations: a row another tool broke reads as no aliases.
            case .aliases: aliases = (row[i] as String?).flatMap { try? SiteAlias.list($0) } ?? []
            case .groupWaves: groupWaves = (row[i] as String?).map { $0 == "yes" }
            }
        }
    }

    /// Every site a statement selects (with `storedColumns`).
    static func fetchAll(_ statement: Statement, arguments: StatementArguments = StatementArguments()) throws -> [Site]
    {
        var sites: [Site] = []
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { sites.append(try Site(stored: row)) }
        return sites
    }
}

func pointCoordinate(_ blob: Data?) throws -> Coordinate {
    guard let blob else { throw GeoPackageBinaryError.truncated }
    let bytes = [UInt8](blob)
    let header = try GeoPackageBinary.header(bytes)
    if let p = GeoPackageBinary.point(bytes, wkbOffset: header.wkbOffset) {
        return Coordinate(uncheckedLongitude: p.x, latitude: p.y)
    }
    guard case let .point(p) = try WKB.decode(bytes, offset: header.wkbOffset) else {
        throw GeoPackageBinaryError.notGeoPackageBinary
    }
    return p.coordinate
}
