import Foundation
import GeoCore
import HTTPTypes
import Hummingbird
import Planner
import Service

/// Bounds how many plans and solves run at once; beyond it a request is refused (503), not queued.
actor Gate {
    let limit: Int
    var running = 0
    init(limit: Int) { self.limit = limit }
    func enter() -> Bool { guard running < limit else { return false }; running += 1; return true }
    func leave() { running -= 1 }

    /// Runs `work` off the server's event loops if a place is free; else throws `BusyError`.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard enter() else { throw BusyError() }
        defer { leave() }
        return try await Task.detached { try work() }.value
    }
}

/// The planning endpoints: each parses its query or body into the library's request and writes
/// the library's rendering of the result, exactly what the CLI command of the same name prints.
struct PlanningEndpoints: Sendable {
    let workspace: Workspace
    let gate: Gate

    static let planTypes: [PlanFormat: String] = [
        .json: "application/json", .geojson: "application/geo+json", .gpx: "application/gpx+xml",
        .kml: "application/vnd.google-earth.kml+xml", .md: "text/markdown; charset=utf-8",
        .text: "text/plain; charset=utf-8",
        .ics: "text/calendar; charset=utf-8", .notice: "text/markdown; charset=utf-8",
        .filing: "text/markdown; charset=utf-8"
    ]

    /// `GET /route?from=&to=&via=…&profile=&algorithm=&f=json|geojson|text`
    func route(_ request: Request) throws -> Response {
        let q = try Query(request, known: ["from", "to", "via", "profile", "algorithm"])
        let r = RouteRequest(
            from: try q.required("from", "lon,lat, a site id or a town"),
            to: try q.required("to", "lon,lat, a site id or a town"),
            via: q.all("via"), profile: q.string("profile") ?? "car", algorithm: q.string("algorithm") ?? "ch")
        let format = try q.format(RouteResult.Format.self, default: .json)
        let types: [RouteResult.Format: String] = [
            .json: "application/json", .geojson: "application/geo+json", .text: "text/plain; charset=utf-8"
        ]
        return reply(try workspace.route(r).render(format), type: types[format]!)
    }

