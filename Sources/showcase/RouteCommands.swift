import ArgumentParser
import Foundation
import GeoCore
import RoadGraph
import SiteStore

/// Options every routing command shares.
struct RoutingOptions: ParsableArguments {
    @Option(help: "Travel profile: car, coach or walk (the graph must be in the database; see `roads info`).")
    var profile = "car"
}

func formatDuration(_ seconds: Double) -> String {
    let m = Int((seconds / 60).rounded())
    return m >= 60 ? "\(m / 60) h \(m % 60) min" : "\(m) min"
}

func jsonNumber(_ x: Double, decimals: Int) -> JSONValue {
    let f = pow(10, Double(decimals))
    return .number((x * f).rounded() / f)
}

func positions(_ coords: [(Double, Double)]) throws -> [Position] {
    try coords.map { Position(try Coordinate(longitude: GeoJSON.rounded($0.0), latitude: GeoJSON.rounded($0.1))) }
}

struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "The fastest road route between places, with distance, duration and geometry.",
        discussion: """
            FROM, TO and --via are `lon,lat`, a site id, or a site name (the best search match). \
            Points off the road join it at the nearest road edge; that last mile counts as a \
            straight line × the profile's detour factor at its last-mile speed. Among equally \
            fast routes the shortest is reported.

            Examples:
              showcase route inner-mongolia-museum 109.84,40.65
              showcase route 呼和浩特 包头 --profile coach --format geojson > leg.geojson
              showcase route 24.9384,60.1699 24.9500,60.1750 --algorithm dijkstra --format json
            """
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var routing: RoutingOptions
    @Argument(help: "Where to start.") var from: String
    @Argument(help: "Where to go.") var to: String
    @Option(help: "A stop on the way (repeatable, in order).") var via: [String] = []
    @Option(help: "dijkstra, astar or ch (all give the same answer; ch is fastest).") var algorithm = "ch"
    @Option(help: "text, json or geojson.") var format = "text"

    func run() throws {
        guard let algo = Router.Algorithm(rawValue: algorithm) else { throw ValidationError("--algorithm must be dijkstra, astar or ch") }
        guard ["text", "json", "geojson"].contains(format) else { throw ValidationError("--format must be text, json or geojson") }
        let db = try store.open()
        let router = Router(try loadGraph(db, profile: routing.profile))
        let places = try ([from] + via + [to]).map { try resolvePlace($0, in: db) }
        let locations = try places.map { try router.locate(longitude: $0.longitude, latitude: $0.latitude) }
        var legs: [Router.Route] = []
        for i in 0 ..< places.count - 1 {
            do { legs.append(try router.route(from: locations[i], to: locations[i + 1], algorithm: algo)) } catch let e as RoadGraphError {
                if case .noRoute = e { throw RoadGraphError.noRoute("no \(routing.profile) route from \(places[i].label) to \(places[i + 1].label): the roads there do not connect") }
                throw e
            }
        }
        let distance = legs.reduce(0) { $0 + $1.cost.meters }, duration = legs.reduce(0) { $0 + $1.cost.seconds }
        let access = legs.reduce(0) { $0 + $1.accessMeters }
        var coords: [(Double, Double)] = []
        for leg in legs { coords += coords.isEmpty ? leg.coordinates : Array(leg.coordinates.dropFirst()) }
        switch format {
        case "text":
            var out = "\(routing.profile) route, \(places.map(\.label).joined(separator: " → "))\n"
            for (i, leg) in legs.enumerated() where legs.count > 1 {
                out += String(format: "  leg %d: %@ → %@  %.1f km, %@\n", i + 1, places[i].label, places[i + 1].label, leg.cost.meters / 1000, formatDuration(leg.cost.seconds))
            }
            out += String(format: "distance %.1f km, duration %@", distance / 1000, formatDuration(duration))
            if access >= 50 { out += String(format: " (incl. %.1f km off-road last mile)", access / 1000) }
            print(out)
        case "json":
            let legValues: [JSONValue] = legs.enumerated().map { i, leg in
                .object(["from": .string(places[i].label), "to": .string(places[i + 1].label),
                         "distance_m": jsonNumber(leg.cost.meters, decimals: 1), "duration_s": jsonNumber(leg.cost.seconds, decimals: 1)])
            }
            let geometry = Geometry.lineString(try positions(coords)).jsonValue
            let value: JSONValue = .object(["profile": .string(routing.profile), "algorithm": .string(algorithm),
                                            "distance_m": jsonNumber(distance, decimals: 1), "duration_s": jsonNumber(duration, decimals: 1),
                                            "last_mile_m": jsonNumber(access, decimals: 1), "legs": .array(legValues), "geometry": geometry])
            print(JSONWriter.string(value))
        default:
            var features: [Feature] = []
            for (i, leg) in legs.enumerated() {
                features.append(Feature(geometry: .lineString(try positions(leg.coordinates)), properties: [
                    "leg": .number(Double(i + 1)), "from": .string(places[i].label), "to": .string(places[i + 1].label),
                    "profile": .string(routing.profile), "distance_m": jsonNumber(leg.cost.meters, decimals: 1),
                    "duration_s": jsonNumber(leg.cost.seconds, decimals: 1), "last_mile_m": jsonNumber(leg.accessMeters, decimals: 1)]))
            }
            for (i, p) in places.enumerated() {
                features.append(Feature(geometry: .point(Position(try Coordinate(longitude: p.longitude, latitude: p.latitude))), properties: [
                    "stop": .number(Double(i + 1)), "name": .string(p.label), "site_id": p.siteID.map(JSONValue.string) ?? .null]))
            }
            print(GeoJSON.text(.featureCollection(FeatureCollection(features: features))))
        }
    }
}

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Travel times and distances between every pair of places (like OSRM's table service).",
        discussion: """
            JSON: {"durations": [[s, ...]], "distances": [[m, ...]]}, row = from, column = to, \
            null where no route exists. CSV: one line per pair (from, to, duration_s, distance_m).
            --points FILE: a JSON array of [lon, lat], or CSV lines lon,lat.

            Examples:
              showcase matrix --sites inner-mongolia-museum,zhaojun-tomb,dazhao-temple
              showcase matrix --points stops.csv --profile coach --format csv
            """
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var routing: RoutingOptions
    @Option(help: "Comma-separated site ids.") var sites: String?
    @Option(help: "A file of points (JSON [[lon,lat],...] or CSV lon,lat).") var points: String?
    @Option(help: "json or csv.") var format = "json"

    func run() throws {
        guard (sites == nil) != (points == nil) else { throw ValidationError("give either --sites or --points") }
        guard ["json", "csv"].contains(format) else { throw ValidationError("--format must be json or csv") }
        let db = try store.open()
        var places: [Place] = []
        if let sites {
            places = try sites.split(separator: ",").map { id in
                guard let s = try db.site(id: String(id)) else {
                    throw InputError(source: "--sites", line: nil, reason: "no site with id \"\(id)\" (see `showcase sites search`)")
                }
                return Place(label: s.id, siteID: s.id, longitude: s.coordinate.longitude, latitude: s.coordinate.latitude)
            }
        } else if let points {
            places = try readPoints(points)
        }
        guard !places.isEmpty else { throw InputError(source: points ?? "--sites", line: nil, reason: "no places given") }
        guard places.count <= Self.maxPlaces else { throw Self.tooMany(points ?? "--sites", places.count) }
        let router = Router(try loadGraph(db, profile: routing.profile))
        let locations = try places.enumerated().map { i, p in
            do { return try router.locate(longitude: p.longitude, latitude: p.latitude) } catch let e as RoadGraphError {
                throw InputError(source: points ?? "--sites", line: nil, reason: "place \(i + 1) (\(p.label)): \(e)")
            }
        }
        let m = router.matrix(sources: locations, targets: locations)
        if format == "json" {
            let durations = JSONValue.array(m.map { .array($0.map { $0.map { jsonNumber($0.seconds, decimals: 1) } ?? .null }) })
            let distances = JSONValue.array(m.map { .array($0.map { $0.map { jsonNumber($0.meters, decimals: 1) } ?? .null }) })
            let names = JSONValue.array(places.map { .string($0.label) })
            print(JSONWriter.string(.object(["places": names, "durations": durations, "distances": distances])))
        } else {
            var out = "from,to,duration_s,distance_m\n"
            for (i, row) in m.enumerated() {
                for (j, c) in row.enumerated() {
                    out += "\(places[i].label),\(places[j].label)," + (c.map { String(format: "%.1f,%.1f", $0.seconds, $0.meters) } ?? ",") + "\n"
                }
            }
            print(out, terminator: "")
        }
    }

    /// n² answers: 5,000 places already print 25 million rows. Larger tables go in blocks.
    static let maxPlaces = 5_000
    static func tooMany(_ source: String, _ count: Int) -> InputError {
        InputError(source: source, line: nil, reason: "\(count) places is over the \(maxPlaces) limit for one matrix; split them into blocks of sources")
    }

    func readPoints(_ path: String) throws -> [Place] {
        let (name, text) = try readText(path)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") {
            guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else {
                throw InputError(source: name, line: nil, reason: "not a JSON array of [lon, lat] pairs")
            }
            guard array.count <= Self.maxPlaces else { throw Self.tooMany(name, array.count) }
            return try array.enumerated().map { i, item in
                guard let pair = item as? [NSNumber], pair.count == 2 else {
                    throw InputError(source: name, line: nil, reason: "item \(i): expected [lon, lat]")
                }
                let c = try Coordinate(longitude: pair[0].doubleValue, latitude: pair[1].doubleValue)
                return Place(label: "p\(i + 1)", siteID: nil, longitude: c.longitude, latitude: c.latitude)
            }
        }
        var places: [Place] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.isEmpty || l.hasPrefix("#") || l.lowercased().hasPrefix("lon") { continue }
            guard places.count < Self.maxPlaces else { throw Self.tooMany(name, text.utf8.count { $0 == 0x0A }) }
            let f = l.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count >= 2, let lon = Double(f[0]), let lat = Double(f[1]) else {
                throw InputError(source: name, line: n + 1, reason: "expected lon,lat")
            }
            do {
                let c = try Coordinate(longitude: lon, latitude: lat)
                places.append(Place(label: "p\(places.count + 1)", siteID: nil, longitude: c.longitude, latitude: c.latitude))
            } catch { throw InputError(source: name, line: n + 1, reason: "\(error)") }
        }
        return places
    }
}

