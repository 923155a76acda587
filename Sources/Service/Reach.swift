import Foundation
import GeoCore
import Planner
import RoadGraph
import SiteStore

/// `showcase reach` and `GET /reach`: what can be reached within one or more time limits.
public struct ReachRequest: Sendable {
    public var from: String
    /// Band limits in minutes, e.g. [30, 60, 90]; each gets its own area.
    public var minutes: [Double]
    public var profile = "car"
    /// How far either side of a reached road the area extends; nil: `Isochrone.automaticBuffer`.
    public var bufferMeters: Double?
    public init(from: String, minutes: [Double], profile: String = "car", bufferMeters: Double? = nil) {
        self.from = from; self.minutes = minutes; self.profile = profile; self.bufferMeters = bufferMeters
    }

    /// `30,60,90` → [30, 60, 90], sorted, each a number of minutes in (0, 1440].
    public static func parseMinutes(_ text: String) throws -> [Double] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var out: [Double] = []
        for p in parts {
            guard let m = Double(p), m > 0, m <= 24 * 60 else {
                throw FieldError(
                    "minutes", "must be numbers of minutes above 0 and at most 1440, separated by commas (got \"\(p)\")"
                )
            }
            out.append(m)
        }
        guard !out.isEmpty, out.count <= 10 else { throw FieldError("minutes", "give 1 to 10 limits, e.g. 30,60,90") }
        return Array(Set(out)).sorted()
    }
}

public struct ReachResult: Sendable {
    public struct Band: Sendable {
        public var minutes: Double
        /// Polygons as rings of lon/lat (shell first, then holes): the reached roads buffered.
        public var polygons: [[[(Double, Double)]]]
        public var areaKm2: Double
    }
    public var from: PlanPlace
    public var profile: String
    public var bands: [Band]
    public var bufferMeters: Double
    public var cellMeters: Double
    /// Sites whose own travel time, last mile included, is within the largest limit; nearest first.
    public var sites: [(site: Site, cost: Cost)]

    /// The smallest band a travel time falls in.
    public func band(of cost: Cost) -> Double? { bands.first { cost.seconds <= $0.minutes * 60 }?.minutes }
}

extension Workspace {
    public func reach(_ r: ReachRequest) throws -> ReachResult {
        guard !r.minutes.isEmpty, r.minutes.allSatisfy({ $0 > 0 && $0 <= 24 * 60 }) else {
            throw FieldError(
                "minutes",
                "must be more than 0 and at most 1440 (got \(r.minutes.map { String($0) }.joined(separator: ",")))")
        }
        if let b = r.bufferMeters, !(b >= 10 && b <= 5000) {
            throw FieldError("buffer_m", "must be from 10 to 5000 metres (got \(b))")
        }
        let place = try place(r.from, field: "from")
        let sites = try store.sites()
        let minutes = r.minutes.sorted()
        return try withRouter(r.profile) { router in
            let start = try locate(router, place, field: "from")
            let limits = minutes.map { Int64($0 * 60e6) }
            let pieces = router.reachedPieces(from: start, limit: limits.last!)
            let buffer = r.bufferMeters ?? Isochrone.automaticBuffer(pieces)
            let (bands, cell) = Isochrone.bands(pieces: pieces, limits: limits, bufferMeters: buffer)
            var located: [(Site, Router.Location)] = []
            for s in sites {
                if let l = try? router.locate(longitude: s.coordinate.longitude, latitude: s.coordinate.latitude) {
                    located.append((s, l))
                }
            }
            let row = router.matrix(sources: [start], targets: located.map(\.1))[0]
            let inside = zip(located, row).compactMap { pair, cost -> (site: Site, cost: Cost)? in
                guard let cost, cost.time <= limits.last! else { return nil }
                return (pair.0, cost)
            }.sorted { $0.cost < $1.cost }
            return ReachResult(
                from: place, profile: r.profile,
                bands: zip(minutes, bands).map {
                    ReachResult.Band(minutes: $0, polygons: $1.polygons, areaKm2: $1.areaKm2)
                },
                bufferMeters: buffer, cellMeters: cell, sites: inside)
        }
    }
}

extension ReachResult {
    /// One area per band, largest first (so smaller bands draw on top), then each site with
    /// every property of the sites collection plus `duration_s`, `distance_m` and `band_minutes`.
    public func featureCollection() throws -> FeatureCollection {
        var features: [Feature] = []
        for band in bands.reversed() {
            let geometry: Geometry =
                band.polygons.isEmpty
                ? .point(Position(try Coordinate(longitude: from.longitude, latitude: from.latitude)))
                : .multiPolygon(try band.polygons.map { try $0.map { try positions($0) } })
            features.append(
                Feature(
                    geometry: geometry,
                    properties: [
                        "kind": .string("reachable-area"), "from": .string(from.label), "profile": .string(profile),
                        "minutes": .number(band.minutes), "area_km2": tenths(band.areaKm2),
                        "buffer_m": .number(bufferMeters), "cell_m": tenths(cellMeters),
                        "sites": .number(Double(sites.filter { $0.cost.seconds <= band.minutes * 60 }.count))
                    ]))
        }
        for (s, c) in sites {
            var f = s.feature
            f.id = .string(s.id)
            f.properties?["site_id"] = .string(s.id)
            f.properties?["duration_s"] = tenths(c.seconds)
            f.properties?["distance_m"] = tenths(c.meters)
            if let b = band(of: c) { f.properties?["band_minutes"] = .number(b) }
            features.append(f)
        }
        return FeatureCollection(features: features)
    }

    public func render() throws -> String { GeoJSON.text(.featureCollection(try featureCollection())) + "\n" }
}