    /// `POST /matrix` with `{"sites": [id, …]}` (or "id,id") or `{"points": [[lon, lat], …]}`,
    /// optional `"profile"`; `?f=json|csv`.
    func matrix(_ request: Request, body: Data) throws -> Response {
        let q = try Query(request, known: [])
        let format = try q.format(MatrixResult.Format.self, default: .json)
        guard let o = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw FieldError("body", "must be a JSON object: {\"sites\": [id, ...]} or {\"points\": [[lon, lat], ...]}")
        }
        if let unknown = o.keys.sorted().first(where: { !["sites", "points", "profile"].contains($0) }) {
            throw FieldError(unknown, "is not a key of a matrix request (known: points, profile, sites)")
        }
        let places: MatrixRequest.Places
        switch (o["sites"], o["points"]) {
        case let (ids as [String], nil): places = .sites(ids)
        case let (ids as String, nil): places = .sites(ids.split(separator: ",").map(String.init))
        case let (nil, points as [[Double]]): places = .points(points)
        case (nil, nil), (.some, .some): throw FieldError("sites", "or points: give exactly one of them")
        default:
            throw FieldError(
                o["sites"] != nil ? "sites" : "points",
                o["sites"] != nil ? "must be a list of site ids" : "must be a list of [lon, lat] pairs")
        }
        guard o["profile"] == nil || o["profile"] is String else { throw FieldError("profile", "must be text") }
        let result = try workspace.matrix(MatrixRequest(places: places, profile: o["profile"] as? String ?? "car"))
        return reply(result.render(format), type: format == .json ? "application/json" : "text/csv; charset=utf-8")
    }

    /// `GET /reach?from=&minutes=30,60,90&profile=&buffer_m=`: the reachable areas and the sites inside, as GeoJSON.
    func reach(_ request: Request) throws -> Response {
        let q = try Query(request, known: ["from", "minutes", "profile", "buffer_m"])
        guard let minutes = q.string("minutes") else {
            throw FieldError("minutes", "is missing (minutes from 0 to 1440, e.g. 30,60,90)")
        }
        let r = ReachRequest(
            from: try q.required("from", "lon,lat, a site id or a town"),
            minutes: try ReachRequest.parseMinutes(minutes),
            profile: q.string("profile") ?? "car", bufferMeters: try q.double("buffer_m"))
        return reply(try workspace.reach(r).render(), type: "application/geo+json")
    }

    /// `POST /plan`: the plan file's keys as JSON or YAML; the answer in the format of `?f=`
    /// (or `Accept`), its texts in the language of `?lang=` (else `Accept-Language`).
    func plan(_ request: Request, body: Data) async throws -> Response {
        let q = try Query(request, known: ["lang", "fields"])
        let accept = request.headers[.accept] ?? ""
        let format =
            try q.string("f") == nil && q.string("format") == nil
            ? (accept.contains("geo+json")
                ? .geojson
                : accept.contains("gpx")
                    ? .gpx
                    : accept.contains("kml")
                        ? .kml
                        : accept.contains("markdown") ? .md : accept.contains("calendar") ? .ics : .json)
            : q.format(PlanFormat.self, default: .json)
        let voice = try q.voice(request)
        let spec = try PlanSpec.parse(try TextInput.text(body, source: "body"), source: "body")
        let workspace = self.workspace
        let outcome = try await gate.run { try workspace.plan(spec) }
        var response = reply(outcome.itinerary.render(format, voice: voice), type: Self.planTypes[format]!)
        if !outcome.warnings.isEmpty {
            response.headers[HTTPField.Name("Warning")!] = outcome.warnings.map { "299 showcase \"\($0.english)\"" }
                .joined(
                    separator: ", ")
        }
        return response
    }

    /// `POST /itinerary/evaluate` (the document as the body) and `GET /itinerary/evaluate?itinerary=`
    /// (the document in the URL, so an export link holds the whole edited itinerary): timed
    /// again, with its violations, in the format of `?f=`; `download=1` names a file.
    func evaluate(_ request: Request, body: Data?) async throws -> Response {
        let q = try Query(request, known: ["lang", "fields", "itinerary", "download"])
        let format = try q.format(PlanFormat.self, default: .json)
        let voice = try q.voice(request)
        let text: String
        if let body {
            text = try TextInput.text(body, source: "body")
        } else {
            text = try q.required("itinerary", "the itinerary document, JSON or YAML")
        }
        let spec = try PlanSpec.parse(text, source: body == nil ? "itinerary" : "body")
        let workspace = self.workspace
        let itinerary = try await gate.run { try workspace.evaluate(spec) }
        var response = reply(itinerary.render(format, voice: voice), type: Self.planTypes[format]!)
        if try q.bool("download") == true {
            let ext = format == .md ? "md" : format == .text ? "txt" : format.rawValue
            response.headers[.contentDisposition] = "attachment; filename=\"trip-\(itinerary.firstDate).\(ext)\""
        }
        return response
    }

    /// `POST /collections/routes/items` and `/collections/tours/items` (with the token): an
    /// arranged itinerary saved as a stored route or tour. Body: `{"id", "name_zh", "name_en",
    /// "kind", "audience", "notes", "itinerary": {the itinerary document}}`.
    func saveRoute(layer: String, body: Data) throws -> Response {
        guard let o = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw FieldError("body", "must be a JSON object: {\"id\", \"name_zh\", \"kind\", \"itinerary\": {…}}")
        }
        let known = ["id", "name_zh", "name_en", "kind", "audience", "notes", "itinerary"]
        if let unknown = o.keys.sorted().first(where: { !known.contains($0) }) {
            throw FieldError(unknown, "is not a key here (known: \(known.joined(separator: ", ")))")
        }
        for key in known where key != "itinerary" {
            if let v = o[key], !(v is String) { throw FieldError(key, "must be text") }
        }
        guard let itinerary = o["itinerary"] as? [String: Any] else {
            throw FieldError("itinerary", "is missing: the itinerary document (start, date, visits …)")
        }
        let save = RouteSaveRequest(
            id: o["id"] as? String ?? "", nameZh: o["name_zh"] as? String, nameEn: o["name_en"] as? String,
            kind: o["kind"] as? String ?? (layer == "routes" ? "heritage" : "study"),
            audience: o["audience"] as? String, notes: o["notes"] as? String)
        guard (save.kind == "heritage") == (layer == "routes") else {
            throw FieldError(
                "kind",
                layer == "routes"
                    ? "of a route is heritage; study and red-education itineraries are tours"
                    : "of a tour is study or red-education; heritage itineraries are routes")
        }
        let text = String(decoding: try JSONSerialization.data(withJSONObject: itinerary), as: UTF8.self)
        let spec = try PlanSpec.parse(text, source: "itinerary")
        let (record, replaced) = try workspace.saveRoute(
            spec, as: save,
            source: "saved through the HTTP service on \(Date().formatted(.iso8601.year().month().day()))")
        var response = json(
            .object([
                "id": .string(record.id), "layer": .string(record.layer.rawValue), "replaced": .bool(replaced),
                "stops": .number(Double(record.stops.count)), "days": .number(Double(record.days))
            ]))
        response.status = replaced ? .ok : .created
        response.headers[.location] = "/collections/\(record.layer.rawValue)/items/\(record.id)"
        return response
    }

    /// `POST /solve?time_limit=&seed=&iterations=&threads=&profile=&straight_line=&speed_kmh=`:
    /// a VROOM problem; VROOM's solution format back, checked, with our `warnings` member.
    func solve(_ request: Request, body: Data) async throws -> Response {
        let q = try Query(
            request, known: ["time_limit", "seed", "iterations", "threads", "profile", "straight_line", "speed_kmh"])
        var r = SolveRequest(problem: body, source: "body")
        r.timeLimit = try q.double("time_limit") ?? r.timeLimit
        r.seed = try q.uint("seed") ?? r.seed
        r.iterations = try q.int("iterations")
        r.threads = try q.int("threads") ?? r.threads
        r.profile = q.string("profile") ?? r.profile
        r.straightLine = try q.bool("straight_line") ?? false
        r.speedKmh = try q.double("speed_kmh") ?? r.speedKmh
        let request = r, workspace = self.workspace
        return reply(try await gate.run { try workspace.solve(request) }.solution, type: "application/json")
    }
}
