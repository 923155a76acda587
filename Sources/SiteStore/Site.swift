import Foundation
import GeoCore

/// A place a group can visit (or that a plan must know about), as stored in the `sites` layer.
///
/// Optional fields are nil where no source says anything: the store never fills a gap with a
/// guess (per-kind defaults are marked as such in `visitMinutesSource`).
public struct Site: Hashable, Sendable {
    /// Stable readable slug, e.g. `im-hhht-dazhao-temple`.
    public var id: String
    public var nameZh: String?
    public var nameEn: String?
    /// One of `Site.kinds`.
    public var kind: String
    /// The source's own words for the kind.
    public var kindDetail: String?
    public var themes: [String]
    public var league: String?
    public var leagueZh: String?
    public var banner: String?
    /// The historical period, as the source words it (e.g. 辽, 新石器时代, 1947年).
    public var period: String?
    /// The titles the site was named with, in the sources' words (e.g. "national ethnic-unity
    /// model community (10th batch)"); `designations` is the structured list.
    public var designation: String?
    public var designations: [Designation] = []
    /// One of `Site.statuses`.
    public var status: String
    /// One of `Site.visitabilities`.
    public var visitable: String
    public var highlight: String?
    /// OpenStreetMap `opening_hours` syntax.
    public var openingHours: String?
    public var openingHoursNote: String?
    public var visitMinutes: Int?
    public var visitMinutesSource: String?
    public var groupCapacity: Int?
    /// Whether a group larger than `groupCapacity` may visit in successive waves of at most
    /// that many (nil: the data does not say, so a larger group is not planned there).
    public var groupWaves: Bool?
    public var coordinate: Coordinate
    /// Precision class of the coordinate, e.g. `town (~5 km)`.
    public var precision: String?
    public var coordSource: String?
    public var locationNote: String?
    public var facts: String?
    public var factSources: String?
    public var verification: String?
    public var seedMention: String?
    /// Other names the site is known by, above all the names official lists give it
    /// (`王昭君墓` for 昭君墓（昭君博物院）); search finds the site by each.
    public var aliases: [SiteAlias] = []

    public static let kinds: Set<String> = [
        "museum", "community", "heritage-town", "education-base", "memorial", "scenic-area", "village", "street",
        "art-troupe", "temple", "archaeological-site", "nature-park", "geopark", "landmark", "industrial-heritage",
        "space-site", "historic-site", "institution", "tomb", "historic-building", "grotto-carving", "lodging", "camp",
        "other"
    ]
    public static let statuses: Set<String> = ["active", "under-review", "withdrawn"]
    public static let visitabilities: Set<String> = ["yes", "no", "restricted"]

    public init(id: String, nameZh: String? = nil, nameEn: String? = nil, kind: String, coordinate: Coordinate) {
        self.id = id; self.nameZh = nameZh; self.nameEn = nameEn; self.kind = kind; self.coordinate = coordinate
        themes = []; status = "active"; visitable = "yes"
    }

    /// The best name for people: Chinese, else English, else the id.
    public var displayName: String { nameZh ?? nameEn ?? id }

    /// Every name the site goes by: its own, then its aliases (for search and its ranking).
    public var allNames: [String] { [nameZh, nameEn].compactMap { $0 } + aliases.map(\.name) }
}

/// The attribute columns in their canonical order: CSV header, GeoJSON properties, SQL table.
/// Coordinates are not here: they are the geometry (and `lon`, `lat` in CSV).
public enum SiteColumn: String, CaseIterable, Sendable {
    case id, nameZh = "name_zh", nameEn = "name_en", kind, kindDetail = "kind_detail", themes, league
    case leagueZh = "league_zh", banner, period, designation, designations, status, visitable, highlight
    case openingHours = "opening_hours", openingHoursNote = "opening_hours_note", visitMinutes = "visit_minutes"
    case visitMinutesSource = "visit_minutes_source", groupCapacity = "group_capacity", precision
    case coordSource = "coord_source", locationNote = "location_note", facts, factSources = "fact_sources"
    case verification, seedMention = "seed_mention", aliases, groupWaves = "group_waves"

    var isInteger: Bool {
        switch self {
        case .visitMinutes, .groupCapacity: true
        default: false
        }
    }
}

extension Site {
    /// Text of one attribute, as written to CSV (`themes` joined with `;`, nil as "").
    public func text(_ column: SiteColumn) -> String? {
        switch column {
        case .id: id
        case .nameZh: nameZh
        case .nameEn: nameEn
        case .kind: kind
        case .kindDetail: kindDetail
        case .themes: themes.isEmpty ? nil : themes.joined(separator: ";")
        case .league: league
        case .leagueZh: leagueZh
        case .banner: banner
        case .period: period
        case .designation: designation
        case .designations: Designation.text(designations)
        case .status: status
        case .visitable: visitable
        case .highlight: highlight
        case .openingHours: openingHours
        case .openingHoursNote: openingHoursNote
        case .visitMinutes: visitMinutes.map(String.init)
        case .visitMinutesSource: visitMinutesSource
        case .groupCapacity: groupCapacity.map(String.init)
        case .precision: precision
        case .coordSource: coordSource
        case .locationNote: locationNote
        case .facts: facts
        case .factSources: factSources
        case .verification: verification
        case .seedMention: seedMention
        case .aliases: SiteAlias.text(aliases)
        case .groupWaves: groupWaves.map { $0 ? "yes" : "no" }
        }
    }