struct ReachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Everything reachable within M minutes: an area and the sites inside, as GeoJSON.",
        discussion: """
            The area is the convex hull of every road point reachable in time (it may cover gaps \
            between roads); the sites listed are those whose own travel time, last mile included, \
            is within the limit, nearest first, each with duration_s and distance_m.

            Example:
              showcase reach inner-mongolia-museum --minutes 90 > 90min.geojson
            """
    )
    @OptionGroup var store: StoreOptions
    @OptionGroup var routing: RoutingOptions
    @Argument(help: "Where to start: lon,lat, a site id or a site name.") var from: String
    @Option(help: "Travel time limit in minutes.") var minutes: Double

    func run() throws {
        guard minutes > 0, minutes <= 24 * 60 else { throw ValidationError("--minutes must be between 0 and 1440") }
        let db = try store.open()
        let router = Router(try loadGraph(db, profile: routing.profile))
        let place = try resolvePlace(from, in: db)
        let start = try router.locate(longitude: place.longitude, latitude: place.latitude)
        let limit = Int64(minutes * 60e6)
        let reached = router.reach(from: start, limit: limit)
        let ring = ConvexHull.of(reached.map { ($0.longitude, $0.latitude) })
        var features: [Feature] = []
        let area: Geometry = ring.count >= 4 ? .polygon([try positions(ring)]) : .point(Position(try Coordinate(longitude: place.longitude, latitude: place.latitude)))
        features.append(Feature(geometry: area, properties: ["kind": .string("reachable-area"), "from": .string(place.label),
                                                             "profile": .string(routing.profile), "minutes": .number(minutes)]))
        let sites = try db.sites()
        var located: [(Site, Router.Location)] = []
        for s in sites { if let l = try? router.locate(longitude: s.coordinate.longitude, latitude: s.coordinate.latitude) { located.append((s, l)) } }
        let row = router.matrix(sources: [start], targets: located.map(\.1))[0]
        let inside = zip(located, row).compactMap { pair, cost -> (Site, Cost)? in
            guard let cost, cost.time <= limit else { return nil }
            return (pair.0, cost)
        }.sorted { $0.1 < $1.1 }
        for (s, c) in inside {
            features.append(Feature(geometry: .point(Position(s.coordinate)), properties: [
                "kind": .string("site"), "site_id": .string(s.id), "name_zh": s.nameZh.map(JSONValue.string) ?? .null,
                "name_en": s.nameEn.map(JSONValue.string) ?? .null, "duration_s": jsonNumber(c.seconds, decimals: 1),
                "distance_m": jsonNumber(c.meters, decimals: 1)]))
        }
        note("\(inside.count) of \(sites.count) sites within \(Int(minutes)) min by \(routing.profile) from \(place.label)")
        print(GeoJSON.text(.featureCollection(FeatureCollection(features: features))))
    }
}
