import Foundation
import GeoCore
import Planner
import RoadGraph
import SiteStore

/// `showcase reach` and `GET /reach`: what can be reached within a time limit.
public struct ReachRequest: Sendable {
    public var from: String
    public var minutes: Double
    public var profile = "car"
    public init(from: String, minutes: Double, profile: String = "car") { self.from = from; self.minutes = minutes; self.profile = profile }
}

public struct ReachResult: Sendable {
    public var from: PlanPlace
    public var profile: String
    public var minutes: Double
    /// The convex hull of every road point reached in time (closed ring), or empty when fewer
    /// than three points were reached.
    public var area: [(Double, Double)]
    /// Sites whose own travel time, last mile included, is within the limit; nearest first.
    public var sites: [(site: Site, cost: Cost)]
}

extension Workspace {
    public func reach(_ r: ReachRequest) throws -> ReachResult {
        guard r.minutes > 0, r.minutes <= 24 * 60 else { throw FieldError("minutes", "must be more than 0 and at most 1440 (got \(r.minutes))") }
        let place = try place(r.from, field: "from")
        let sites = try store.sites()
        return try withRouter(r.profile) { router in
            let start = try locate(router, place, field: "from")
            let limit = Int64(r.minutes * 60e6)
            let ring = ConvexHull.of(router.reach(from: start, limit: limit).map { ($0.longitude, $0.latitude) })
            var located: [(Site, Router.Location)] = []
            for s in sites {
                if let l = try? router.locate(longitude: s.coordinate.longitude, latitude: s.coordinate.latitude) { located.append((s, l)) }
            }
            let row = router.matrix(sources: [start], targets: located.map(\.1))[0]
            let inside = zip(located, row).compactMap { pair, cost -> (site: Site, cost: Cost)? in
                guard let cost, cost.time <= limit else { return nil }
                return (pair.0, cost)
            }.sorted { $0.cost < $1.cost }
            return ReachResult(from: place, profile: r.profile, minutes: r.minutes, area: ring.count >= 4 ? ring : [], sites: inside)
        }
    }
}

extension ReachResult {
    /// The area first (`kind` reachable-area), then each site with every property of the sites
    /// collection plus `duration_s` and `distance_m`.
    public func featureCollection() throws -> FeatureCollection {
        let areaGeometry: Geometry =
            area.isEmpty
            ? .point(Position(try Coordinate(longitude: from.longitude, latitude: from.latitude)))
            : .polygon([try positions(area)])
        var features = [
            Feature(
                geometry: areaGeometry,
                properties: [
                    "kind": .string("reachable-area"), "from": .string(from.label),
                    "profile": .string(profile), "minutes": .number(minutes)
                ])
        ]
        for (s, c) in sites {
            var f = s.feature
            f.id = .string(s.id)
            f.properties?["site_id"] = .string(s.id)
            f.properties?["duration_s"] = tenths(c.seconds)
            f.properties?["distance_m"] = tenths(c.meters)
            features.append(f)
        }
        return FeatureCollection(features: features)
    }

    public func render() throws -> String { GeoJSON.text(.featureCollection(try featureCollection())) + "\n" }
}
