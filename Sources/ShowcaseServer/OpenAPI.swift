import GeoCore
import SiteStore

/// Pieces of OpenAPI 3.0 the endpoint table describes its operations with.
enum OAS {
    static func text(_ s: String) -> JSONValue { .string(s) }
    static func schema(_ type: String) -> JSONValue { .object(["type": text(type)]) }
    static func content(_ types: [String], _ s: JSONValue = schema("object")) -> JSONValue {
        .object(JSONObject(types.map { ($0, .object(["schema": s])) }))
    }
    static let problem: JSONValue = .object([
        "description": text("RFC 9457 problem details"),
        "content": content(["application/problem+json"], .object(["$ref": text("#/components/schemas/Problem")]))
    ])

    /// A 200 answer of `types`, and problem JSON for every error an operation can give: bad
    /// input, unknown place or feature, wrong method, body too large, a request the data cannot
    /// satisfy, or busy (and `extra` codes).
    static func responses(
        _ ok: String, _ types: [String], _ okSchema: JSONValue = schema("object"), extra: [String] = [],
        okStatus: String = "200"
    ) -> JSONValue {
        var r: JSONObject = [okStatus: .object(["description": text(ok), "content": content(types, okSchema)])]
        for code in ["400", "404", "405", "413", "422", "503"] + extra { r[code] = problem }
        return .object(r)
    }

    static func query(
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

    static func header(_ name: String, _ description: String) -> JSONValue {
        .object([
            "name": text(name), "in": text("header"), "required": .bool(false), "description": text(description),
            "schema": schema("string")
        ])
    }

    static func pathParameter(_ name: String) -> JSONValue {
        .object(["name": text(name), "in": text("path"), "required": .bool(true), "schema": schema("string")])
    }

    /// An operation object: summary, parameters, an optional request body, responses.
    static func operation(
        _ summary: String, _ parameters: [JSONValue], body: (types: [String], schema: JSONValue)? = nil,
        _ responses: JSONValue
    ) -> JSONObject {
        var op: JSONObject = [
            "summary": text(summary), "parameters": .array(parameters), "responses": responses
        ]
        if let body {
            op["requestBody"] = .object(["required": .bool(true), "content": content(body.types, body.schema)])
        }
        return op
    }

    /// An operation without parameters or body.
    static func operation(_ summary: String, _ responses: JSONValue) -> JSONObject {
        operation(summary, [], body: nil, responses)
    }

    /// An operation with a body and no parameters.
    static func operation(_ summary: String, body: (types: [String], schema: JSONValue), _ responses: JSONValue)
        -> JSONObject
    {
        operation(summary, [], body: body, responses)
    }

    static func html(_ summary: String, _ parameters: [JSONValue] = []) -> JSONObject {
        operation(
            summary, parameters,
            .object(["200": .object(["description": text("HTML"), "content": content(["text/html"], schema("string"))])]
            ))
    }

    static let place = "lon,lat, a site id or a town name"
    static let profile = query("profile", "travel profile", ["enum": .array(["car", "coach", "walk"].map(text))])
}

/// The OpenAPI 3.0 description of the endpoint table, served at `/api` and `/openapi.json`.
enum OpenAPIDocument {
    static func document(base: String, table: EndpointTable) -> JSONValue {
        var paths: JSONObject = [:]
        for e in table.endpoints {
            guard var op = e.operation else { continue }
            if case var .array(parameters)? = op["parameters"] {
                for name in e.pathParameters
                where !parameters.contains(where: { p in
                    if case let .object(o) = p { return o["name"] == .string(name) && o["in"] == .string("path") }
                    return false
                }) {
                    parameters.insert(OAS.pathParameter(name), at: 0)
                }
                op["parameters"] = .array(parameters)
            }
            if e.access == .editor {
                op["security"] = .array([.object(["bearer": .array([])])])
                if case var .object(r)? = op["responses"] {
                    for code in ["401", "403"] where r[code] == nil { r[code] = OAS.problem }
                    op["responses"] = .object(r)
                }
            }
            var item = paths[e.path]?.objectValue ?? [:]
            item[e.method.rawValue.lowercased()] = .object(op)
            if e.access == .editor, item["options"] == nil {
                // OGC API – Features Part 4: a client asks which methods it may use here.
                item["options"] = .object([
                    "summary": .string("The methods this path answers (the Allow header)"),
                    "parameters": .array(e.pathParameters.map(OAS.pathParameter)),
                    "responses": .object([
                        "204": .object([
                            "description": .string("No content; Allow lists the methods"),
                            "headers": .object(["Allow": .object(["schema": OAS.schema("string")])])
                        ])
                    ])
                ])
            }
            paths[e.path] = .object(item)
        }
        return .object([
            "openapi": .string("3.0.3"),
            "info": .object([
                "title": .string("Showcase Route Planner"), "version": .string("1.0.0"),
                "description": .string(
                    "OGC API – Features for Inner Mongolia's showcase sites, towns, roads, routes and tours "
                        + "(Part 4 editing of sites with an editor's token), and planning endpoints (route, matrix, "
                        + "reach, plan, solve, itinerary evaluation): the same operations as the showcase CLI, with "
                        + "its flags as snake_case keys. Errors are RFC 9457 problem JSON with a stable code member."
                )
            ]),
            "servers": .array([.object(["url": .string(base)])]),
            "paths": .object(paths),
            "components": .object([
                "securitySchemes": .object(["bearer": .object(["type": .string("http"), "scheme": .string("bearer")])]),
                "schemas": .object([
                    "Problem": .object([
                        "type": .string("object"),
                        "properties": .object([
                            "type": OAS.schema("string"), "title": OAS.schema("string"),
                            "status": OAS.schema("integer"), "detail": OAS.schema("string"),
                            "instance": OAS.schema("string"), "code": OAS.schema("string"),
                            "field": OAS.schema("string")
                        ])
                    ])
                ])
            ])
        ])
    }
}

extension Endpoint {
    /// The names of the path's `{name}` segments.
    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map {
            String($0.dropFirst().dropLast())
        }
    }
}

