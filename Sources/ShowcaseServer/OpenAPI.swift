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
            for code in ["400"] + extra { r[code] = problem }
            return .object(r)
        }
        func query(_ name: String, _ description: String, required: Bool = false, type: String = "string") -> JSONValue {
            .object(["name": text(name), "in": text("query"), "required": .bool(required), "description": text(description), "schema": schema(type)])
        }
        func pathParameter(_ name: String) -> JSONValue {
            .object(["name": text(name), "in": text("path"), "required": .bool(true), "schema": schema("string")])
        }
        func get(_ summary: String, _ parameters: [JSONValue], _ responses: JSONValue) -> JSONValue {
            .object(["get": .object(["summary": text(summary), "parameters": .array(parameters), "responses": responses])])
        }
        func post(_ summary: String, _ bodyTypes: [String], _ parameters: [JSONValue], _ responses: JSONValue) -> JSONValue {
            .object(["post": .object(["summary": text(summary), "parameters": .array(parameters),
                                      "requestBody": .object(["required": .bool(true), "content": content(bodyTypes)]), "responses": responses])])
        }
        let collectionId: JSONValue = .object(["name": text("collectionId"), "in": text("path"), "required": .bool(true),
                                               "schema": .object(["type": text("string"), "enum": .array(["sites", "towns", "routes", "tours"].map(text))])])
        let geojson = ["application/geo+json"]
        let paths: JSONObject = [
            "/": get("Landing page", [], responses("Links to the API, conformance, collections and the map", ["application/json"])),
            "/conformance": get("Conformance classes", [], responses("The OGC API conformance classes implemented", ["application/json"])),
            "/collections": get("The collections", [], responses("Sites, towns, routes and tours", ["application/json"])),
            "/collections/{collectionId}": get("One collection", [collectionId], responses("The collection's description and extent", ["application/json"], extra: ["404"])),
            "/collections/{collectionId}/items": get("Features of a collection", [
                collectionId, query("bbox", "minLon,minLat,maxLon,maxLat (WGS 84)"), query("limit", "1–10000, default 100", type: "integer"),
                query("offset", "paging start (next links carry it)", type: "integer"), query("kind", "sites: kind; routes/tours: kind"),
                query("theme", "sites: theme tag"), query("league", "sites: league or city"), query("level", "sites: designation level"),
                query("status", "sites: active, under-review, withdrawn"),
            ], responses("A GeoJSON FeatureCollection with numberMatched, numberReturned and next links", geojson, extra: ["404"])),
            "/collections/{collectionId}/items/{featureId}": get("One feature", [collectionId, pathParameter("featureId")],
                                                                 responses("A GeoJSON Feature", geojson, extra: ["404"])),
            "/route": get("Fastest road route", [query("from", "lon,lat, site id or town", required: true), query("to", "lon,lat, site id or town", required: true),
                                                 query("profile", "car, coach or walk"), query("f", "json or geojson")],
                          responses("Distance, duration and the route's geometry", ["application/json", "application/geo+json"], extra: ["422"])),
            "/matrix": post("Travel times and distances between places", ["application/json"], [], responses("durations (s) and distances (m), null where no route", ["application/json"])),
            "/reach": get("Reachable area and sites", [query("from", "lon,lat, site id or town", required: true), query("minutes", "1–1440", required: true, type: "number"),
                                                       query("profile", "car, coach or walk")], responses("The area (convex hull) and the sites within the time", geojson)),
            "/plan": post("Plan a trip (the plan file's keys, JSON or YAML)", ["application/json", "application/yaml"],
                          [query("f", "json, geojson, gpx, kml or md"), query("lang", "zh or en (md)")],
                          responses("The itinerary", ["application/json", "application/geo+json", "application/gpx+xml", "application/vnd.google-earth.kml+xml", "text/markdown"], extra: ["422", "503"])),
            "/solve": post("Solve a VROOM problem", ["application/json"], [query("time_limit", "seconds, capped by the server", type: "number")],
                           responses("VROOM's solution format", ["application/json"], extra: ["503"])),
            "/api": get("This OpenAPI document", [], responses("OpenAPI 3.0", ["application/vnd.oai.openapi+json;version=3.0"])),
            "/openapi.json": get("This OpenAPI document", [], responses("OpenAPI 3.0", ["application/vnd.oai.openapi+json;version=3.0"])),
            "/map": get("A map page (Leaflet, served from this machine)", [], .object(["200": .object(["description": text("HTML"), "content": content(["text/html"], schema("string"))])])),
        ]
        return .object([
            "openapi": text("3.0.3"),
            "info": .object(["title": text("Showcase Route Planner"), "version": text("1.0.0"),
                             "description": text("OGC API – Features for Inner Mongolia's showcase sites, towns, routes and tours, and planning endpoints (route, matrix, reach, plan, solve).")]),
            "servers": .array([.object(["url": text(base)])]),
            "paths": .object(paths),
            "components": .object(["schemas": .object(["Problem": .object(["type": text("object"), "properties": .object([
                "type": schema("string"), "title": schema("string"), "status": schema("integer"), "detail": schema("string"), "instance": schema("string"),
            ])])])]),
        ])
    }
}
