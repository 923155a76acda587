import Foundation
import OpeningHours
import Planner
import SiteStore

/// Stored heritage routes and study tours (`Routes/*.yaml`, the `routes` and `tours` layers).
extension Workspace {
    public func storedRoutes(_ layer: RouteRecord.Layer) throws -> [RouteRecord] { try store.storedRoutes(layer) }

    public func storedRoute(_ layer: RouteRecord.Layer, id: String) throws -> RouteRecord {
        guard let r = try store.storedRoute(layer, id: id) else {
            let ids = try store.storedRoutes(layer).map(\.id)
            throw PlanError(.unknownSite, "no \(layer.noun) \"\(id)\"; stored \(layer.rawValue): \(ids.joined(separator: ", "))")
        }
        return r
    }

    /// A stored route driven as written on `date`: its timed itinerary and every rule it breaks.
    public func evaluateStored(_ layer: RouteRecord.Layer, id: String, date: String, profile: String) throws -> (TripItinerary, [PlanViolation]) {
        let (evaluator, route, request) = try storedSetUp(layer, id: id, date: date, profile: profile)
        return try evaluator.evaluate(route, request: request)
    }

    /// The best order and days for a stored route's stops on `date`, beside the route as written.
    public func optimizeStored(_ layer: RouteRecord.Layer, id: String, date: String, profile: String)
        throws -> (asWritten: TripItinerary, broken: [PlanViolation], better: TripItinerary, stops: Int)
    {
        let (evaluator, route, request) = try storedSetUp(layer, id: id, date: date, profile: profile)
        let (asWritten, broken) = try evaluator.evaluate(route, request: request)
        let (better, answered) = try evaluator.optimize(route, request: request)
        try check(better, answered)
        return (asWritten, broken, better, route.stops.count)
    }

    func storedSetUp(_ layer: RouteRecord.Layer, id: String, date: String, profile: String) throws -> (RouteEvaluator, RouteRecord, PlanRequest) {
        guard let d = LocalDate(iso: date) else { throw FieldError("date", "must be YYYY-MM-DD (got \"\(date)\")") }
        let route = try storedRoute(layer, id: id)
        let evaluator = RouteEvaluator(planner: try planner(profile))
        return (evaluator, route, try evaluator.request(for: route, date: d, profile: profile))
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
