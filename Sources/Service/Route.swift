import Foundation
import GeoCore
import Planner
import RoadGraph

/// `showcase route` and `GET /route`: the fastest road route through places in order.
public struct RouteRequest: Sendable {
    /// Places as typed: `lon,lat`, a site id, a town or a site name.
    public var from: String
    public var to: String
    /// Stops on the way, in order.
    public var via: [String] = []
    public var profile = "car"
    /// dijkstra, astar or ch: all give the same answer; ch is fastest.
    public var algorithm = "ch"

    public init(from: String, to: String, via: [String] = [], profile: String = "car", algorithm: String = "ch") {
        self.from = from; self.to = to; self.via = via; self.profile = profile; self.algorithm = algorithm
    }
}

public struct RouteResult: Sendable {
    public struct Leg: Sendable {
        public var from: PlanPlace
        public var to: PlanPlace
        public var route: Router.Route
    }
    public var profile: String
    public var algorithm: String
    public var places: [PlanPlace]
    public var legs: [Leg]

    public var distanceMeters: Double { legs.reduce(0) { $0 + $1.route.cost.meters } }
    public var durationSeconds: Double { legs.reduce(0) { $0 + $1.route.cost.seconds } }
    /// Off-road metres at the ends of the legs (straight line × the profile's detour factor).
    public var lastMileMeters: Double { legs.reduce(0) { $0 + $1.route.accessMeters } }
    public var coordinates: [(Double, Double)] {
        var coords: [(Double, Double)] = []
        for leg in legs { coords += coords.isEmpty ? leg.route.coordinates : Array(leg.route.coordinates.dropFirst()) }
        return coords
    }
}

extension Workspace {
    public func route(_ r: RouteRequest) throws -> RouteResult {
        guard let algorithm = Router.Algorithm(rawValue: r.algorithm) else {
            throw FieldError("algorithm", "must be dijkstra, astar or ch (got \"\(r.algorithm)\")")
        }
        let fields = ["from"] + r.via.map { _ in "via" } + ["to"]
        let places = try zip([r.from] + r.via + [r.to], fields).map { try place($0, field: $1) }
        return try withRouter(r.profile) { router in
            let locations = try zip(places, fields).map { p, field in try locate(router, p, field: field) }
            var legs: [RouteResult.Leg] = []
            for i in 0..<places.count - 1 {
                do {
                    legs.append(
                        .init(
                            from: places[i], to: places[i + 1],
                            route: try router.route(from: locations[i], to: locations[i + 1], algorithm: algorithm)))
                } catch RoadGraphError.noRoute {
                    throw RoadGraphError.noRoute(
                        "no \(r.profile) route from \(places[i].label) to \(places[i + 1].label): the roads there do not connect"
                    )
                }
            }
            return RouteResult(profile: r.profile, algorithm: r.algorithm, places: places, legs: legs)
        }
    }

    /// A place snapped to the road graph; an error names the request field.
    func locate(_ router: Router, _ p: PlanPlace, field: String) throws -> Router.Location {
        do { return try router.locate(longitude: p.longitude, latitude: p.latitude) } catch let RoadGraphError.offRoad(
            problem, _)
        {
            throw RoadGraphError.offRoad(problem, context: "«\(field)» \(p.label): ")
        }
    }
}

/// Numbers in answers: metres and seconds to 0.1.
func tenths(_ x: Double) -> JSONValue { .number((x * 10).rounded() / 10) }

func positions(_ coords: [(Double, Double)]) throws -> [Position] {
    try coords.map { Position(try Coordinate(longitude: GeoJSON.rounded($0.0), latitude: GeoJSON.rounded($0.1))) }
}

extension RouteResult {
    public enum Format: String, CaseIterable, Sendable { case text, json, geojson }

    public func render(_ format: Format) throws -> String {
        switch format {
        case .text: return text
        case .json: return JSONWriter.string(try json) + "\n"
        case .geojson: return GeoJSON.text(.featureCollection(try featureCollection)) + "\n"
        }
    }

    var text: String {
        var out = "\(profile) route, \(places.map(\.label).joined(separator: " → "))\n"
        for (i, leg) in legs.enumerated() where legs.count > 1 {
            out += String(
                format: "  leg %d: %@ → %@  %.1f km, %@\n", i + 1, leg.from.label, leg.to.label,
                leg.route.cost.meters / 1000, Clock.duration(leg.route.cost.seconds))
        }
        out += String(format: "distance %.1f km, duration %@", distanceMeters / 1000, Clock.duration(durationSeconds))
        if lastMileMeters >= 50 { out += String(format: " (incl. %.1f km off-road last mile)", lastMileMeters / 1000) }
        return out + "\n"
    }

    var json: JSONValue {
        get throws {
            let legValues: [JSONValue] = legs.map { leg in
                .object([
                    "from": .string(leg.from.label), "to": .string(leg.to.label),
                    "distance_m": tenths(leg.route.cost.meters),
                    "duration_s": tenths(leg.route.cost.seconds), "last_mile_m": tenths(leg.route.accessMeters)
                ])
            }
            return .object([
                "profile": .string(profile), "algorithm": .string(algorithm), "distance_m": tenths(distanceMeters),
                "duration_s": tenths(durationSeconds), "last_mile_m": tenths(lastMileMeters), "legs": .array(legValues),
                "geometry": Geometry.lineString(try positions(coordinates)).jsonValue
            ])
        }
    }

    /// Legs as LineStrings, then the places as numbered Points.
    var featureCollection: FeatureCollection {
        get throws {
            var features: [Feature] = []
            for (i, leg) in legs.enumerated() {
                features.append(
                    Feature(
                        geometry: .lineString(try positions(leg.route.coordinates)),
                        properties: [
                            "leg": .number(Double(i + 1)), "from": .string(leg.from.label), "to": .string(leg.to.label),
                            "profile": .string(profile), "distance_m": tenths(leg.route.cost.meters),
                            "duration_s": tenths(leg.route.cost.seconds), "last_mile_m": tenths(leg.route.accessMeters)
                        ]))
            }
            for (i, p) in places.enumerated() {
                features.append(
                    Feature(
                        geometry: .point(Position(try Coordinate(longitude: p.longitude, latitude: p.latitude))),
                        properties: [
                            "stop": .number(Double(i + 1)), "name": .string(p.label),
                            "site_id": p.siteID.map(JSONValue.string) ?? .null
                        ]))
            }
            return FeatureCollection(features: features)
        }
    }
}

/// Durations as a person reads them.
public enum Clock {
    /// `2 h 5 min` or `45 min`.
    public static func duration(_ seconds: Double) -> String {
        let m = Int((seconds / 60).rounded())
        return m >= 60 ? "\(m / 60) h \(m % 60) min" : "\(m) min"
    }
}
