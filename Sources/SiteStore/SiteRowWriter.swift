import Foundation
import GRDB
import GRDBSQLite

/// A value to bind (what the site columns hold).
enum SQLValue: Sendable {
    case null, integer(Int64), real(Double), text(String), blob(Data)
}

/// Writes site rows and their search entries through statements prepared once and bound with
/// SQLite's C API.
///
/// This is a measured hot path: on a 100,000-site import GRDB's per-row argument arrays and
/// statement-cache lookups (hashing a 30-column SQL string three times a row) took about as
/// long as SQLite's own work.
final class SiteRowWriter {
    private let db: Database
    private let insertSite, updateSite, deleteSearch, insertSearch: Statement

    init(_ db: Database) throws {
        self.db = db
        insertSite = try db.makeStatement(sql: SQL.insertSite)
        updateSite = try db.makeStatement(sql: SQL.updateSite)
        deleteSearch = try db.makeStatement(sql: "DELETE FROM site_search WHERE rowid = ?")
        insertSearch = try db.makeStatement(sql: "INSERT INTO site_search (rowid, id, names, pinyin) VALUES (?, ?, ?, ?)")
    }

    /// Inserts (fid nil) or replaces the row `fid`, and its search entry; returns the row's fid.
    /// The search entry's rowid is the site's fid: FTS5 finds a rowid directly, while a DELETE by
    /// the unindexed id column scans the whole index (a 20,000-site re-import took 4 minutes).
    @discardableResult
    func write(_ row: RowValues, fid: Int64?) throws -> Int64 {
        let rowid: Int64
        if let fid {
            try run(updateSite, row.columns, then: .integer(fid))
            try run(deleteSearch, [], then: .integer(fid))
            rowid = fid
        } else {
            try run(insertSite, row.columns)
            rowid = db.lastInsertedRowID
        }
        try run(insertSearch, [.integer(rowid)] + row.search)
        return rowid
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func run(_ statement: Statement, _ values: [SQLValue], then last: SQLValue? = nil) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        var index: Int32 = 1
        for value in values { bind(value, at: index, in: s); index += 1 }
        if let last { bind(last, at: index, in: s) }
        let code = sqlite3_step(s)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(s)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    private func bind(_ value: SQLValue, at i: Int32, in s: OpaquePointer) {
        switch value {
        case .null: sqlite3_bind_null(s, i)
        case let .integer(v): sqlite3_bind_int64(s, i, v)
        case let .real(v): sqlite3_bind_double(s, i, v)
        case let .text(v): _ = v.withCString { sqlite3_bind_text(s, i, $0, -1, Self.transient) }
        case let .blob(v): _ = v.withUnsafeBytes { sqlite3_bind_blob(s, i, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }
}
