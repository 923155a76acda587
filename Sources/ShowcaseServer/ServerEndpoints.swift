import Foundation
import GeoCore
import Hummingbird
import Planner
import Service
import SiteStore

extension ShowcaseServer {
    /// Every endpoint of the service, in the order `/api` lists them. To add an endpoint, add
    /// an entry here: the router, the 405/OPTIONS answers, the token check and `/api` follow.
    static func endpointTable(_ config: ServerConfiguration) -> EndpointTable {
        let workspace = config.workspace
        let limits = workspace.limits
        let collections = FeatureCollections(workspace: workspace)
        let planning = PlanningEndpoints(workspace: workspace, gate: Gate(limit: limits.concurrentPlans))
        let read = RequestReader(config: config)
        let holder = TableHolder()
        let html = "text/html; charset=utf-8"
        let geojson = ["application/geo+json"]
        typealias O = OAS

        var list: [Endpoint] = [
            Endpoint(
                .get, "/",
                operation: O.operation(
                    "Landing page",
                    O.responses("Links to the API, conformance, collections and the map", ["application/json"]))
            ) { request, _ in
                if read.wantsHTML(request) { return reply(MapPage.landing(), type: html) }
                return json(landing(base: read.base(request)))
            },
            Endpoint(
                .get, "/conformance",
                operation: O.operation(
                    "Conformance classes",
                    O.responses("The OGC API conformance classes implemented", ["application/json"]))
            ) { _, _ in
                json(.object(["conformsTo": .array((conformance + SiteEditing.conformance).map(JSONValue.string))]))
            },
            Endpoint(
                .get, "/collections",
                operation: O.operation(
                    "The collections", O.responses("Sites, towns, routes and tours", ["application/json"]))
            ) { request, _ in
                let b = read.base(request)
                if read.wantsHTML(request) {
                    return reply(
                        MapPage.collections(FeatureCollections.collections.map { ($0.id, $0.title, $0.description) }),
                        type: html)
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
        ]
        for c in FeatureCollections.collections {
            list += [
                Endpoint(
                    .get, "/collections/\(c.id)",
                    operation: O.operation(
                        "The \(c.id) collection",
                        O.responses("The collection's description and extent", ["application/json"]))
                ) { request, _ in
                    json(try collections.describe(c, base: read.base(request)))
                },
                Endpoint(
                    .get, "/collections/\(c.id)/items",
                    operation: O.operation(
                        "Features of \(c.id)",
                        [O.bbox, O.limit, O.offset] + O.collectionFilters[c.id]!,
                        O.responses(
                            "A GeoJSON FeatureCollection with numberMatched, numberReturned and next links", geojson))
                ) { request, _ in
                    var q = read.query(request)
                    q["f"] = nil
                    let fc = try collections.items(c, query: q, base: read.base(request))
                    guard read.wantsHTML(request) else { return json(fc, type: "application/geo+json") }
                    return reply(ItemsPage.html(c.title, fc), type: html)
                },
                Endpoint(
                    .get, "/collections/\(c.id)/items/{featureId}",
                    operation: O.operation(
                        "One feature of \(c.id)", O.responses("A GeoJSON Feature", geojson, extra: ["404"]))
                ) { _, context in
                    let id = context.parameters.get("featureId") ?? ""
                    guard c.id == "sites" else {
                        return json(try collections.item(c, id: id), type: "application/geo+json")
                    }
                    return try SiteEditing.answer(try workspace.taggedSite(id).site, status: .ok)
                }
            ]
        }
        list += siteEditing(workspace, collections, read)
        for layer in ["routes", "tours"] {
            list.append(
                Endpoint(
                    .post, "/collections/\(layer)/items", access: .editor,
                    operation: O.operation(
                        "Save an arranged itinerary as a stored \(layer == "routes" ? "route" : "tour"); "
                            + "needs an editor's token",
                        body: (["application/json"], O.saveRouteBody(layer)),
                        O.savedRouteResponses)
                ) { request, _ in
                    let saved = try planning.saveRoute(layer: layer, body: try await read.body(request))
                    collections.clear()
                    return saved
                })
        }
        list += planningEndpoints(planning, read)
        list += [
            Endpoint(
                .get, "/health",
                operation: O.operation(
                    "Whether this process can answer (for a load balancer): 200 when its store answers",
                    O.responses("status ok", ["application/json"]))
            ) { _, _ in
                do { _ = try workspace.store.lastChange(of: "sites") } catch {
                    throw HTTPProblem(
                        status: .serviceUnavailable, title: "Store unavailable",
                        detail: "the store does not answer: \(error)", code: "store-unavailable")
                }
                return json(.object(["status": .string("ok")]))
            }
        ]
        for path in ["/api", "/openapi.json"] {
            list.append(
                Endpoint(
                    .get, path,
                    operation: O.operation(
                        "This OpenAPI document",
                        O.responses("OpenAPI 3.0", ["application/vnd.oai.openapi+json;version=3.0"]))
                ) { request, _ in
                    json(
                        OpenAPIDocument.document(base: read.base(request), table: holder.value),
                        type: "application/vnd.oai.openapi+json;version=3.0")
                })
        }
        // The offline base map (boundaries, rivers, lakes, roads), read once: it changes with the data folder only.
        let baseMap = try? workspace.baseMap()
        list += [
            Endpoint(
                .get, "/basemap",
                operation: O.operation(
                    "The offline base map: a GeoJSON FeatureCollection whose features carry `layer` (province, "
                        + "league, border, river, lake, road), built from open data (GeoData/README.md)",
                    O.responses("The base map", ["application/geo+json"]))
            ) { _, _ in
                guard let baseMap else { _ = try workspace.baseMap(); throw HTTPProblem.notFound("no base map") }
                return Response(
                    status: .ok, headers: [.contentType: "application/geo+json", .cacheControl: "public, max-age=3600"],
                    body: .init(byteBuffer: ByteBuffer(bytes: baseMap)))
            },
            // The old developer map is retired: the trip planner draws the same and more.
            Endpoint(.get, "/map", operation: nil) { _, _ in
                Response(status: .movedPermanently, headers: [.location: "/app"])
            },
            // The planner's web app: static files from this module's resources, nothing from any other host.
            Endpoint(.get, "/app", operation: O.html("The planner's web app (HTML)")) { _, _ in
                try WebApp.file("index.html")
            },
            Endpoint(.get, "/app/{file}", operation: nil) { _, context in
                try WebApp.file(context.parameters.get("file") ?? "")
            }
        ]
        for folder in ["js", "i18n"] {
            list.append(
                Endpoint(.get, "/app/\(folder)/{file}", operation: nil) { _, context in
                    try WebApp.file(folder + "/" + (context.parameters.get("file") ?? ""))
                })
        }
        list += [
            Endpoint(.get, "/app/config.json", operation: nil) { _, _ in
                json(
                    .object([
                        "tiles": config.tileURL.map(JSONValue.string) ?? .null,
                        "read_only": .bool(config.allEditors.isEmpty),
                        "max_plan_seconds": .number(limits.solveSeconds)
                    ]))
            },
            Endpoint(.get, "/static/leaflet/{file}", operation: nil) { _, context in
                try WebApp.leaflet(context.parameters.get("file") ?? "", directory: config.leafletDirectory)
            },
            Endpoint(.get, "/static/leaflet/images/{file}", operation: nil) { _, context in
                try WebApp.leaflet(
                    "images/" + (context.parameters.get("file") ?? ""), directory: config.leafletDirectory)
            }
        ]
        let table = EndpointTable(endpoints: list)
        holder.set(table)
        return table
    }

    /// Route, matrix, reach, plan, solve and itinerary evaluation: the CLI's operations.
    static func planningEndpoints(_ planning: PlanningEndpoints, _ read: RequestReader) -> [Endpoint] {
        typealias O = OAS
        let evaluateResponses = O.responses(
            "The itinerary timed again, with its violations", O.planTypes, extra: ["422", "503"])
        let via: JSONValue = .object([
            "name": .string("via"), "in": .string("query"), "required": .bool(false), "style": .string("form"),
            "explode": .bool(true), "description": .string("a stop on the way (repeatable, in order)"),
            "schema": .object([
                "type": .string("array"), "items": .object(["type": .string("string"), "minLength": .number(1)])
            ])
        ])
        return [
            Endpoint(
                .get, "/route",
                operation: O.operation(
                    "Fastest road route through places in order (showcase route)",
                    [
                        O.query("from", O.place, required: true), O.query("to", O.place, required: true), via,
                        O.profile,
                        O.query(
                            "algorithm", "dijkstra, astar or ch (same answer)",
                            ["enum": .array(["dijkstra", "astar", "ch"].map(O.text))]),
                        O.query("f", "json, geojson or text", ["enum": .array(["json", "geojson", "text"].map(O.text))])
                    ],
                    O.responses(
                        "Distance, duration, legs, last mile and the route's geometry",
                        ["application/json", "application/geo+json", "text/plain"], extra: ["422"]))
            ) { request, _ in try planning.route(request) },
            Endpoint(
                .post, "/matrix",
                operation: O.operation(
                    "Travel times and distances between places (showcase matrix)",
                    [O.query("f", "json or csv", ["enum": .array(["json", "csv"].map(O.text))])],
                    body: (["application/json"], O.matrixBody),
                    O.responses(
                        "places, durations (s) and distances (m), null where no route",
                        ["application/json", "text/csv"]))
            ) { request, _ in try planning.matrix(request, body: try await read.body(request)) },
            Endpoint(
                .get, "/reach",
                operation: O.operation(
                    "Reachable area and sites",
                    [
                        O.query("from", O.place, required: true),
                        O.query(
                            "minutes",
                            "one or more limits in minutes, comma-separated (e.g. 30,60,90), each more than 0 and "
                                + "at most 1440", required: true, ["pattern": O.text("^[0-9.]+(,[0-9.]+)*$")]),
                        O.profile,
                        O.query(
                            "buffer_m",
                            "how far an area reaches either side of a reached road (metres, 10 to 5000; default "
                                + "1/50 of the reach, 25 to 2000)",
                            type: "number", ["minimum": .number(10), "maximum": .number(5000)])
                    ],
                    O.responses(
                        "One area per limit (MultiPolygon following the roads, largest first) and the sites "
                            + "within the largest", ["application/geo+json"]))
            ) { request, _ in try planning.reach(request) },
            Endpoint(
                .post, "/plan",
                operation: O.operation(
                    "Plan a trip (showcase plan; the plan file's keys, JSON or YAML); checked before it is answered",
                    [O.planFormat, O.language, O.fields], body: (["application/json", "application/yaml"], O.planBody),
                    O.responses("The itinerary", O.planTypes, extra: ["422", "500", "503"]))
            ) { request, _ in try await planning.plan(request, body: try await read.body(request)) },
            Endpoint(
                .post, "/solve",
                operation: O.operation(
                    "Solve a VROOM problem (showcase solve); checked before it is answered",
                    [
                        O.query(
                            "time_limit", "seconds per thread, at most the server's cap", type: "number",
                            ["exclusiveMinimum": .bool(true), "minimum": .number(0)]),
                        O.query(
                            "seed", "the same seed and iterations give the same answer", type: "integer",
                            ["minimum": .number(0)]),
                        O.query("iterations", "rounds per thread", type: "integer", ["minimum": .number(0)]),
                        O.query(
                            "threads", "parallel searches", type: "integer",
                            ["minimum": .number(1), "maximum": .number(64)]),
                        O.profile, O.query("straight_line", "straight lines even with a road graph", type: "boolean"),
                        O.query(
                            "speed_kmh", "straight-line speed", type: "number",
                            ["exclusiveMinimum": .bool(true), "minimum": .number(0)])
                    ],
                    body: (["application/json"], O.solveBody),
                    O.responses(
                        "VROOM's solution format (with our warnings member)", ["application/json"],
                        extra: ["500", "503"]))
            ) { request, _ in try await planning.solve(request, body: try await read.body(request)) },
            // The same operation as `showcase itinerary evaluate`, with the document as the body or,
            // for links, in the query.
            Endpoint(
                .get, "/itinerary/evaluate",
                operation: O.operation(
                    "Time an arranged itinerary (in the URL) again and name every rule it breaks",
                    [
                        O.query("itinerary", "the itinerary document, JSON or YAML", required: true), O.planFormat,
                        O.language, O.fields, O.query("download", "answer as a file to save", type: "boolean")
                    ], evaluateResponses)
            ) { request, _ in try await planning.evaluate(request, body: nil) },
            Endpoint(
                .post, "/itinerary/evaluate",
                operation: O.operation(
                    "Time an arranged itinerary again and name every rule it breaks",
                    [O.planFormat, O.language, O.fields],
                    body: (["application/json", "application/yaml"], O.itineraryBody), evaluateResponses)
            ) { request, _ in try await planning.evaluate(request, body: try await read.body(request)) }
        ]
    }

    static let conformance = [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"
    ]

    static func landing(base b: String) -> JSONValue {
        .object([
            "title": .string("Showcase Route Planner"),
            "description": .string(
                "Inner Mongolia's showcase sites, heritage routes and study tours; routing and trip planning."),
            "links": .array([
                link("\(b)/", rel: "self", type: "application/json", title: "this document"),
                link(
                    "\(b)/api", rel: "service-desc", type: "application/vnd.oai.openapi+json;version=3.0",
                    title: "the API definition"),
                link("\(b)/app", rel: "service-doc", type: "text/html", title: "the trip planner"),
                link("\(b)/conformance", rel: "conformance", type: "application/json", title: "conformance classes"),
                link("\(b)/collections", rel: "data", type: "application/json", title: "the collections")
            ])
        ])
    }
}
