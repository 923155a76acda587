import Foundation
import GeoCore
import GRDB

/// One recorded write of a site: who, when, what, and the site before and after (nil: it did
/// not exist, or was deleted). Versions count from 1 per site; version N's `after` is the site
/// as it stood after that edit.
public struct SiteRevision: Sendable, Equatable {
    public var siteID: String
    public var version: Int
    /// ISO 8601, UTC, to the millisecond.
    public var at: String
    public var editor: String
    /// create, replace, update, delete, revert or import.
    public var operation: String
    public var before: Site?
    public var after: Site?

    public init(
        siteID: String, version: Int, at: String, editor: String, operation: String, before: Site?, after: Site?
    ) {
        self.siteID = siteID; self.version = version; self.at = at; self.editor = editor
        self.operation = operation; self.before = before; self.after = after
    }
}

/// Why an edit was refused; nothing was written.
public enum SiteEditError: Error, Equatable, CustomStringConvertible {
    /// The client's tag is not the stored site's (someone else wrote first).
    case stale(id: String, current: String?)
    case exists(String)
    case missing(String)
    case noSuchVersion(id: String, version: Int, latest: Int)

    public var description: String {
        switch self {
        case let .stale(id, current):
            "site '\(id)' changed since you read it"
                + (current.map { " (its tag is now \($0))" } ?? " (it was deleted)")
                + ": read it again and make your edit on the new version"
        case let .exists(id): "a site with id '\(id)' exists; replace or update it instead"
        case let .missing(id): "no site with id '\(id)' (search the sites by name to find its id)"
        case let .noSuchVersion(id, version, latest):
            "site '\(id)' has no version \(version) (versions 0 to \(latest); 0 is before its first recorded edit)"
        }
    }
}

extension SiteEditError: ShowcaseError {
    public var code: String {
        switch self {
        case .stale: "stale-tag"
        case .exists: "site-exists"
        case .missing: "unknown-site"
        case .noSuchVersion: "unknown-version"
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .stale: .stale
        case .exists: .conflict
        case .missing, .noSuchVersion: .notFound
        }
    }
}

extension Site {
    /// A fingerprint of everything stored about the site (HTTP's ETag): any change of a field or
    /// of the point changes it, so an edit made against an older read is refused.
    public var tag: String { String(format: "%016llx", fnv1a(Array(storedJSON.utf8))) }

    /// The site as one GeoJSON Feature, in column order: how the history stores it.
    var storedJSON: String { JSONWriter.string(feature.jsonValue) }

    /// The site of a stored history entry (written by `storedJSON`).
    static func fromStoredJSON(_ text: String) throws -> Site {
        guard case let .feature(f) = try GeoJSON.decode(Data(text.utf8)) else {
            throw StoreError.notAGeoPackage(path: "site_history", reason: "an entry is not a Feature")
        }
        return try SiteFileReader.site(from: f)
    }
}

/// 64-bit FNV-1a: enough to tell two versions apart (not a security hash).
func fnv1a(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

extension SiteStore {
    /// One edit of one site: `change` gets the stored site (nil: none) and returns the new one
    /// (nil: delete it). The write and its history entry are one transaction, and the check of
    /// `expectedTag` is inside it, so of two edits made against the same version exactly one
    /// is written (the other gets `SiteEditError.stale`).
    /// - Parameter expectedTag: the tag the client read (HTTP If-Match); nil: no check.
    @discardableResult
    public func edit(
        _ id: String, expectedTag: String?, by editor: String, operation: String,
        _ change: (Site?) throws -> Site?
    ) throws -> SiteRevision {
        if let remote {
            return try remote.edit(id, expectedTag: expectedTag, by: editor, operation: operation, change)
        }
        return try writer.writeWithoutTransaction { db in
            var revision: SiteRevision?
            // IMMEDIATE: the write lock is taken before the read, so no other process writes
            // between this edit's check and its write.
            try db.inTransaction(.immediate) {
                let stored = try Self.storedSite(id, db)
                if let expectedTag, expectedTag != stored?.site.tag {
                    throw SiteEditError.stale(id: id, current: stored?.site.tag)
                }
                let after = try change(stored?.site)
                let rows = try SiteRowWriter(db)
                switch (stored, after) {
                case (nil, nil): throw SiteEditError.missing(id)
                case let (nil, site?):
                    let fid = try rows.insert(site)
                    try rows.insertSearchEntry(site, pinyin: site.compactPinyin, fid: fid)
                case let (old?, site?):
                    try rows.update(site, fid: old.fid)
                    try rows.insertSearchEntry(site, pinyin: site.compactPinyin, fid: old.fid)
                case let (old?, nil):
                    try db.execute(sql: "DELETE FROM sites WHERE fid = ?", arguments: [old.fid])
                    try db.execute(sql: "DELETE FROM site_search WHERE rowid = ?", arguments: [old.fid])
                }
                revision = try Self.record(
                    id, before: stored?.site, after: after, editor: editor, operation: operation, db)
                try refreshContents(db, table: "sites", asOf: nil)
                return .commit
            }
            return revision!
        }
    }

    /// Every recorded write of a site, oldest first.
    public func history(of id: String) throws -> [SiteRevision] {
        if let remote { return try remote.history(of: id) }
        return try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT site_id, version, at, editor, operation, before, after FROM site_history
                    WHERE site_id = ? ORDER BY version
                    """, arguments: [id]
            ).map { row in
                SiteRevision(
                    siteID: row[0], version: row[1], at: row[2], editor: row[3], operation: row[4],
                    before: try (row[5] as String?).map(Site.fromStoredJSON),
                    after: try (row[6] as String?).map(Site.fromStoredJSON))
            }
        }
    }

    /// Puts a site back as it was after `version` (0: before its first recorded edit), as a
    /// recorded edit of its own (operation `revert`).
    @discardableResult
    public func revert(_ id: String, to version: Int, by editor: String) throws -> SiteRevision {
        let history = try history(of: id)
        guard let first = history.first, (0...history.count).contains(version) else {
            throw SiteEditError.noSuchVersion(id: id, version: version, latest: history.count)
        }
        let target = version == 0 ? first.before : history[version - 1].after
        return try edit(id, expectedTag: nil, by: editor, operation: "revert") { _ in target }
    }

    static func storedSite(_ id: String, _ db: Database) throws -> (fid: Int64, site: Site)? {
        guard let fid = try Int64.fetchOne(db, sql: "SELECT fid FROM sites WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let site = try Site.fetchAll(
            db.cachedStatement(sql: "SELECT \(Site.storedColumns) FROM sites WHERE fid = ?"), arguments: [fid])
        return site.first.map { (fid, $0) }
    }

    /// Writes the history entry of one edit (the next version of the site).
    static func record(
        _ id: String, before: Site?, after: Site?, editor: String, operation: String, _ db: Database
    ) throws -> SiteRevision {
        let at = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
        let version =
            try Int.fetchOne(
                db, sql: "SELECT coalesce(max(version), 0) + 1 FROM site_history WHERE site_id = ?", arguments: [id])
            ?? 1
        try db.execute(
            sql: """
                INSERT INTO site_history (site_id, version, at, editor, operation, before, after)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, version, at, editor, operation, before?.storedJSON, after?.storedJSON])
        return SiteRevision(
            siteID: id, version: version, at: at, editor: editor, operation: operation, before: before, after: after)
    }
}
