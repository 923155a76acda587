import Foundation
import GRDB

/// What a site charges for admission, as one source published it (`GeoData/ticket-prices.csv`,
/// the `ticket_prices` attribute table). A price no source gives is nil: unknown, never 0.
public struct TicketPrice: Sendable, Equatable {
    public var siteID: String
    /// Full price in CNY; 0 for free admission; nil if no source gives it.
    public var adultCNY: Double?
    /// The price a school pupil pays (the site's own student or minor price, often half); nil
    /// if the source does not give one.
    public var studentCNY: Double?
    /// Who enters free, in the source's words.
    public var freeCategories: String?
    public var source: String
    /// When the source said so (a date, or "undated").
    public var asOf: String
    public var confidence: String?
    public var note: String?

    public init(
        siteID: String, adultCNY: Double?, studentCNY: Double?, source: String, asOf: String,
        freeCategories: String? = nil, confidence: String? = nil, note: String? = nil
    ) {
        self.siteID = siteID; self.adultCNY = adultCNY; self.studentCNY = studentCNY; self.source = source
        self.asOf = asOf; self.freeCategories = freeCategories; self.confidence = confidence; self.note = note
    }

    /// The file's columns, in order.
    public static let columns = [
        "site_id", "adult_cny", "student_cny", "free_categories", "source", "as_of", "confidence", "note"
    ]

    /// Reads `ticket-prices.csv`; a bad row stops the read with its line and field
    /// (`ticket-prices.csv:7: adult_cny '35元' is not a price in CNY`).
    public static func read(path: String, name: String) throws -> [TicketPrice] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let table: CSVTable
        do { table = try CSVTable(text: text) } catch {
            throw SiteImportError(file: name, location: nil, reason: "not a CSV table (\(error))")
        }
        guard table.header == columns else {
            throw SiteImportError(
                file: name, location: "line 1",
                reason:
                    "the header must be \(columns.joined(separator: ",")) (got \(table.header.joined(separator: ",")))")
        }
        var seen = Set<String>()
        return try table.records.map { record in
            let f = record.fields.map { trimmedSpaces($0) }
            func fail(_ reason: String) -> SiteImportError {
                SiteImportError(file: name, location: "line \(record.line)", reason: reason)
            }
            func price(_ i: Int) throws -> Double? {
                guard !f[i].isEmpty else { return nil }
                guard let v = Double(f[i]), v >= 0, v < 100_000 else {
                    throw fail("\(columns[i]) '\(f[i])' is not a price in CNY (a number ≥ 0, or empty if unknown)")
                }
                return v
            }
            guard !f[0].isEmpty else { throw fail("site_id is missing") }
            guard seen.insert(f[0]).inserted else { throw fail("site \(f[0]) has a second row") }
            guard !f[4].isEmpty, !f[5].isEmpty else {
                throw fail("every price needs its source and as_of (a date, or undated)")
            }
            func optional(_ i: Int) -> String? { f[i].isEmpty ? nil : f[i] }
            return TicketPrice(
                siteID: f[0], adultCNY: try price(1), studentCNY: try price(2), source: f[4], asOf: f[5],
                freeCategories: optional(3), confidence: optional(6), note: optional(7))
        }
    }
}

extension TicketPrice: FetchableRecord {
    public init(row: Row) throws {
        siteID = row["site_id"]; adultCNY = row["adult_cny"]; studentCNY = row["student_cny"]
        freeCategories = row["free_categories"]; source = row["source"]; asOf = row["as_of"]
        confidence = row["confidence"]; note = row["note"]
    }
}

extension SiteStore {
    /// Every site's ticket prices, by site id (sites without a row are not in it).
    public func ticketPrices() throws -> [String: TicketPrice] {
        let rows = try ticketPriceRows()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.siteID, $0) })
    }

    /// The ticket prices in their stored order.
    func ticketPriceRows() throws -> [TicketPrice] {
        if let remote { return try remote.ticketPrices() }
        return try writer.read { db in try TicketPrice.fetchAll(db, sql: "SELECT * FROM ticket_prices ORDER BY fid") }
    }

    /// Replaces the ticket prices (one transaction); every row's site must exist.
    public func replaceTicketPrices(_ prices: [TicketPrice], asOf: String) throws {
        if let remote { return try remote.replaceTicketPrices(prices, asOf: asOf) }
        try writer.write { db in try writeTicketPrices(prices, asOf: asOf, db) }
    }

    /// The body of `replaceTicketPrices`, inside the caller's transaction.
    func writeTicketPrices(_ prices: [TicketPrice], asOf: String, _ db: Database) throws {
        do {
            try db.execute(sql: "DELETE FROM ticket_prices")
            for p in prices {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sites WHERE id = ?", arguments: [p.siteID]) == true
                else {
                    throw SiteImportError(
                        file: "ticket_prices", location: nil, reason: "unknown site id \"\(p.siteID)\"")
                }
                try db.execute(
                    sql: """
                        INSERT INTO ticket_prices (site_id, adult_cny, student_cny, free_categories, source, as_of,
                          confidence, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        p.siteID, p.adultCNY, p.studentCNY, p.freeCategories, p.source, p.asOf, p.confidence, p.note
                    ])
            }
            try db.execute(
                sql: "UPDATE gpkg_contents SET last_change = ? WHERE table_name = 'ticket_prices'", arguments: [asOf])
        }
    }
}
