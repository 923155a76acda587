import Foundation
import GeoCore
import Hummingbird
import Itinerary
import OpeningHours
import RoadGraph
import SiteStore
import TripPlanner

typealias RoadRouter = RoadGraph.Router

/// Compiled graphs loaded once per profile, and `Router`s (which keep search workspaces) lent
/// to one request at a time: a router is not thread-safe, a graph is.
final class RouterPool: @unchecked Sendable {
    private let lock = NSLock()
    private var graphs: [String: CompiledGraph] = [:]
    private var idle: [String: [RoadRouter]] = [:]
    let store: SiteStore

    init(store: SiteStore) { self.store = store }

    func graph(_ profile: String) throws -> CompiledGraph {
        lock.lock(); defer { lock.unlock() }
        if let g = graphs[profile] { return g }
        guard let stored = try store.roadGraph(profile: profile) else {
            throw HTTPProblem.badRequest("no \(profile) road graph in the database (profiles: \((try? store.roadGraphSummaries().map(\.profile).joined(separator: ", ")) ?? ""))")
        }
        let g = try CompiledGraph(decoding: stored.bytes)
        graphs[profile] = g
        return g
    }

    func with<T>(_ profile: String, _ body: (RoadRouter) throws -> T) throws -> T {
        let g = try graph(profile)
        lock.lock()
        let router = idle[profile]?.popLast() ?? RoadRouter(g)
        lock.unlock()
        defer { lock.lock(); idle[profile, default: []].append(router); lock.unlock() }
        return try body(router)
    }
}

/// Bounds how many plans and solves run at once; beyond it a request is refused (503), not queued.
actor Gate {
    let limit: Int
    var running = 0
    init(limit: Int) { self.limit = limit }
    func enter() -> Bool { guard running < limit else { return false }; running += 1; return true }
    func leave() { running -= 1 }
}

struct Planning: Sendable {
    let store: SiteStore
    let routers: RouterPool
    let holidays: HolidayCalendar
    let gate: Gate
    let maxSolveSeconds: Double

    func place(_ text: String?, _ name: String) throws -> PlanPlace {
        guard let text, !text.isEmpty else { throw HTTPProblem.badRequest("missing query parameter \(name) (lon,lat, a site id or a town)") }
        do { return try PlaceResolver.resolve(text, in: store) } catch let e as PlanError { throw HTTPProblem.notFound("\(name): \(e.message)") }
    }

    func profile(_ p: String?) throws -> String {
        let name = p ?? "car"
        guard Profile.shippedNames.contains(name) else { throw HTTPProblem.badRequest("profile must be one of \(Profile.shippedNames.joined(separator: ", "))") }
        return name
    }

    func locate(_ r: RoadRouter, _ p: PlanPlace, _ what: String) throws -> RoadRouter.Location {
        do { return try r.locate(longitude: p.longitude, latitude: p.latitude) } catch let e as RoadGraphError { throw HTTPProblem.notFound("\(what): \(e)") }
    }

    /// `GET /route?from=&to=&profile=&f=json|geojson`
    func route(_ q: [String: String]) throws -> Response {
        let from = try place(q["from"], "from"), to = try place(q["to"], "to")
        let profile = try profile(q["profile"])
        return try routers.with(profile) { r in
            let a = try locate(r, from, "from"), b = try locate(r, to, "to")
            let route: RoadRouter.Route
            do { route = try r.route(from: a, to: b) } catch let e as RoadGraphError {
                throw HTTPProblem(status: .unprocessableContent, title: "No route", detail: "\(e)")
            }
            let line = try route.coordinates.map { Position(try Coordinate(longitude: GeoJSON.rounded($0.0), latitude: GeoJSON.rounded($0.1))) }
            let props: JSONObject = ["from": .string(from.label), "to": .string(to.label), "profile": .string(profile),
                                     "distance_m": .number((route.cost.meters * 10).rounded() / 10), "duration_s": .number((route.cost.seconds * 10).rounded() / 10)]
            if q["f"] == "geojson" {
                return json(Feature(geometry: .lineString(line), properties: props).jsonValue, type: "application/geo+json")
            }
            var o = props
            o["geometry"] = Geometry.lineString(line).jsonValue
            return json(.object(o))
        }
    }