    /// Builds and validates a site from text fields (CSV cells, GeoJSON properties, table rows).
    /// Unknown keys are ignored by the caller; empty text means "no value".
    /// - Throws: `SiteFieldError` naming the first bad field.
    public init(fields: [String: String], coordinate: Coordinate) throws(SiteFieldError) {
        try self.init(coordinate: coordinate, cells: SiteColumn.allCases.map { fields[$0.rawValue] })
    }

    /// The same from one cell per column, in `SiteColumn.allCases` order (nil or blank: no value).
    /// One pass with a switch per column: looking each column up by name (String-hashed enum
    /// keys) and Character-level splitting were most of reading 100,000 CSV rows.
    public init(coordinate: Coordinate, cells: [String?]) throws(SiteFieldError) {
        precondition(cells.count == SiteColumn.allCases.count, "one cell per SiteColumn")
        self.init(id: "", kind: "", coordinate: coordinate)
        var kind: String?
        for (column, cell) in zip(SiteColumn.allCases, cells) {
            guard let cell, !cell.isEmpty else { continue }
            let v = trimmedSpaces(cell)
            guard !v.isEmpty else { continue }
            switch column {
            case .id: id = try Self.checkedID(v)
            case .nameZh: nameZh = v
            case .nameEn: nameEn = v
            case .kind: kind = try Self.oneOf(v, column, Site.kinds)
            case .kindDetail: kindDetail = v
            case .themes: themes = Self.themeList(v)
            case .league: league = v
            case .leagueZh: leagueZh = v
            case .banner: banner = v
            case .period: period = v
            case .designation: designation = v
            case .designations: designations = try Designation.list(v)
            case .status: status = try Self.oneOf(v, column, Site.statuses)
            case .visitable: visitable = try Self.oneOf(v, column, Site.visitabilities)
            case .highlight: highlight = v
            case .openingHours: openingHours = v
            case .openingHoursNote: openingHoursNote = v
            case .visitMinutes: visitMinutes = try Self.integer(v, column, 0...1440)
            case .visitMinutesSource: visitMinutesSource = v
            case .groupCapacity: groupCapacity = try Self.integer(v, column, 0...1_000_000)
            case .precision: precision = v
            case .coordSource: coordSource = v
            case .locationNote: locationNote = v
            case .facts: facts = v
            case .factSources: factSources = v
            case .verification: verification = v
            case .seedMention: seedMention = v
            case .aliases: aliases = try SiteAlias.list(v)
            case .groupWaves:
                guard v == "yes" || v == "no" else {
                    throw SiteFieldError(field: column.rawValue, reason: "'\(v)' is not one of no, yes")
                }
                groupWaves = v == "yes"
            }
        }
        guard !id.isEmpty else { throw SiteFieldError(field: "id", reason: "missing (every site needs a stable id)") }
        guard nameZh != nil || nameEn != nil else {
            throw SiteFieldError(field: "name_zh", reason: "missing (a site needs name_zh or name_en)")
        }
        guard let kind else {
            throw SiteFieldError(
                field: "kind", reason: "missing (one of \(Site.kinds.sorted().joined(separator: ", ")))")
        }
        self.kind = kind
    }

    private static func checkedID(_ id: String) throws(SiteFieldError) -> String {
        // Bytes, not Characters: Unicode property lookups per character were a visible part of
        // reading 100,000 sites.
        guard id.utf8.count <= 100,
            id.utf8.allSatisfy({ b in
                (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D
                    || b == 0x5F || b == 0x2E
            })
        else {
            throw SiteFieldError(
                field: "id", reason: "'\(id)' must be ASCII letters, digits, '-', '_' or '.' (at most 100)")
        }
        return id
    }

    private static func integer(_ text: String, _ c: SiteColumn, _ range: ClosedRange<Int>) throws(SiteFieldError)
        -> Int
    {
        guard let n = Int(text) ?? Double(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }) else {
            throw SiteFieldError(field: c.rawValue, reason: "'\(text)' is not a whole number")
        }
        guard range.contains(n) else {
            throw SiteFieldError(
                field: c.rawValue, reason: "\(n) out of range (\(range.lowerBound)…\(range.upperBound))")
        }
        return n
    }

    private static func oneOf(_ v: String, _ c: SiteColumn, _ allowed: Set<String>) throws(SiteFieldError) -> String {
        guard allowed.contains(v) else {
            throw SiteFieldError(
                field: c.rawValue, reason: "'\(v)' is not one of \(allowed.sorted().joined(separator: ", "))")
        }
        return v
    }

    /// `heritage; red-education` → ["heritage", "red-education"] (split on bytes: ';' is ASCII).
    static func themeList(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: ";")).compactMap { part in
            let theme = trimmedSpaces(String(Substring(part)))
            return theme.isEmpty ? nil : theme
        }
    }

    /// GeoJSON/JSON properties in column order, exactly as the GeoPackage stores them (so
    /// `ogr2ogr` output of the layer has the same attributes): integers as numbers, `themes` as
    /// the `;`-separated text.
    public var properties: JSONObject {
        var p = JSONObject()
        for c in SiteColumn.allCases {
            if c.isInteger {
                p[c.rawValue] = text(c).flatMap(Double.init).map(JSONValue.number) ?? .null
            } else {
                p[c.rawValue] = text(c).map(JSONValue.string) ?? .null
            }
        }
        return p
    }

    public var feature: Feature {
        Feature(id: .string(id), geometry: .point(Position(coordinate)), properties: properties)
    }
}
