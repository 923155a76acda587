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
    /// per-statement work (AUTOINCREMENT's bookkeeping among it) for every row (100,000 rows:
    /// 1.0 → 0.67 s with 50 per statement).
    static let rowsPerStatement = 50

    init(_ db: Database) throws {
        self.db = db
        insertSite = try db.makeStatement(sql: SQL.insertSites(rows: 1))
        insertSites = try db.makeStatement(sql: SQL.insertSites(rows: Self.rowsPerStatement))
        updateSite = try db.makeStatement(sql: SQL.updateSite)
        deleteSearch = try db.makeStatement(sql: "DELETE FROM site_search WHERE rowid = ?")
        insertSearch = try db.makeStatement(
            sql: "INSERT INTO site_search (rowid, id, names, pinyin) VALUES (?, ?, ?, ?)")
        nextFid = try Int64.fetchOne(
            db,
            sql: """
                SELECT max(coalesce((SELECT max(fid) FROM sites), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sites'), 0)) + 1
                """)!
    }

    /// Inserts a new row (not its search entry: `insertSearchEntry`); returns its fid.
    func insert(_ site: Site) throws -> Int64 {
        let fid = nextFid
        try withValues { values in
            let s = insertSite.sqliteStatement
            sqlite3_reset(s)
            sqlite3_bind_int64(s, 1, fid)
            bindColumns(site, from: 2, s, &values)
            try step(insertSite, values)
        }
        nextFid += 1
        return fid
    }

    /// Inserts `sites[i]` for each i of `indices` (not their search entries) with the fids
    /// `nextFid`, `nextFid + 1`, ….
    func insert(_ sites: [Site], at indices: [Int]) throws {
        var rest = indices[...]
        while rest.count >= Self.rowsPerStatement {
            try withValues { values in
                let s = insertSites.sqliteStatement
                sqlite3_reset(s)
                var p: Int32 = 1
                for (k, i) in rest.prefix(Self.rowsPerStatement).enumerated() {
                    sqlite3_bind_int64(s, p, nextFid + Int64(k))
                    p = bindColumns(sites[i], from: p + 1, s, &values)
                }
                try step(insertSites, values)
            }
            nextFid += Int64(Self.rowsPerStatement)
            rest = rest.dropFirst(Self.rowsPerStatement)
        }
        for i in rest { _ = try insert(sites[i]) }
    }

    /// Replaces row `fid` and removes its search entry (to be written again by `insertSearchEntry`).
    func update(_ site: Site, fid: Int64) throws {
        try withValues { values in
            let s = updateSite.sqliteStatement
            sqlite3_reset(s)
            let next = bindColumns(site, from: 1, s, &values)
            sqlite3_bind_int64(s, next, fid)
            try step(updateSite, values)
        }
        let d = deleteSearch.sqliteStatement
        sqlite3_reset(d)
        sqlite3_bind_int64(d, 1, fid)
        try step(deleteSearch, Values())
    }

    /// The search entry: id, the names in one column ("内蒙古博物院 | Inner Mongolia Museum", then
    /// any aliases and their list numbers) and the pinyin. Its rowid is the site's fid: FTS5 finds a rowid directly, while a DELETE by
    /// the unindexed id column scans the whole index (a 20,000-site re-import took 4 minutes).
    func insertSearchEntry(_ site: borrowing Site, pinyin: String, fid: Int64) throws {
        try withValues { values in
            let s = insertSearch.sqliteStatement
            sqlite3_reset(s)
            sqlite3_bind_int64(s, 1, fid)
            values.text(site.id, 2)
            switch (site.nameZh, site.nameEn) {
            case _ where !site.aliases.isEmpty: values.text(SiteSearch.names(site), 3)
            case let (zh?, en?): values.text(zh, 3, then: " | ", en)
            case let (zh?, nil): values.text(zh, 3)
            case let (nil, en?): values.text(en, 3)
            case (nil, nil): values.text("", 3)
            }
            values.text(pinyin, 4)
            try step(insertSearch, values)
        }
    }

    /// Binds geom and the attribute columns in `SiteColumn` order from parameter `first` on;
    /// returns the next parameter index.
    @discardableResult
    private func bindColumns(_ site: borrowing Site, from first: Int32, _ s: OpaquePointer, _ values: inout Values)
        -> Int32
    {
        var i = first
        values.point(site.coordinate, i)
        i += 1
        for c in SiteColumn.allCases {
            switch c {
            case .visitMinutes: bindInteger(site.visitMinutes, i, s)
            case .groupCapacity: bindInteger(site.groupCapacity, i, s)
            case .themes:
                if site.themes.isEmpty { sqlite3_bind_null(s, i) } else { values.themes(site.themes, i) }
            default:
                assert(!c.isInteger)
                if let text = site.text(c) { values.text(text, i) } else { sqlite3_bind_null(s, i) }
            }
            i += 1
        }
        return i
    }

    private func bindInteger(_ value: Int?, _ i: Int32, _ s: OpaquePointer) {
        if let value { sqlite3_bind_int64(s, i, Int64(value)) } else { sqlite3_bind_null(s, i) }
    }

    // MARK: binding
    //
    // Text and blobs are copied into one buffer and bound from it with SQLITE_STATIC just before
    // the statement steps: bound as SQLITE_TRANSIENT, SQLite allocated, copied and freed every
    // value (a million times for 100,000 sites, each allocation behind a global lock). Every
    // parameter of a statement is bound again before each step, so no binding outlives the
    // buffer's contents. The buffer is a local value lent to each statement (a stored property
    // of this class paid Swift's run-time exclusivity check on every append).

    /// Text and blob parameters of one statement execution, their bytes back to back.
    struct Values {
        struct Slot { var parameter: Int32; var start: Int; var count: Int; var isBlob: Bool }
        var bytes: [UInt8] = []
        var slots: [Slot] = []

        mutating func text(_ value: String, _ i: Int32, then separator: String? = nil, _ second: String? = nil) {
            let start = bytes.count
            bytes.append(contentsOf: value.utf8)
            if let separator, let second {
                bytes.append(contentsOf: separator.utf8); bytes.append(contentsOf: second.utf8)
            }
            slots.append(Slot(parameter: i, start: start, count: bytes.count - start, isBlob: false))
        }

        /// Themes joined with ';' as stored, without building the joined string.
        mutating func themes(_ themes: [String], _ i: Int32) {
            let start = bytes.count
            for (k, theme) in themes.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ";")) }
                bytes.append(contentsOf: theme.utf8)
            }
            slots.append(Slot(parameter: i, start: start, count: bytes.count - start, isBlob: false))
        }

        mutating func point(_ c: Coordinate, _ i: Int32) {
            let start = bytes.count
            GeoPackageBinary.appendPoint(longitude: c.longitude, latitude: c.latitude, to: &bytes)
            slots.append(Slot(parameter: i, start: start, count: bytes.count - start, isBlob: true))
        }
    }

    /// Kept between statements so its storage is reused.
    private var spare = Values()

    private func withValues<R>(_ body: (inout Values) throws -> R) rethrows -> R {
        var values = Values()
        swap(&values, &spare)
        defer {
            values.bytes.removeAll(keepingCapacity: true); values.slots.removeAll(keepingCapacity: true)
            swap(&values, &spare)
        }
        return try body(&values)
    }

    /// Where empty values point (an empty buffer has no address; SQLite reads a NULL pointer as NULL).
    nonisolated(unsafe) private static let empty: UnsafePointer<UInt8> = { // never written after this
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    /// Binds `values`, steps once.
    private func step(_ statement: Statement, _ values: Values) throws {
        let s = statement.sqliteStatement
        let code = values.bytes.withUnsafeBufferPointer { bytes -> Int32 in
            for p in values.slots {
                let pointer = p.count == 0 ? Self.empty : bytes.baseAddress! + p.start
                // A nil destructor is SQLITE_STATIC: SQLite reads the bytes where they are.
                if p.isBlob {
                    sqlite3_bind_blob(s, p.parameter, pointer, Int32(p.count), nil)
                } else {
                    sqlite3_bind_text(
                        s, p.parameter, UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self), Int32(p.count),
                        nil)
                }
            }
            return sqlite3_step(s)
        }
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(s)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }
}
