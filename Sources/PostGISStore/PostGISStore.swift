import Foundation
import GeoCore
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import SiteStore
import Synchronization

/// The store on PostgreSQL 15 + PostGIS 3: the GeoPackage's tables with `geometry` columns
/// (EPSG:4326, GiST-indexed), so QGIS and ogr2ogr read the same layers from the server.
///
/// How a synchronous store talks to an asynchronous client: `SiteStore`'s API is synchronous
/// (GRDB's is), and postgres-nio is asynchronous. This store uses postgres-nio's EventLoopFuture
/// interface and waits for each future on the calling thread. The I/O runs on NIO's event-loop
/// threads, never on Swift's cooperative pool, so callers that block (every `SiteStore` caller
/// does, the server's handlers too) cannot starve the work they wait for — which a
/// `Task { … }` plus a semaphore could. Connections are pooled; each method borrows one, and
/// each write is one transaction on it.
public final class PostGISStore: RemoteStore {
    public let location: String
    let configuration: PostgresConnection.Configuration
    let logger = Logger(label: "showcase.postgis")
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Mutex(0)

    /// Connects to `url` (`postgresql://user[:password]@host:port/database`; the password may
    /// also come from PGPASSWORD) and brings the schema up to date.
    /// - Throws: `StoreUnavailable` when the server does not answer.
    public init(url: String) throws {
        guard let parts = URLComponents(string: url), ["postgresql", "postgres"].contains(parts.scheme ?? ""),
            let host = parts.host, !host.isEmpty
        else {
            throw StoreURLError(url: url)
        }
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        var config = PostgresConnection.Configuration(
            host: host, port: parts.port ?? 5432, username: parts.user ?? "postgres",
            password: parts.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"],
            database: database.isEmpty ? nil : database, tls: .disable)
        config.options.connectTimeout = .seconds(3)
        configuration = config
        location = "postgresql://\(parts.user.map { $0 + "@" } ?? "")\(host):\(parts.port ?? 5432)/\(database)"
        try migrate()
    }

    deinit {
        for c in idle.withLock({ $0 }) { Self.close(c) }
    }

    // MARK: connections

    /// One borrowed connection: queries wait for their answer.
    struct Session {
        let connection: PostgresConnection
        let logger: Logger

        @discardableResult
        func query(_ q: PostgresQuery) throws -> PostgresQueryResult {
            try PostGISStore.wait(connection.query(q, logger: logger), seconds: PostGISStore.queryTimeout)
        }

        /// SQL text with `$1`… placeholders and their values (never values spliced into the text).
        @discardableResult
        func run(_ sql: String, _ values: [(any PostgresThrowingDynamicTypeEncodable)?] = []) throws
            -> PostgresQueryResult
        {
            var binds = PostgresBindings(capacity: values.count)
            for v in values {
                if let v { try binds.append(v) } else { binds.appendNull() }
            }
            return try query(PostgresQuery(unsafeSQL: sql, binds: binds))
        }
    }

    /// How long one query may take before the store counts as not answering (a connection the
    /// server dropped while idle can leave a query unanswered).
    static let queryTimeout: Int64 = 30

    /// Waits for `future`, at most `seconds`; then fails with `StoreUnavailable`.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, seconds: Int64) throws -> T {
        let once = Once(), promise = future.eventLoop.makePromise(of: T.self)
        future.whenComplete { result in
            guard !once.done else { return }
            once.done = true
            promise.completeWith(result)
        }
        let timer = future.eventLoop.scheduleTask(in: .seconds(seconds)) {
            guard !once.done else { return }
            once.done = true
            promise.fail(ChannelError.connectTimeout(.seconds(seconds)))
        }
        defer { timer.cancel() }
        return try promise.futureResult.wait()
    }

    /// Closes a connection without waiting; the callback keeps it alive until it is closed
    /// (postgres-nio asserts that a connection is closed before it goes away).
    static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    private func connect() throws -> PostgresConnection {
        let id = nextID.withLock {
            $0 += 1; return $0
        }
        return try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
        ).wait()
    }

    /// Runs `body` on a pooled connection; a connection that failed is closed, not pooled again.
    func withSession<T>(_ body: (Session) throws -> T) throws -> T {
        do {
            // A pooled connection the server has closed meanwhile (a restart) is dropped, not used.
            var pooled = idle.withLock { $0.popLast() }
            while let c = pooled, c.isClosed {
                Self.close(c)
                pooled = idle.withLock { $0.popLast() }
            }
            let connection = try pooled ?? connect()
            do {
                let result = try body(Session(connection: connection, logger: logger))
                if !connection.isClosed { idle.withLock { $0.append(connection) } }
                return result
            } catch {
                Self.close(connection)
                throw error
            }
        } catch let e as PSQLError where e.code != .server {
            throw StoreUnavailable(location: location, reason: "\(e.code)")
        } catch let e as ChannelError {
            throw StoreUnavailable(location: location, reason: "\(e)")
        } catch let e as IOError {
            throw StoreUnavailable(location: location, reason: e.description)
        }
    }

    /// Runs `body` in one transaction (rolled back if it throws).
    func transaction<T>(_ body: (Session) throws -> T) throws -> T {
        try withSession { s in
            try s.run("BEGIN")
            do {
                let result = try body(s)
                try s.run("COMMIT")
                return result
            } catch {
                _ = try? s.run("ROLLBACK")
                throw error
            }
        }
    }

    func read<T>(_ body: (Session) throws -> T) throws -> T { try withSession(body) }
}

/// A flag touched only on one event loop (so it needs no lock).
final class Once: @unchecked Sendable { var done = false }

/// The server store does not answer (stopped, unreachable, restarting): HTTP 503, try again.
public struct StoreUnavailable: ShowcaseError, Sendable {
    public let location: String
    public let reason: String
    public var code: String { "store-unavailable" }
    public var category: ErrorCategory { .unavailable }
    public var description: String {
        "the store at \(location) does not answer (\(reason)); try again when it is back"
    }
}

public struct StoreURLError: ShowcaseError, Sendable {
    public let url: String
    public var code: String { "bad-store" }
    public var category: ErrorCategory { .badInput }
    public var description: String {
        "«store» '\(url)' is neither a GeoPackage path nor postgresql://user@host:port/database"
    }
}
