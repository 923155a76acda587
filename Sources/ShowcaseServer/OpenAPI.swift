import GeoCore
import SiteStore

/// The OpenAPI 3.0 description of every endpoint, served at `/api` and `/openapi.json`.
enum OpenAPIDocument {
    static func document(base: String) -> JSONValue {
        func text(_ s: String) -> JSONValue { .string(s) }
        func schema(_ type: String) -> JSONValue { .object(["type": text(type)]) }
        func content(_ types: [String], _ s: JSONValue = schema("object")) -> JSONValue {
            .object(JSONObject(types.map { ($0, .object(["schema": s])) }))
        }
        let problem: JSONValue = .object([
            "description": text("RFC 9457 problem details"),
            "content": content(["application/problem+json"], .object(["$ref": text("#/components/schemas/Problem")]))
        ])
        func responses(_ ok: String, _ types: [String], _ okSchema: JSONValue = schema("object"), extra: [String] = [])
            -> JSONValue
        {
            var r: JSONObject = ["200": .object(["description": text(ok), "content": content(types, okSchema)])]
            // Every operation answers errors as problem JSON: bad input, unknown place or feature,
            // wrong method, body too large, a request the data cannot satisfy, or busy.
            for code in ["400", "404", "405", "413", "422", "503"] + extra { r[code] = problem }
            return .object(r)
        }
        func query(
            _ name: String, _ description: String, required: Bool = false, type: String = "string",
            _ extra: JSONObject = [:]
        ) -> JSONValue {
            var sch: JSONObject = ["type": text(type)]
            if type == "string" { sch["minLength"] = .number(1) }
            for (k, v) in extra.members { sch[k] = v }
            return .object([
                "name": text(name), "in": text("query"), "required": .bool(required), "description": text(description),
                "schema": .object(sch)
            ])
        }
        let place = "lon,lat, a site id or a town name"
        let number = #"-?[0-9]+(\.[0-9]+)?"#
        let bbox = query(
            "bbox", "minLon,minLat,maxLon,maxLat (WGS 84, west < east, south < north)",
            ["pattern": text("^\(number),\(number),\(number),\(number)$")])
        let limit = query(
            "limit", "1–10000, default 100", type: "integer", ["minimum": .number(1), "maximum": .number(10_000)])
        let offset = query("offset", "paging start (next links carry it)", type: "integer", ["minimum": .number(0)])
        let profileParam = query("profile", "travel profile", ["enum": .array(["car", "coach", "walk"].map(text))])
        func pathParameter(_ name: String) -> JSONValue {
            .object(["name": text(name), "in": text("path"), "required": .bool(true), "schema": schema("string")])
        }
        func get(_ summary: String, _ parameters: [JSONValue], _ responses: JSONValue) -> JSONValue {
            .object([
                "get": .object(["summary": text(summary), "parameters": .array(parameters), "responses": responses])
            ])
        }
        func post(
            _ summary: String, _ bodyTypes: [String], _ parameters: [JSONValue], _ responses: JSONValue,
            body: JSONValue = schema("object")
        ) -> JSONValue {
            .object([
                "post": .object([
                    "summary": text(summary), "parameters": .array(parameters),
                    "requestBody": .object(["required": .bool(true), "content": content(bodyTypes, body)]),
                    "responses": responses
                ])
            ])
        }
        let geojson = ["application/geo+json"]
        var paths: JSONObject = [
            "/": get(
                "Landing page", [],
                responses("Links to the API, conformance, collections and the map", ["application/json"])),
            "/conformance": get(
                "Conformance classes", [],
                responses("The OGC API conformance classes implemented", ["application/json"])),
            "/collections": get(
                "The collections", [], responses("Sites, towns, routes and tours", ["application/json"]))
        ]
        // One path per collection: each has its own filters, so the definition says exactly what each accepts.
        let filters: [String: [JSONValue]] = [
            "sites": [
                query(
                    "q", "text search: a Chinese substring, English, pinyin or an official list name, best match first"),
                query("kind", "site kind"), query("theme", "theme tag"), query("league", "league or city"),
                query(
                    "level", "a designation at this level (with scheme: in that scheme)",
                    ["enum": .array(Designation.levels.sorted().map(text))]),
                query(
                    "scheme", "a designation in this scheme", ["enum": .array(Designation.schemes.sorted().map(text))]),
                query("batch", "a designation of this batch (with scheme: in that scheme)", type: "integer"),
                query("period", "the period contains this text, e.g. 辽"),
                query("status", "status", ["enum": .array(["active", "under-review", "withdrawn"].map(text))])
            ],
            "towns": [],
            "roads": [query("highway", "OSM highway class, e.g. motorway")],
            "routes": [query("kind", "route kind", ["enum": .array(["heritage"].map(text))])],
            "tours": [query("kind", "tour kind", ["enum": .array(["study", "red-education"].map(text))])]
        ]
        // Writes: only with the operator's bearer token (401 without or with a wrong one, 403 when the server is read-only).
        var write = post(
            "Add or update sites (GeoJSON or CSV, upsert by id); needs the operator's token",
            ["application/geo+json", "text/csv"], [],
            responses("How many sites were inserted and updated", ["application/json"], extra: ["401", "403"]))
        if case var .object(w) = write, case var .object(op) = w["post"] {
            op["security"] = .array([.object(["bearer": .array([])])])
            w["post"] = .object(op); write = .object(w)
        }
        for id in ["sites", "towns", "roads", "routes", "tours"] {
            paths["/collections/\(id)"] = get(
                "The \(id) collection", [], responses("The collection's description and extent", ["application/json"]))
            paths["/collections/\(id)/items"] = get(
                "Features of \(id)", [bbox, limit, offset] + filters[id]!,
                responses("A GeoJSON FeatureCollection with numberMatched, numberReturned and next links", geojson))
            if id == "sites", case let .object(g) = paths["/collections/sites/items"]!, case let .object(w) = write {
                var both = g
                both["post"] = w["post"]
                paths["/collections/sites/items"] = .object(both)
            }
            if id == "routes" || id == "tours", case var .object(g) = paths["/collections/\(id)/items"]! {
                // An arranged itinerary saved as a route or tour (the web app's "Save"); the token is needed.
                let saveBody: JSONValue = .object([
                    "type": text("object"), "required": .array([text("id"), text("itinerary")]),
                    "properties": .object([
                        "id": .object(["type": text("string"), "pattern": text("^[a-z0-9-]{1,80}$")]),
                        "name_zh": schema("string"), "name_en": schema("string"),
                        "kind": .object([
                            "type": text("string"),
                            "enum": .array((id == "routes" ? ["heritage"] : ["study", "red-education"]).map(text))
                        ]),
                        "audience": schema("string"), "notes": schema("string"), "itinerary": schema("object")
                    ])
                ])
                var r = responses(
                    "Replaced a route or tour of the same id", ["application/json"], extra: ["401", "403"])
                if case var .object(ro) = r, case let .object(ok)? = ro["200"] {
                    var created = ok
                    created["description"] = text("Saved as a new route or tour")
                    ro["201"] = .object(created)
                    r = .object(ro)
                }
                var op: JSONObject = [
                    "summary": text(
                        "Save an arranged itinerary as a stored \(id == "routes" ? "route" : "tour"); needs the operator's token"
                    ),
                    "requestBody": .object(["required": .bool(true), "content": content(["application/json"], saveBody)]
                    ),
                    "responses": r, "security": .array([.object(["bearer": .array([])])])
                ]
                op["parameters"] = .array([])
                g["post"] = .object(op)
                paths["/collections/\(id)/items"] = .object(g)
            }
            paths["/collections/\(id)/items/{featureId}"] = get(
                "One feature of \(id)", [pathParameter("featureId")],
                responses("A GeoJSON Feature", geojson, extra: ["404"]))
        }
        let matrixBody: JSONValue = .object([
            "oneOf": .array([
                .object([
                    "type": text("object"), "required": .array([text("points")]),
                    "properties": .object([
                        "points": .object([
                            "type": text("array"), "minItems": .number(1), "maxItems": .number(500),
                            "description": text("[lon, lat] pairs, WGS 84"),
                            "items": .object([
                                "type": text("array"), "minItems": .number(2), "maxItems": .number(2),
                                "items": .object([
                                    "type": text("number"), "minimum": .number(-90), "maximum": .number(90)
                                ])
                            ])
                        ]),
                        "profile": .object(["type": text("string"), "enum": .array(["car", "coach", "walk"].map(text))])
                    ])
                ]),
                .object([
                    "type": text("object"), "required": .array([text("sites")]),
                    "properties": .object([
                        "sites": .object([
                            "type": text("array"), "minItems": .number(1), "maxItems": .number(500),
                            "items": .object(["type": text("string"), "minLength": .number(1)])
                        ]),
                        "profile": .object(["type": text("string"), "enum": .array(["car", "coach", "walk"].map(text))])
                    ])
                ])
            ])
        ])
        let textList: JSONValue = .object([
            "type": text("array"), "items": .object(["type": text("string"), "minLength": .number(1)])
        ])
        var planProperties: JSONObject = [
            "start": .object(["type": text("string"), "minLength": .number(1)]),
            "end": .object(["type": text("string"), "minLength": .number(1)]),
            "date": .object(["type": text("string"), "pattern": text("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]),
            "days": .object(["type": text("integer"), "minimum": .number(1), "maximum": .number(14)]),
            "profile": .object(["type": text("string"), "enum": .array(["car", "coach", "walk"].map(text))]),
            "window": .object(["type": text("string"), "pattern": text("^[0-9]{2}:[0-9]{2}-[0-9]{2}:[0-9]{2}$")]),
            "themes": textList, "kinds": textList, "must": textList, "avoid": textList, "hotels": textList,
            "lunch_at": textList, "only": textList,
            "choose_hotels": .object(["type": text("boolean")]), "driving_rule": .object(["type": text("boolean")]),
            "seed": .object(["type": text("integer"), "minimum": .number(0)]),
            "iterations": .object(["type": text("integer"), "minimum": .number(0)]),
            "time_limit": .object([
                "type": text("number"), "exclusiveMinimum": .bool(true), "minimum": .number(0), "maximum": .number(10)
            ]),
            // A school group (Config/group.yaml, costs.yaml): coaches, staff ratios, costs, budget.
            "group": .object([
                "type": text("object"), "required": .array([text("students")]),
                "properties": .object(
                    JSONObject(
                        [
                            ("students", 1, 10_000), ("grade", 1, 12), ("teachers", 0, 1_000),
                            ("safety_officers", 0, 1_000), ("guides", 0, 1_000)
                        ].map { name, low, high in
                            (
                                name,
                                JSONValue.object([
                                    "type": text("integer"), "minimum": .number(Double(low)),
                                    "maximum": .number(Double(high))
                                ])
                            )
                        })),
                "additionalProperties": .bool(false)
            ]),
            "group_size": .object(["type": text("integer"), "minimum": .number(1), "maximum": .number(10_000)]),
            "coach_seats": .object(["type": text("integer"), "minimum": .number(1), "maximum": .number(100)]),
            "budget_per_student": .object([
                "type": text("number"), "exclusiveMinimum": .bool(true), "minimum": .number(0),
                "description": text("CNY per pupil, all in; the plan keeps within it")
            ])
        ]
        let planBody: JSONValue = .object([
            "type": text("object"), "required": .array([text("start"), text("date")]),
            "properties": .object(planProperties),
            "description": text("The keys of a plan file (see Plans/*.yaml), as JSON or YAML.")
        ])
        planProperties["visits"] = .object([
            "type": text("array"), "minItems": .number(1), "maxItems": .number(14),
            "description": text(
                "each day's site ids in order, or {site, stay_minutes, rests, pinned} or {lunch: true}"),
            "items": .object([
                "type": text("array"),
                "items": .object([
                    "oneOf": .array([
                        .object(["type": text("string"), "minLength": .number(1)]),
                        .object([
                            "type": text("object"),
                            "properties": .object([
                                "site": .object(["type": text("string"), "minLength": .number(1)]),
                                "lunch": .object(["type": text("boolean")]),
                                "stay_minutes": .object(["type": text("integer"), "minimum": .number(1)]),
                                "rests": .object(["type": text("integer"), "minimum": .number(0)]),
                                "pinned": .object(["type": text("boolean")])
                            ])
                        ])
                    ])
                ])
            ])
        ])
        let itineraryBody: JSONValue = .object([
            "type": text("object"), "required": .array([text("start"), text("date"), text("visits")]),
            "properties": .object(planProperties),
            "description": text("An itinerary arranged by hand: a plan file's keys plus visits.")
        ])
        // notice: the parents' notice (家长告知书); filing: the filing sheet (备案表); both Markdown.
        let planFormats = ["json", "geojson", "gpx", "kml", "md", "text", "ics", "notice", "filing"]
        let planTypes = [
            "application/json", "application/geo+json", "application/gpx+xml", "application/vnd.google-earth.kml+xml",
            "text/markdown", "text/plain", "text/calendar"
        ]
        let formatParam = query("f", "output format (the CLI's --format)", ["enum": .array(planFormats.map(text))])
        let langParam = query(
            "lang", "zh or en: the language of every text in the answer and its errors (default: Accept-Language)",
            ["enum": .array(["zh", "en"].map(text))])
        let fieldsParam = query(
            "fields", "keys (default): request fields named as keys; marked: kept as «key», for a client to word",
            ["enum": .array(["keys", "marked"].map(text))])
        let solveBody: JSONValue = .object([
            "type": text("object"), "required": .array([text("jobs"), text("vehicles")]),
            "description": text(
                "VROOM's problem format; our extensions: mandatory on a job, and hotel_selection {candidates: [index or [lon, lat]], max_travel_time} to make the vehicles the days of one trip whose nights are chosen (the answer adds hotel_selection.sequence). An OPHS instance in Divsalar's text format is also accepted (answered as {score, trips})"
            )
        ])
        // The same operation as `showcase itinerary evaluate`, with the document as the body or,
        // for links, in the query.
        let evaluateResponses = responses(
            "The itinerary timed again, with its violations", planTypes, extra: ["422", "503"])
        paths["/itinerary/evaluate"] = .object([
            "get": .object([
                "summary": text("Time an arranged itinerary (in the URL) again and name every rule it breaks"),
                "parameters": .array([
                    query("itinerary", "the itinerary document, JSON or YAML", required: true), formatParam, langParam,
                    fieldsParam,
                    query("download", "answer as a file to save", type: "boolean")
                ]), "responses": evaluateResponses
            ]),
            "post": .object([
                "summary": text("Time an arranged itinerary again and name every rule it breaks"),
                "parameters": .array([formatParam, langParam, fieldsParam]),
                "requestBody": .object([
                    "required": .bool(true), "content": content(["application/json", "application/yaml"], itineraryBody)
                ]),
                "responses": evaluateResponses
            ])
        ])
        for (path, value) in [
            (
                "/route",
                get(
                    "Fastest road route through places in order (showcase route)",
                    [
                        query("from", place, required: true), query("to", place, required: true),
                        .object([
                            "name": text("via"), "in": text("query"), "required": .bool(false), "style": text("form"),
                            "explode": .bool(true),
                            "description": text("a stop on the way (repeatable, in order)"),
                            "schema": .object([
                                "type": text("array"),
                                "items": .object(["type": text("string"), "minLength": .number(1)])
                            ])
                        ]),
                        profileParam,
                        query(
                            "algorithm", "dijkstra, astar or ch (same answer)",
                            ["enum": .array(["dijkstra", "astar", "ch"].map(text))]),
                        query("f", "json, geojson or text", ["enum": .array(["json", "geojson", "text"].map(text))])
                    ],
                    responses(
                        "Distance, duration, legs, last mile and the route's geometry",
                        ["application/json", "application/geo+json", "text/plain"], extra: ["422"]))
            ),
            (
                "/matrix",
                post(
                    "Travel times and distances between places (showcase matrix)", ["application/json"],
                    [query("f", "json or csv", ["enum": .array(["json", "csv"].map(text))])],
                    responses(
                        "places, durations (s) and distances (m), null where no route", ["application/json", "text/csv"]
                    ), body: matrixBody)
            ),
            (
                "/reach",
                get(
                    "Reachable area and sites",
                    [
                        query("from", place, required: true),
                        query(
                            "minutes",
                            "one or more limits in minutes, comma-separated (e.g. 30,60,90), each more than 0 and at most 1440",
                            required: true, ["pattern": text("^[0-9.]+(,[0-9.]+)*$")]),
                        profileParam,
                        query(
                            "buffer_m",
                            "how far an area reaches either side of a reached road (metres, 10 to 5000; default 1/50 of the reach, 25 to 2000)",
                            type: "number", ["minimum": .number(10), "maximum": .number(5000)])
                    ],
                    responses(
                        "One area per limit (MultiPolygon following the roads, largest first) and the sites within the largest",
                        geojson))
            ),
            (
                "/plan",
                post(
                    "Plan a trip (showcase plan; the plan file's keys, JSON or YAML); checked before it is answered",
                    ["application/json", "application/yaml"],
                    [formatParam, langParam, fieldsParam],
                    responses("The itinerary", planTypes, extra: ["422", "500", "503"]),
                    body: planBody)
            ),
            (
                "/solve",
                post(
                    "Solve a VROOM problem (showcase solve); checked before it is answered", ["application/json"],
                    [
                        query(
                            "time_limit", "seconds per thread, at most the server's cap", type: "number",
                            ["exclusiveMinimum": .bool(true), "minimum": .number(0)]),
                        query(
                            "seed", "the same seed and iterations give the same answer", type: "integer",
                            ["minimum": .number(0)]),
                        query("iterations", "rounds per thread", type: "integer", ["minimum": .number(0)]),
                        query(
                            "threads", "parallel searches", type: "integer",
                            ["minimum": .number(1), "maximum": .number(64)]),
                        profileParam, query("straight_line", "straight lines even with a road graph", type: "boolean"),
                        query(
                            "speed_kmh", "straight-line speed", type: "number",
                            ["exclusiveMinimum": .bool(true), "minimum": .number(0)])
                    ],
                    responses(
                        "VROOM's solution format (with our warnings member)", ["application/json"],
                        extra: ["500", "503"]), body: solveBody)
            ),
            (
                "/api",
                get(
                    "This OpenAPI document", [],
                    responses("OpenAPI 3.0", ["application/vnd.oai.openapi+json;version=3.0"]))
            ),
            (
                "/openapi.json",
                get(
                    "This OpenAPI document", [],
                    responses("OpenAPI 3.0", ["application/vnd.oai.openapi+json;version=3.0"]))
            ),
            (
                "/basemap",
                get(
                    "The offline base map: a GeoJSON FeatureCollection whose features carry `layer` (province, "
                        + "league, border, river, lake, road), built from open data (GeoData/README.md)", [],
                    responses("The base map", ["application/geo+json"]))
            ),
            (
                "/app",
                get(
                    "The planner's web app (HTML)", [],
                    .object([
                        "200": .object([
                            "description": text("HTML"), "content": content(["text/html"], schema("string"))
                        ])
                    ]))
            )
        ] { paths[path] = value }
        return .object([
            "openapi": text("3.0.3"),
            "info": .object([
                "title": text("Showcase Route Planner"), "version": text("1.0.0"),
                "description": text(
                    "OGC API – Features for Inner Mongolia's showcase sites, towns, roads, routes and tours, and planning endpoints (route, matrix, reach, plan, solve, itinerary evaluation): the same operations as the showcase CLI, with its flags as snake_case keys. Errors are RFC 9457 problem JSON with a stable code member."
                )
            ]),
            "servers": .array([.object(["url": text(base)])]),
            "paths": .object(paths),
            "components": .object([
                "securitySchemes": .object(["bearer": .object(["type": text("http"), "scheme": text("bearer")])]),
                "schemas": .object([
                    "Problem": .object([
                        "type": text("object"),
                        "properties": .object([
                            "type": schema("string"), "title": schema("string"), "status": schema("integer"),
                            "detail": schema("string"), "instance": schema("string"),
                            "code": schema("string"), "field": schema("string")
                        ])
                    ])
                ])
            ])
        ])
    }
}