/// The request bodies and shared parameters of the planning endpoints.
extension OAS {
    static let profileEnum: JSONValue = .object([
        "type": text("string"), "enum": .array(["car", "coach", "walk"].map(text))
    ])

    static let matrixBody: JSONValue = {
        func places(_ key: String, items: JSONValue, description: String? = nil) -> JSONValue {
            var list: JSONObject = [
                "type": text("array"), "minItems": .number(1), "maxItems": .number(500), "items": items
            ]
            if let description { list["description"] = text(description) }
            return .object([
                "type": text("object"), "required": .array([text(key)]),
                "properties": .object([key: .object(list), "profile": profileEnum])
            ])
        }
        let pair: JSONValue = .object([
            "type": text("array"), "minItems": .number(2), "maxItems": .number(2),
            "items": .object(["type": text("number"), "minimum": .number(-90), "maximum": .number(90)])
        ])
        return .object([
            "oneOf": .array([
                places("points", items: pair, description: "[lon, lat] pairs, WGS 84"),
                places("sites", items: .object(["type": text("string"), "minLength": .number(1)]))
            ])
        ])
    }()

    /// The keys of a plan file; `visits` too when `arranged` (an itinerary arranged by hand).
    static func planProperties(arranged: Bool) -> JSONObject {
        let textList: JSONValue = .object([
            "type": text("array"), "items": .object(["type": text("string"), "minLength": .number(1)])
        ])
        var p: JSONObject = [
            "start": .object(["type": text("string"), "minLength": .number(1)]),
            "end": .object(["type": text("string"), "minLength": .number(1)]),
            "date": .object(["type": text("string"), "pattern": text("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]),
            "days": .object(["type": text("integer"), "minimum": .number(1), "maximum": .number(14)]),
            "profile": profileEnum,
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
        guard arranged else { return p }
        let stop: JSONValue = .object([
            "type": text("object"),
            "properties": .object([
                "site": .object(["type": text("string"), "minLength": .number(1)]),
                "lunch": .object(["type": text("boolean")]),
                "stay_minutes": .object(["type": text("integer"), "minimum": .number(1)]),
                "rests": .object(["type": text("integer"), "minimum": .number(0)]),
                "pinned": .object(["type": text("boolean")])
            ])
        ])
        p["visits"] = .object([
            "type": text("array"), "minItems": .number(1), "maxItems": .number(14),
            "description": text(
                "each day's site ids in order, or {site, stay_minutes, rests, pinned} or {lunch: true}"),
            "items": .object([
                "type": text("array"),
                "items": .object([
                    "oneOf": .array([.object(["type": text("string"), "minLength": .number(1)]), stop])
                ])
            ])
        ])
        return p
    }

    static let planBody: JSONValue = .object([
        "type": text("object"), "required": .array([text("start"), text("date")]),
        "properties": .object(planProperties(arranged: false)),
        "description": text("The keys of a plan file (see Plans/*.yaml), as JSON or YAML.")
    ])

    static let itineraryBody: JSONValue = .object([
        "type": text("object"), "required": .array([text("start"), text("date"), text("visits")]),
        "properties": .object(planProperties(arranged: true)),
        "description": text("An itinerary arranged by hand: a plan file's keys plus visits.")
    ])

    static let solveBody: JSONValue = .object([
        "type": text("object"), "required": .array([text("jobs"), text("vehicles")]),
        "description": text(
            "VROOM's problem format; our extensions: mandatory on a job, and hotel_selection {candidates: "
                + "[index or [lon, lat]], max_travel_time} to make the vehicles the days of one trip whose nights "
                + "are chosen (the answer adds hotel_selection.sequence). An OPHS instance in Divsalar's text "
                + "format is also accepted (answered as {score, trips})")
    ])

    // notice: the parents' notice (家长告知书); filing: the filing sheet (备案表); both Markdown.
    static let planFormats = ["json", "geojson", "gpx", "kml", "md", "text", "ics", "notice", "filing"]
    static let planTypes = [
        "application/json", "application/geo+json", "application/gpx+xml", "application/vnd.google-earth.kml+xml",
        "text/markdown", "text/plain", "text/calendar"
    ]
    static let planFormat = query("f", "output format (the CLI's --format)", ["enum": .array(planFormats.map(text))])
    static let language = query(
        "lang", "zh or en: the language of every text in the answer and its errors (default: Accept-Language)",
        ["enum": .array(["zh", "en"].map(text))])
    static let fields = query(
        "fields", "keys (default): request fields named as keys; marked: kept as «key», for a client to word",
        ["enum": .array(["keys", "marked"].map(text))])

    /// Each collection's own filters, so the definition says exactly what each accepts.
    static let collectionFilters: [String: [JSONValue]] = [
        "sites": [
            query("q", "text search: a Chinese substring, English, pinyin or an official list name, best match first"),
            query("kind", "site kind"), query("theme", "theme tag"), query("league", "league or city"),
            query(
                "level", "a designation at this level (with scheme: in that scheme)",
                ["enum": .array(Designation.levels.sorted().map(text))]),
            query("scheme", "a designation in this scheme", ["enum": .array(Designation.schemes.sorted().map(text))]),
            query("batch", "a designation of this batch (with scheme: in that scheme)", type: "integer"),
            query("period", "the period contains this text, e.g. 辽"),
            query("status", "status", ["enum": .array(["active", "under-review", "withdrawn"].map(text))])
        ],
        "towns": [],
        "roads": [query("highway", "OSM highway class, e.g. motorway")],
        "routes": [query("kind", "route kind", ["enum": .array(["heritage"].map(text))])],
        "tours": [query("kind", "tour kind", ["enum": .array(["study", "red-education"].map(text))])]
    ]
}

/// The parameters and bodies of the collections.
extension OAS {
    static let bbox: JSONValue = {
        let number = #"-?[0-9]+(\.[0-9]+)?"#
        return query(
            "bbox", "minLon,minLat,maxLon,maxLat (WGS 84, west < east, south < north)",
            ["pattern": text("^\(number),\(number),\(number),\(number)$")])
    }()
    static let limit = query(
        "limit", "1–10000, default 100", type: "integer", ["minimum": .number(1), "maximum": .number(10_000)])
    static let offset = query("offset", "paging start (next links carry it)", type: "integer", ["minimum": .number(0)])

    /// An arranged itinerary saved as a route or tour (the web app's "Save").
    static func saveRouteBody(_ layer: String) -> JSONValue {
        .object([
            "type": text("object"), "required": .array([text("id"), text("itinerary")]),
            "properties": .object([
                "id": .object(["type": text("string"), "pattern": text("^[a-z0-9-]{1,80}$")]),
                "name_zh": schema("string"), "name_en": schema("string"),
                "kind": .object([
                    "type": text("string"),
                    "enum": .array((layer == "routes" ? ["heritage"] : ["study", "red-education"]).map(text))
                ]),
                "audience": schema("string"), "notes": schema("string"), "itinerary": schema("object")
            ])
        ])
    }

    static let savedRouteResponses: JSONValue = {
        var r = responses("Replaced a route or tour of the same id", ["application/json"]).objectValue!
        var created = r["200"]!.objectValue!
        created["description"] = text("Saved as a new route or tour")
        r["201"] = .object(created)
        return .object(r)
    }()
}
