import GeoCore

/// The OpenAPI 3.0 description of every endpoint, served at `/api` and `/openapi.json`.
enum OpenAPIDocument {
    static func document(base: String) -> JSONValue {
        func text(_ s: String) -> JSONValue { .string(s) }
        func schema(_ type: String) -> JSONValue { .object(["type": text(type)]) }
        func content(_ types: [String], _ s: JSONValue = schema("object")) -> JSONValue {
            .object(JSONObject(types.map { ($0, .object(["schema": s])) }))
        }
        let problem: JSONValue = .object(["description": text("RFC 9457 problem details"), "content": content(["application/problem+json"], .object(["$ref": text("#/components/schemas/Problem")]))])
        func responses(_ ok: String, _ types: [String], _ okSchema: JSONValue = schema("object"), extra: [String] = []) -> JSONValue {
            var r: JSONObject = ["200": .object(["description": text(ok), "content": content(types, okSchema)])]
            // Every operation answers errors as problem JSON: bad input, unknown place or feature,
            // wrong method, body too large, a request the data cannot satisfy, or busy.
            for code in ["400", "404", "405", "413", "422", "503"] + extra { r[code] = problem }
            return .object(r)
        }
        func query(_ name: String, _ description: String, required: Bool = false, type: String = "string", _ extra: JSONObject = [:]) -> JSONValue {
            var sch: JSONObject = ["type": text(type)]
            if type == "string" { sch["minLength"] = .number(1) }
            for (k, v) in extra.members { sch[k] = v }
            return .object(["name": text(name), "in": text("query"), "required": .bool(required), "description": text(description), "schema": .object(sch)])
        }
        let place = "lon,lat, a site id or a town name"
        let number = #"-?[0-9]+(\.[0-9]+)?"#
        let bbox = query("bbox", "minLon,minLat,maxLon,maxLat (WGS 84, west < east, south < north)", ["pattern": text("^\(number),\(number),\(number),\(number)$")])
        let limit = query("limit", "1–10000, default 100", type: "integer", ["minimum": .number(1), "maximum": .number(10_000)])
        let offset = query("offset", "paging start (next links carry it)", type: "integer", ["minimum": .number(0)])
        let profileParam = query("profile", "travel profile", ["enum": .array(["car", "coach", "walk"].map(text))])
        func pathParameter(_ name: String) -> JSONValue {
            .object(["name": text(name), "in": text("path"), "required": .bool(true), "schema": schema("string")])
        }
        func get(_ summary: String, _ parameters: [JSONValue], _ responses: JSONValue) -> JSONValue {
            .object(["get": .object(["summary": text(summary), "parameters": .array(parameters), "responses": responses])])
        }
        func post(_ summary: String, _ bodyTypes: [String], _ parameters: [JSONValue], _ responses: JSONValue, body: JSONValue = schema("object")) -> JSONValue {
            .object(["post": .object(["summary": text(summary), "parameters": .array(parameters),
                                      "requestBody": .object(["required": .bool(true), "content": content(bodyTypes, body)]), "responses": responses])])
        }
        let geojson = ["application/geo+json"]
        var paths: JSONObject = [
            "/": get("Landing page", [], responses("Links to the API, conformance, collections and the map", ["application/json"])),
            "/conformance": get("Conformance classes", [], responses("The OGC API conformance classes implemented", ["application/json"])),
            "/collections": get("The collections", [], responses("Sites, towns, routes and tours", ["application/json"])),
        ]
        // One path per collection: each has its own filters, so the definition says exactly what each accepts.
        let filters: [String: [JSONValue]] = [
            "sites": [query("kind", "site kind"), query("theme", "theme tag"), query("league", "league or city"),
                      query("level", "designation level", ["enum": .array(["national", "autonomous-region", "league", "banner", "none"].map(text))]),
                      query("status", "status", ["enum": .array(["active", "under-review", "withdrawn"].map(text))])],
            "towns": [],
            "routes": [query("kind", "route kind", ["enum": .array(["heritage"].map(text))])],
            "tours": [query("kind", "tour kind", ["enum": .array(["study", "red-education"].map(text))])],
        ]
        // Writes: only with the operator's bearer token (401 without or with a wrong one, 403 when the server is read-only).
        var write = post("Add or update sites (GeoJSON or CSV, upsert by id); needs the operator's token", ["application/geo+json", "text/csv"], [],
                         responses("How many sites were inserted and updated", ["application/json"], extra: ["401", "403"]))
        if case var .object(w) = write, case var .object(op) = w["post"] {
            op["security"] = .array([.object(["bearer": .array([])])])
            w["post"] = .object(op); write = .object(w)
        }
        for id in ["sites", "towns", "routes", "tours"] {
            paths["/collections/\(id)"] = get("The \(id) collection", [], responses("The collection's description and extent", ["application/json"]))
            paths["/collections/\(id)/items"] = get("Features of \(id)", [bbox, limit, offset] + filters[id]!,
                                                     responses("A GeoJSON FeatureCollection with numberMatched, numberReturned and next links", geojson))
            if id == "sites", case let .object(g) = paths["/collections/sites/items"]!, case let .object(w) = write {
                var both = g
                both["post"] = w["post"]
                paths["/collections/sites/items"] = .object(both)
            }
            paths["/collections/\(id)/items/{featureId}"] = get("One feature of \(id)", [pathParameter("featureId")],
                                                                 responses("A GeoJSON Feature", geojson, extra: ["404"]))
        }
        let matrixBody: JSONValue = .object(["oneOf": .array([
            .object(["type": text("object"), "required": .array([text("points")]), "properties": .object([
                "points": .object(["type": text("array"), "minItems": .number(1), "maxItems": .number(500), "description": text("[lon, lat] pairs, WGS 84"), "items": .object([
                    "type": text("array"), "minItems": .number(2), "maxItems": .number(2),
                    "items": .object(["type": text("number"), "minimum": .number(-90), "maximum": .number(90)])])]),
                "profile": .object(["type": text("string"), "enum": .array(["car", "coach", "walk"].map(text))])])]),
            .object(["type": text("object"), "required": .array([text("sites")]), "properties": .object([
                "sites": .object(["type": text("array"), "minItems": .number(1), "maxItems": .number(500), "items": .object(["type": text("string"), "minLength": .number(1)])]),
                "profile": .object(["type": text("string"), "enum": .array(["car", "coach", "walk"].map(text))])])]),
        ])])
        let planBody: JSONValue = .object(["type": text("object"), "required": .array([text("start"), text("date")]), "properties": .object([
            "start": .object(["type": text("string"), "minLength": .number(1)]),
            "date": .object(["type": text("string"), "pattern": text("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]),
            "days": .object(["type": text("integer"), "minimum": .number(1), "maximum": .number(14)]),
            "profile": .object(["type": text("string"), "enum": .array(["car", "coach", "walk"].map(text))]),
            "time_limit": .object(["type": text("number"), "exclusiveMinimum": .bool(true), "minimum": .number(0), "maximum": .number(10)]),
        ])])
        let solveBody: JSONValue = .object(["type": text("object"), "required": .array([text("jobs"), text("vehicles")]), "description": text("VROOM's problem format")])
        for (path, value) in [
            ("/route", get("Fastest road route", [query("from", place, required: true), query("to", place, required: true),
                                                 profileParam, query("f", "json or geojson", ["enum": .array(["json", "geojson"].map(text))])],
                          responses("Distance, duration and the route's geometry", ["application/json", "application/geo+json"], extra: ["422"]))),
            ("/matrix", post("Travel times and distances between places", ["application/json"], [], responses("durations (s) and distances (m), null where no route", ["application/json"]), body: matrixBody)),
            ("/reach", get("Reachable area and sites", [query("from", place, required: true),
                                                       query("minutes", "more than 0, at most 1440", required: true, type: "number", ["exclusiveMinimum": .bool(true), "minimum": .number(0), "maximum": .number(1440)]),
                                                       profileParam], responses("The area (convex hull) and the sites within the time", geojson))),
            ("/plan", post("Plan a trip (the plan file's keys, JSON or YAML)", ["application/json", "application/yaml"],
                          [query("f", "output format", ["enum": .array(["json", "geojson", "gpx", "kml", "md"].map(text))]), query("lang", "zh or en (md)", ["enum": .array(["zh", "en"].map(text))])],
                          responses("The itinerary", ["application/json", "application/geo+json", "application/gpx+xml", "application/vnd.google-earth.kml+xml", "text/markdown"], extra: ["422", "503"]), body: planBody)),
            ("/solve", post("Solve a VROOM problem", ["application/json"], [query("time_limit", "seconds, capped by the server", type: "number", ["exclusiveMinimum": .bool(true), "minimum": .number(0)])],
                           responses("VROOM's solution format", ["application/json"], extra: ["503"]), body: solveBody)),
            ("/api", get("This OpenAPI document", [], responses("OpenAPI 3.0", ["application/vnd.oai.openapi+json;version=3.0"]))),
            ("/openapi.json", get("This OpenAPI document", [], responses("OpenAPI 3.0", ["application/vnd.oai.openapi+json;version=3.0"]))),
            ("/map", get("A map page (Leaflet, served from this machine)", [query("plan", "plan a day from this place on load"), query("date", "YYYY-MM-DD for plan")],
                         .object(["200": .object(["description": text("HTML"), "content": content(["text/html"], schema("string"))])]))),
        ] { paths[path] = value }
        return .object([
            "openapi": text("3.0.3"),
            "info": .object(["title": text("Showcase Route Planner"), "version": text("1.0.0"),
                             "description": text("OGC API – Features for Inner Mongolia's showcase sites, towns, routes and tours, and planning endpoints (route, matrix, reach, plan, solve).")]),
            "servers": .array([.object(["url": text(base)])]),
            "paths": .object(paths),
            "components": .object(["securitySchemes": .object(["bearer": .object(["type": text("http"), "scheme": text("bearer")])]),
                                   "schemas": .object(["Problem": .object(["type": text("object"), "properties": .object([
                "type": schema("string"), "title": schema("string"), "status": schema("integer"), "detail": schema("string"), "instance": schema("string"),
            ])])])]),
        ])
    }
}
