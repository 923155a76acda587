import Foundation

/// One title a site holds: a scheme (national key cultural relic, 5A scenic area, an ethnic-unity
/// showcase, …), its level, and when. A site holds several: Da Zhao is a national key relic and
/// part of a showcase route; a list per site keeps each scheme's own year, batch and review.
///
/// Written as text in one column (CSV cell, GeoPackage attribute, GeoJSON property), entries
/// separated by `; `, so the layer stays one table that QGIS and a spreadsheet read as they are:
/// `national-key-relic national 2006 batch=6; showcase league 2023 review=2026`
/// (scheme, level, then optional year, `batch=`, `review=` for the year re-verification is due).
public struct Designation: Hashable, Sendable {
    /// One of `Designation.schemes`.
    public var scheme: String
    /// One of `Designation.levels`.
    public var level: String
    public var year: Int?
    public var batch: Int?
    /// Where the scheme re-verifies its units (showcases): the year the next review is due.
    public var reviewDueYear: Int?

    public init(scheme: String, level: String, year: Int? = nil, batch: Int? = nil, reviewDueYear: Int? = nil) {
        self.scheme = scheme; self.level = level; self.year = year; self.batch = batch;
        self.reviewDueYear = reviewDueYear
    }

    /// The schemes: `showcase` is the ethnic-unity showcase title the registry started with (and
    /// what a migrated database calls an old single designation); the others are public lists.
    public static let schemes: Set<String> = [
        "showcase", "ethnic-unity-model", "patriotic-education-base", "national-key-relic", "regional-key-relic",
        "5a-scenic-area", "intangible-heritage-tourism", "world-heritage"
    ]
    public static let levels: Set<String> = ["world", "national", "autonomous-region", "league", "banner", "unstated"]

    public var text: String {
        var parts = [scheme, level]
        if let year { parts.append(String(year)) }
        if let batch { parts.append("batch=\(batch)") }
        if let reviewDueYear { parts.append("review=\(reviewDueYear)") }
        return parts.joined(separator: " ")
    }

    /// The list as stored: entries joined with `; `.
    public static func text(_ list: [Designation]) -> String? {
        list.isEmpty ? nil : list.map(\.text).joined(separator: "; ")
    }

    /// Parses the stored text; the error says which entry and word is wrong.
    public static func list(_ text: String) throws(SiteFieldError) -> [Designation] {
        var out: [Designation] = []
        for entry in text.split(separator: ";") {
            let words = entry.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            func fail(_ why: String) -> SiteFieldError {
                SiteFieldError(
                    field: "designations",
                    reason:
                        "\"\(entry.trimmingCharacters(in: .whitespaces))\": \(why) (write e.g. \"national-key-relic national 2006 batch=6\")"
                )
            }
            guard schemes.contains(words[0]) else {
                throw fail("scheme '\(words[0])' is not one of \(schemes.sorted().joined(separator: ", "))")
            }
            guard words.count >= 2, levels.contains(words[1]) else {
                throw fail("the level after the scheme must be one of \(levels.sorted().joined(separator: ", "))")
            }
            var d = Designation(scheme: words[0], level: words[1])
            for word in words.dropFirst(2) {
                if let y = Int(word), (1900...2100).contains(y), d.year == nil {
                    d.year = y
                } else if word.hasPrefix("batch="), let b = Int(word.dropFirst(6)), (1...100).contains(b) {
                    d.batch = b
                } else if word.hasPrefix("review="), let y = Int(word.dropFirst(7)), (1900...2200).contains(y) {
                    d.reviewDueYear = y
                } else {
                    throw fail("'\(word)' is not a year, batch=N or review=YEAR")
                }
            }
            out.append(d)
        }
        return out
    }
}

extension Site {
    /// The highest level among the site's designations (none: nil), for scoring.
    public var highestLevel: String? {
        let order = ["world", "national", "autonomous-region", "league", "banner", "unstated"]
        return designations.map(\.level).min { (order.firstIndex(of: $0) ?? 9) < (order.firstIndex(of: $1) ?? 9) }
    }

    /// The earliest review due among the site's designations.
    public var reviewDueYear: Int? { designations.compactMap(\.reviewDueYear).min() }
}
