import Foundation
import GeoCore
import Hummingbird
import Logging
import Service
import SiteStore
import Synchronization

/// How `showcase serve` runs: on what workspace (database, data, limits), where, and who may write.
public struct ServerConfiguration: Sendable {
    public var workspace: Workspace
    public var host = "127.0.0.1"
    public var port = 8080
    /// One editor's bearer token (`SHOWCASE_TOKEN`, `--token-file`); nil and no `editors`: read-only.
    public var token: String?
    /// The editors and readers with their token hashes (`--editors`); with `token`, both count.
    public var editors = Editors()
    /// A tile URL template for the map pages (none: they work offline on the project's own data).
    public var tileURL: String?
    /// Debian's libjs-leaflet, served under /static/leaflet.
    public var leafletDirectory = "/usr/share/javascript/leaflet"

    public init(workspace: Workspace) { self.workspace = workspace }

    /// Everyone who may use a token here.
    var allEditors: Editors { token.map { editors.adding(Editors(token: $0)) } ?? editors }
}

public enum ShowcaseServer {
    /// Runs until SIGINT/SIGTERM; `onRunning` gets the bound port. On either signal the server
    /// stops accepting connections, lets the requests in flight finish, then returns.
    public static func run(_ config: ServerConfiguration, logger: Logger, onRunning: @escaping @Sendable (Int) -> Void)
        async throws
    {
        try await application(config, logger: logger, onRunning: onRunning).runService()
    }

    /// The whole service as a Hummingbird application, not yet running: `run` serves it on a
    /// socket; the fuzz target drives it in memory (HummingbirdTesting's router mode).
    public static func application(
        _ config: ServerConfiguration, logger: Logger,
        onRunning: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let table = endpointTable(config)
        let router = Router(context: ShowcaseRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MethodMiddleware(table: table))
        router.add(middleware: AccessMiddleware(table: table, editors: config.allEditors))
        table.register(on: router)
        return Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "showcase"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? config.port) }, logger: logger)
    }
}

/// What handlers read off a request: the base URL, the query, whether a browser asked, the body.
struct RequestReader: Sendable {
    let config: ServerConfiguration

    func base(_ request: Request) -> String {
        "http://" + (request.head.authority ?? "\(config.host):\(config.port)")
    }

    func query(_ request: Request) -> [String: String] {
        var q: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { q[String(k)] = String(v) }
        return q
    }

    func wantsHTML(_ request: Request) -> Bool {
        if let f = request.uri.queryParameters["f"] { return f == "html" } // f=json forces JSON
        let accept = request.headers[.accept] ?? ""
        return accept.contains("text/html") && !accept.contains("application/json")
    }

    func body(_ request: Request) async throws -> Data {
        let limit = config.workspace.limits.bodyBytes
        var r = request
        do { return Data(buffer: try await r.collectBody(upTo: limit)) } catch {
            throw HTTPProblem(
                status: .contentTooLarge, title: "Body too large",
                detail: "request bodies are limited to \(limit) bytes", code: "too-large")
        }
    }
}

/// The `/api` document is built from the table it is part of: the table is put here once built.
final class TableHolder: Sendable {
    private let table = Mutex<EndpointTable?>(nil)
    func set(_ t: EndpointTable) { table.withLock { $0 = t } }
    var value: EndpointTable { table.withLock { $0! } }
}
