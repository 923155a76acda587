import Foundation
import GeoCore
import GRDB
import GRDBSQLite

/// Writes site rows and their search entries through statements prepared once and bound with
/// SQLite's C API, straight from the `Site` values.
///
/// This is a measured hot path: on a 100,000-site import GRDB's per-row argument arrays and
/// statement-cache lookups (hashing a 30-column SQL string three times a row), and later an
/// array of values per row built before the transaction (and freed after it), took about as long
/// as SQLite's own work.
final class SiteRowWriter {
    private let db: Database
    private let insertSite, insertSites, updateSite, deleteSearch, insertSearch: Statement
    /// The fid the next inserted row gets: what AUTOINCREMENT would pick (past the largest fid
    /// ever used), assigned here so callers know every fid without asking SQLite per row.
    private(set) var nextFid: Int64

    /// Rows per INSERT statement when writing many: one statement per row paid SQLite's
    /// per-statement work (AUTOINCREMENT's bookkeeping among it) for every row, which made
    /// 100,000 rows take 5× as long as one INSERT … SELECT of them.
    static let rowsPerStatement = 50

    init(_ db: Database) throws {
        self.db = db
        insertSite = try db.makeStatement(sql: SQL.insertSites(rows: 1))
        insertSites = try db.makeStatement(sql: SQL.insertSites(rows: Self.rowsPerStatement))
        updateSite = try db.makeStatement(sql: SQL.updateSite)
        deleteSearch = try db.makeStatement(sql: "DELETE FROM site_search WHERE rowid = ?")
        insertSearch = try db.makeStatement(sql: "INSERT INTO site_search (rowid, id, names, pinyin) VALUES (?, ?, ?, ?)")
        nextFid = try Int64.fetchOne(db, sql: """
            SELECT max(coalesce((SELECT max(fid) FROM sites), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sites'), 0)) + 1
            """)!
    }

    /// Inserts a new row (not its search entry: `insertSearchEntry`); returns its fid.
    func insert(_ site: Site) throws -> Int64 {
        let fid = nextFid
        let s = insertSite.sqliteStatement
        sqlite3_reset(s)
        sqlite3_bind_int64(s, 1, fid)
        bindColumns(site, from: 2, s)
        try step(insertSite)
        nextFid += 1
        return fid
    }

    /// Inserts `sites[i]` for each i of `indices` (not their search entries) with the fids
    /// `nextFid`, `nextFid + 1`, ….
    func insert(_ sites: [Site], at indices: [Int]) throws {
        var rest = indices[...]
        while rest.count >= Self.rowsPerStatement {
            let s = insertSites.sqliteStatement
            sqlite3_reset(s)
            var p: Int32 = 1
            for (k, i) in rest.prefix(Self.rowsPerStatement).enumerated() {
                sqlite3_bind_int64(s, p, nextFid + Int64(k))
                p = bindColumns(sites[i], from: p + 1, s)
            }
            try step(insertSites)
            nextFid += Int64(Self.rowsPerStatement)
            rest = rest.dropFirst(Self.rowsPerStatement)
        }
        for i in rest { _ = try insert(sites[i]) }
    }

    /// Replaces row `fid` and removes its search entry (to be written again by `insertSearchEntry`).
    func update(_ site: Site, fid: Int64) throws {
        let s = updateSite.sqliteStatement
        sqlite3_reset(s)
        let next = bindColumns(site, from: 1, s)
        sqlite3_bind_int64(s, next, fid)
        try step(updateSite)
        let d = deleteSearch.sqliteStatement
        sqlite3_reset(d)
        sqlite3_bind_int64(d, 1, fid)
        try step(deleteSearch)
    }

    /// The search entry's rowid is the site's fid: FTS5 finds a rowid directly, while a DELETE by
    /// the unindexed id column scans the whole index (a 20,000-site re-import took 4 minutes).
    func insertSearchEntry(_ site: Site, pinyin: String, fid: Int64) throws {
        let s = insertSearch.sqliteStatement
        sqlite3_reset(s)
        sqlite3_bind_int64(s, 1, fid)
        bindText(site.id, 2, s)
        bindText(SiteSearch.names(site), 3, s)
        bindText(pinyin, 4, s)
        try step(insertSearch)
    }

    /// Binds geom and the attribute columns in `SiteColumn` order from parameter `first` on;
    /// returns the next parameter index.
    @discardableResult
    private func bindColumns(_ site: Site, from first: Int32, _ s: OpaquePointer) -> Int32 {
        var i = first
        GeoPackageBinary.encode(.point(Position(site.coordinate))).withUnsafeBytes { b in
            _ = sqlite3_bind_blob(s, i, b.baseAddress, Int32(b.count), Self.transient)
        }
        i += 1
        for c in SiteColumn.allCases {
            switch c {
            case .designationYear: bindInteger(site.designationYear, i, s)
            case .reviewDueYear: bindInteger(site.reviewDueYear, i, s)
            case .visitMinutes: bindInteger(site.visitMinutes, i, s)
            case .groupCapacity: bindInteger(site.groupCapacity, i, s)
            default: assert(!c.isInteger); bindText(site.text(c), i, s)
            }
            i += 1
        }
        return i
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bindInteger(_ value: Int?, _ i: Int32, _ s: OpaquePointer) {
        if let value { sqlite3_bind_int64(s, i, Int64(value)) } else { sqlite3_bind_null(s, i) }
    }

    /// Native strings are contiguous UTF-8: bound with their length (no C-string copy, no strlen).
    private func bindText(_ value: String?, _ i: Int32, _ s: OpaquePointer) {
        guard var value else { sqlite3_bind_null(s, i); return }
        value.withUTF8 { _ = sqlite3_bind_text(s, i, $0.baseAddress, Int32($0.count), Self.transient) }
    }

    private func step(_ statement: Statement) throws {
        let s = statement.sqliteStatement
        let code = sqlite3_step(s)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(s)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}
