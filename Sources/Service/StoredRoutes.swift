import Foundation
import GeoCore
import OpeningHours
import Planner
import SiteStore

/// Stored heritage routes and study tours (`Routes/*.yaml`, the `routes` and `tours` layers).
extension Workspace {
    public func storedRoutes(_ layer: RouteRecord.Layer) throws -> [RouteRecord] { try store.storedRoutes(layer) }

    public func storedRoute(_ layer: RouteRecord.Layer, id: String) throws -> RouteRecord {
        guard let r = try store.storedRoute(layer, id: id) else {
            let ids = try store.storedRoutes(layer).map(\.id)
            throw PlanError(
                .unknownSite, "no \(layer.noun) \"\(id)\"; stored \(layer.rawValue): \(ids.joined(separator: ", "))")
        }
        return r
    }

    /// A stored route driven as written on `date`: its timed itinerary and every rule it breaks.
    public func evaluateStored(_ layer: RouteRecord.Layer, id: String, date: String, profile: String) throws -> (
        TripItinerary, [PlanViolation]
    ) {
        let (evaluator, route, request) = try storedSetUp(layer, id: id, date: date, profile: profile)
        return try evaluator.evaluate(route, request: request)
    }

    /// The best order and days for a stored route's stops on `date`, beside the route as written.
    public func optimizeStored(_ layer: RouteRecord.Layer, id: String, date: String, profile: String)
        throws -> (asWritten: TripItinerary, broken: [PlanViolation], better: TripItinerary, stops: Int)
    {
        let (evaluator, route, request) = try storedSetUp(layer, id: id, date: date, profile: profile)
        let (asWritten, broken) = try evaluator.evaluate(route, request: request)
        let (better, _) = try evaluator.optimize(route, request: request)
        try check(better)
        return (asWritten, broken, better, route.stops.count)
    }

    func storedSetUp(_ layer: RouteRecord.Layer, id: String, date: String, profile: String) throws -> (
        RouteEvaluator, RouteRecord, PlanRequest
    ) {
        guard let d = LocalDate(iso: date) else { throw FieldError("date", "must be YYYY-MM-DD (got \"\(date)\")") }
        let route = try storedRoute(layer, id: id)
        let evaluator = RouteEvaluator(planner: try planner(profile))
        var request = try evaluator.request(for: route, date: d, profile: profile)
        request.rules = try rules()
        return (evaluator, route, request)
    }

    /// Every site by id (stored routes' renderers name their stops).
    public func sitesByID() throws -> [String: Site] {
        Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0) })
    }
}

extension RouteRecord.Layer {
    /// `route` or `tour`.
    public var noun: String { self == .routes ? "route" : "tour" }
}

/// What names an itinerary saved as a stored route or tour.
public struct RouteSaveRequest: Sendable {
    /// Lower-case letters, digits and hyphens (it is also the file name a route would have in Routes/).
    public var id: String
    public var nameZh: String?
    public var nameEn: String?
    /// heritage (a route) or study / red-education (a tour).
    public var kind: String
    public var audience: String?
    public var notes: String?

    public init(
        id: String, nameZh: String?, nameEn: String?, kind: String, audience: String? = nil, notes: String? = nil
    ) {
        self.id = id; self.nameZh = nameZh; self.nameEn = nameEn; self.kind = kind; self.audience = audience;
        self.notes = notes
    }
}

extension Workspace {
    /// Stores an arranged itinerary (its start, days and visits with their stays) as a route or
    /// tour, replacing one with the same id; it is then listed, evaluated and exported like the
    /// shipped ones. `init` rebuilds the layers from Routes/ and drops saved ones.
    /// - Returns: the record and whether it replaced one.
    public func saveRoute(_ spec: PlanSpec, as save: RouteSaveRequest, source: String) throws -> (
        RouteRecord, replaced: Bool
    ) {
        guard !save.id.isEmpty, save.id.count <= 80,
            save.id.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        else {
            throw FieldError(
                "id", "must be lower-case letters, digits and hyphens, e.g. hohhot-museums-2-days (got \"\(save.id)\")")
        }
        guard RouteFile.kinds.contains(save.kind) else {
            throw FieldError("kind", "must be one of \(RouteFile.kinds.joined(separator: ", ")) (got \"\(save.kind)\")")
        }
        guard save.nameZh?.isEmpty == false || save.nameEn?.isEmpty == false else {
            throw FieldError("name_zh", "or name_en: give the route a name")
        }
        guard let start = spec.start else { throw FieldError("start", "is missing: where each day starts and ends") }
        guard let visits = spec.visits, !visits.isEmpty, visits.count <= 14 else {
            throw FieldError("visits", "must list 1 to 14 days of site ids")
        }
        let base = try place(start, field: "start")
        var stops: [RouteStopRecord] = []
        var line = [Position(try Coordinate(longitude: base.longitude, latitude: base.latitude))]
        for (d, day) in visits.enumerated() {
            for v in day where !v.lunch {
                guard let site = try store.site(id: v.site) else {
                    throw PlanError(.unknownSite, "«visits»: unknown site id \"\(v.site)\"")
                }
                stops.append(RouteStopRecord(site: v.site, day: d + 1, stayMinutes: v.stayMinutes, note: nil))
                line.append(Position(site.coordinate))
            }
        }
        guard !stops.isEmpty else { throw FieldError("visits", "hold no site") }
        line.append(line[0])
        let record = RouteRecord(
            id: save.id, nameZh: save.nameZh, nameEn: save.nameEn, kind: save.kind, audience: save.audience,
            days: visits.count,
            start: start, stops: stops, notes: save.notes, example: false, source: source, line: line)
        return (record, try store.saveStoredRoute(record))
    }
}