    /// `POST /matrix` with `{"points": [[lon, lat], …]}` or `{"sites": [id, …]}`, optional `"profile"`.
    func matrix(_ body: Data) throws -> Response {
        guard let o = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw HTTPProblem.badRequest("the body must be a JSON object: {\"points\": [[lon, lat], ...]} or {\"sites\": [id, ...]}")
        }
        let profile = try profile(o["profile"] as? String)
        var places: [PlanPlace] = []
        if let points = o["points"] as? [[Double]] {
            for (i, p) in points.enumerated() {
                guard p.count == 2, let c = try? Coordinate(longitude: p[0], latitude: p[1]) else { throw HTTPProblem.badRequest("points[\(i)] must be [lon, lat] in range") }
                places.append(PlanPlace(label: "p\(i)", longitude: c.longitude, latitude: c.latitude))
            }
        } else if let ids = o["sites"] as? [String] {
            for id in ids {
                guard let s = try store.site(id: id) else { throw HTTPProblem.badRequest("sites: no site \"\(id)\"") }
                places.append(PlanPlace(label: id, siteID: id, longitude: s.coordinate.longitude, latitude: s.coordinate.latitude))
            }
        } else {
            throw HTTPProblem.badRequest("give \"points\" or \"sites\"")
        }
        guard (1...500).contains(places.count) else { throw HTTPProblem.badRequest("1 to 500 places per matrix (got \(places.count))") }
        return try routers.with(profile) { r in
            let locations = try places.enumerated().map { i, p in try locate(r, p, "place \(i)") }
            let m = r.matrix(sources: locations, targets: locations)
            return json(.object([
                "durations": .array(m.map { .array($0.map { $0.map { .number(($0.seconds * 10).rounded() / 10) } ?? .null }) }),
                "distances": .array(m.map { .array($0.map { $0.map { .number(($0.meters * 10).rounded() / 10) } ?? .null }) }),
            ]))
        }
    }

    /// `GET /reach?from=&minutes=&profile=`: the reachable area and the sites inside, as GeoJSON.
    func reach(_ q: [String: String]) throws -> Response {
        let from = try place(q["from"], "from")
        guard let m = q["minutes"].flatMap(Double.init), m > 0, m <= 1440 else { throw HTTPProblem.badRequest("minutes must be a number from 0 to 1440") }
        let profile = try profile(q["profile"])
        let sites = try store.sites()
        return try routers.with(profile) { r in
            let start = try locate(r, from, "from")
            let limit = Int64(m * 60e6)
            let ring = ConvexHull.of(r.reach(from: start, limit: limit).map { ($0.longitude, $0.latitude) })
            var features: [Feature] = []
            if ring.count >= 4 {
                features.append(Feature(geometry: .polygon([try ring.map { Position(try Coordinate(longitude: GeoJSON.rounded($0.0), latitude: GeoJSON.rounded($0.1))) }]),
                                        properties: ["kind": .string("reachable-area"), "minutes": .number(m), "profile": .string(profile)]))
            }
            var located: [(Site, RoadRouter.Location)] = []
            for s in sites { if let l = try? r.locate(longitude: s.coordinate.longitude, latitude: s.coordinate.latitude) { located.append((s, l)) } }
            let row = r.matrix(sources: [start], targets: located.map(\.1))[0]
            for ((s, _), c) in zip(located, row) {
                guard let c, c.time <= limit else { continue }
                var f = s.feature
                f.properties?["duration_s"] = .number((c.seconds * 10).rounded() / 10)
                features.append(f)
            }
            return json(FeatureCollection(features: features).jsonValue, type: "application/geo+json")
        }
    }

    /// `POST /plan`: the plan file's keys as JSON or YAML; the answer in JSON, GeoJSON, GPX,
    /// KML or Markdown by `?f=` or `Accept`.
    func plan(_ body: Data, format: PlanFormat, language: PlanLanguage) async throws -> Response {
        guard await gate.enter() else {
            throw HTTPProblem(status: .serviceUnavailable, title: "Busy", detail: "the server is already computing its maximum of plans; try again shortly")
        }
        let result: Result<Response, Error>
        do {
            let spec: PlanSpec
            do { spec = try PlanSpec.parse(String(decoding: body, as: UTF8.self), source: "body") } catch let e as PlanError { throw HTTPProblem.badRequest(e.message) }
            var r: PlanRequest
            do {
                r = try spec.request(resolve: { try place($0, "place") }, hotelTowns: { try PlaceResolver.hotelTowns(in: store) })
            } catch let e as PlanError { throw HTTPProblem.badRequest(e.message) }
            _ = try profile(r.profile)
            r.timeLimit = min(spec.timeLimit ?? 1, maxSolveSeconds)
            let planner = TripPlanner(store: store, graph: try routers.graph(r.profile), holidays: holidays)
            let request = r
            let itinerary: TripItinerary
            do { itinerary = try await Task.detached { try planner.plan(request) }.value } catch let e as PlanError {
                throw HTTPProblem(status: .unprocessableContent, title: "No plan", detail: e.message)
            }
            let types: [PlanFormat: String] = [.json: "application/json", .geojson: "application/geo+json", .gpx: "application/gpx+xml",
                                               .kml: "application/vnd.google-earth.kml+xml", .md: "text/markdown; charset=utf-8", .text: "text/plain; charset=utf-8"]
            result = .success(reply(itinerary.render(format, language: language), type: types[format]!))
        } catch {
            result = .failure(error)
        }
        await gate.leave()
        return try result.get()
    }

    /// `POST /solve`: a VROOM problem; VROOM's solution format back. `time_limit` (query) ≤ the server's cap.
    func solve(_ body: Data, seconds: Double) async throws -> Response {
        guard await gate.enter() else {
            throw HTTPProblem(status: .serviceUnavailable, title: "Busy", detail: "the server is already solving its maximum of problems; try again shortly")
        }
        defer { Task { await gate.leave() } }
        let parsed: VroomProblem
        do { parsed = try VroomProblem(json: body) } catch { throw HTTPProblem.badRequest("\(error)") }
        var durations: [[Int]]? = nil, distances: [[Int]]? = nil
        if parsed.durations == nil, let points = parsed.coordinates {
            // Coordinates without a matrix: car travel times on the road graph, as `showcase solve` does.
            (durations, distances) = try routers.with("car") { r in
                do { return try r.integerMatrix(points) } catch let e as RoadGraphError { throw HTTPProblem.notFound("\(e)") }
            }
        }
        let problem: Problem
        do { problem = try parsed.problem(durations: durations, distances: distances) } catch { throw HTTPProblem.badRequest("\(error)") }
        let limit = min(max(seconds, 0.05), maxSolveSeconds)
        let solution = try await Task.detached { try Solver.solve(problem, options: SolverOptions(timeLimit: limit)) }.value
        let out = VroomSolution.json(problem, solution, coordinates: parsed.coordinates)
        return reply(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self), type: "application/json")
    }
}
