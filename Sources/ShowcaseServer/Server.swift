import Foundation
import GeoCore
import Hummingbird
import Logging
import Service
import SiteStore

/// How `showcase serve` runs: on what workspace (database, data, limits), where, and who may write.
public struct ServerConfiguration: Sendable {
    public var workspace: Workspace
    public var host = "127.0.0.1"
    public var port = 8080
    /// Bearer token for writes; nil: the server is read-only.
    public var token: String?
    /// A tile URL template for the map pages (none: they work offline on the project's own data).
    public var tileURL: String?
    /// Debian's libjs-leaflet, served under /static/leaflet.
    public var leafletDirectory = "/usr/share/javascript/leaflet"

    public init(workspace: Workspace) { self.workspace = workspace }
}

public enum ShowcaseServer {
    /// Runs until SIGINT/SIGTERM (graceful shutdown); `onRunning` gets the bound port.
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
        let workspace = config.workspace
        let limits = workspace.limits
        let collections = FeatureCollections(workspace: workspace)
        let endpoints = Endpoints(workspace: workspace, gate: Gate(limit: limits.concurrentPlans))
        let router = Hummingbird.Router()
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ProblemMiddleware())

        @Sendable func base(_ request: Request) -> String {
            "http://" + (request.head.authority ?? "\(config.host):\(config.port)")
        }
        @Sendable func query(_ request: Request) -> [String: String] {
            var q: [String: String] = [:]
            for (k, v) in request.uri.queryParameters { q[String(k)] = String(v) }
            return q
        }
        @Sendable func wantsHTML(_ request: Request) -> Bool {
            if let f = request.uri.queryParameters["f"] { return f == "html" } // f=json forces JSON
            let accept = request.headers[.accept] ?? ""
            return accept.contains("text/html") && !accept.contains("application/json")
        }
        @Sendable func body(_ request: Request) async throws -> Data {
            var r = request
            do { return Data(buffer: try await r.collectBody(upTo: limits.bodyBytes)) } catch {
                throw HTTPProblem(
                    status: .contentTooLarge, title: "Body too large",
                    detail: "request bodies are limited to \(limits.bodyBytes) bytes", code: "too-large")
            }
        }

        router.get("/") { request, _ -> Response in
            let b = base(request)
            let landing: JSONValue = .object([
                "title": .string("Showcase Route Planner"),
                "description": .string(
                    "Inner Mongolia's showcase sites, heritage routes and study tours; routing and trip planning."),
                "links": .array([
                    link("\(b)/", rel: "self", type: "application/json", title: "this document"),
                    link(
                        "\(b)/api", rel: "service-desc", type: "application/vnd.oai.openapi+json;version=3.0",
                        title: "the API definition"),
                    link("\(b)/app", rel: "service-doc", type: "text/html", title: "the trip planner"),
                    link(
                        "\(b)/conformance", rel: "conformance", type: "application/json", title: "conformance classes"),
                    link("\(b)/collections", rel: "data", type: "application/json", title: "the collections")
                ])
            ])
            if wantsHTML(request) { return reply(MapPage.landing(), type: "text/html; charset=utf-8") }
            return json(landing)
        }
        router.get("/conformance") { _, _ -> Response in
            json(
                .object([
                    "conformsTo": .array(
                        [
                            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"
                        ].map(JSONValue.string))
                ]))
        }
        router.get("/collections") { request, _ -> Response in
            let b = base(request)
            if wantsHTML(request) {
                return reply(
                    MapPage.collections(FeatureCollections.collections.map { ($0.id, $0.title, $0.description) }),
                    type: "text/html; charset=utf-8")
            }
            let list = try FeatureCollections.collections.map { try collections.describe($0, base: b) }
            return json(
                .object([
                    "collections": .array(list),
                    "links": .array([
                        link("\(b)/collections", rel: "self", type: "application/json", title: "collections")
                    ])
                ]))
        }
        router.get("/collections/:id") { request, context -> Response in
            let c = try FeatureCollections.collection(context.parameters.get("id") ?? "")
            return json(try collections.describe(c, base: base(request)))
        }
        router.get("/collections/:id/items") { request, context -> Response in
            let c = try FeatureCollections.collection(context.parameters.get("id") ?? "")
            var q = query(request)
            let html = wantsHTML(request)
            q["f"] = nil
            let fc = try collections.items(c, query: q, base: base(request))
            guard html, case let .object(o) = fc, case let .array(features)? = o["features"] else {
                return json(fc, type: "application/geo+json")
            }
            // A browser gets a table of the same page: id and the first text properties.
            var rows: [[String: String]] = []
            var columns = ["id"]
            for case let .object(f) in features {
                var row: [String: String] = [
                    "id": f["id"].map { if case let .string(s) = $0 { s } else { "\($0)" } } ?? ""
                ]
                if case let .object(p)? = f["properties"] {
                    for (k, v) in p.members {
                        switch v {
                        case .string(let s): row[k] = s
                        case .number(let n): row[k] = n == n.rounded() ? String(Int(n)) : String(n)
                        default: continue
                        }
                        if !columns.contains(k), columns.count < 8 { columns.append(k) }
                    }
                }
                rows.append(row)
            }
            let next: String? = {
                guard case let .array(links)? = o["links"] else { return nil }
                for case let .object(l) in links where l["rel"] == .string("next") {
                    if case let .string(h)? = l["href"] { return h }
                }
                return nil
            }()
            return reply(MapPage.items(c.title, rows, columns: columns, next: next), type: "text/html; charset=utf-8")
        }
        router.get("/collections/:id/items/:featureId") { request, context -> Response in
            let c = try FeatureCollections.collection(context.parameters.get("id") ?? "")
            return json(
                try collections.item(c, id: context.parameters.get("featureId") ?? ""), type: "application/geo+json")
        }
        router.post("/collections/:id/items") { request, context -> Response in
            let id = context.parameters.get("id") ?? ""
            guard ["sites", "routes", "tours"].contains(id) else {
                throw HTTPProblem(
                    status: .methodNotAllowed, title: "Method not allowed",
                    detail: "only sites, routes and tours take new items", code: "method-not-allowed")
            }
            try authorize(request, config)
            if id != "sites" {
                let saved = try endpoints.saveRoute(layer: id, body: try await body(request))
                collections.clear()
                return saved
            }
            // The same reader and all-or-nothing upsert as `showcase sites import`: text/csv or GeoJSON.
            let read = try SiteImport.read(
                data: try await body(request), name: "body", mediaType: request.headers[.contentType])
            let result = try workspace.importSites(read)
            collections.clear()
            return reply(result.json, type: "application/json")
        }
        router.get("/route") { request, _ in try endpoints.route(request) }
        router.post("/matrix") { request, _ in try endpoints.matrix(request, body: try await body(request)) }
        router.get("/reach") { request, _ in try endpoints.reach(request) }
        router.post("/plan") { request, _ in try await endpoints.plan(request, body: try await body(request)) }
        router.post("/solve") { request, _ in try await endpoints.solve(request, body: try await body(request)) }
        router.post("/itinerary/evaluate") { request, _ in
            try await endpoints.evaluate(request, body: try await body(request))
        }
        router.get("/itinerary/evaluate") { request, _ in try await endpoints.evaluate(request, body: nil) }
        // The offline base map (boundaries, rivers, lakes, roads), read once: it changes with the data folder only.
        let baseMap = try? workspace.baseMap()
        router.get("/basemap") { _, _ -> Response in
            guard let baseMap else { _ = try workspace.baseMap(); throw HTTPProblem.notFound("no base map") }
            return Response(
                status: .ok, headers: [.contentType: "application/geo+json", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(bytes: baseMap)))
        }
        for path in ["/api", "/openapi.json"] {
            router.get(RouterPath(path)) { request, _ -> Response in
                json(
                    OpenAPIDocument.document(base: base(request)), type: "application/vnd.oai.openapi+json;version=3.0")
            }
        }
        // The old developer map is retired: the trip planner draws the same and more.
        router.get("/map") { _, _ in Response(status: .movedPermanently, headers: [.location: "/app"]) }
        // The planner's web app: static files from this module's resources, nothing from any other host.
        router.get("/app") { _, _ in try WebApp.file("index.html") }
        router.get("/app/:file") { _, context in try WebApp.file(context.parameters.get("file") ?? "") }
        for folder in ["js", "i18n"] {
            router.get(RouterPath("/app/\(folder)/:file")) { _, context in
                try WebApp.file(folder + "/" + (context.parameters.get("file") ?? ""))
            }
        }
        router.get("/app/config.json") { _, _ in
            json(
                .object([
                    "tiles": config.tileURL.map(JSONValue.string) ?? .null, "read_only": .bool(config.token == nil),
                    "max_plan_seconds": .number(limits.solveSeconds)
                ]))
        }
        router.get("/static/leaflet/:file") { _, context -> Response in
            try WebApp.leaflet(context.parameters.get("file") ?? "", directory: config.leafletDirectory)
        }
        router.get("/static/leaflet/images/:file") { _, context -> Response in
            try WebApp.leaflet("images/" + (context.parameters.get("file") ?? ""), directory: config.leafletDirectory)
        }

        return Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "showcase"),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? config.port) }, logger: logger)
    }
}

/// Writes need the operator's token; the server is read-only without one.
func authorize(_ request: Request, _ config: ServerConfiguration) throws {
    guard let token = config.token else {
        throw HTTPProblem(
            status: .forbidden, title: "Read-only",
            detail: "this server is read-only; start it with a token (SHOWCASE_TOKEN) to allow writes",
            code: "read-only")
    }
    guard request.headers[.authorization] == "Bearer \(token)" else {
        throw HTTPProblem(
            status: .unauthorized, title: "Unauthorized",
            detail: "writes need the header Authorization: Bearer <token>", code: "unauthorized")
    }
}
