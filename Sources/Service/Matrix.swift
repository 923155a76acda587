import Foundation
import GeoCore
import Planner
import RoadGraph

/// `showcase matrix` and `POST /matrix`: travel times and distances between every pair of places.
public struct MatrixRequest: Sendable {
    public enum Places: Sendable {
        /// Site ids.
        case sites([String])
        /// WGS 84 lon/lat pairs, named p1, p2, … in the answer.
        case points([[Double]])
    }
    public var places: Places
    public var profile = "car"

    public init(places: Places, profile: String = "car") { self.places = places; self.profile = profile }

    /// Points from a text: a JSON array of `[lon, lat]` pairs, or CSV lines `lon,lat` (a header
    /// line starting with "lon" and `#` comments are skipped).
    public static func points(text: String, source: String) throws -> [[Double]] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("[") {
            guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any] else {
                throw InputError(source: source, reason: "not a JSON array of [lon, lat] pairs")
            }
            return try array.enumerated().map { i, item in
                guard let pair = item as? [NSNumber], pair.count == 2 else {
                    throw InputError(source: source, reason: "item \(i): expected [lon, lat]")
                }
                return [pair[0].doubleValue, pair[1].doubleValue]
            }
        }
        var points: [[Double]] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = line.trimmingCharacters(in: .whitespaces)
            if l.isEmpty || l.hasPrefix("#") || l.lowercased().hasPrefix("lon") { continue }
            let f = l.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard f.count >= 2, let lon = Double(f[0]), let lat = Double(f[1]) else {
                throw InputError(source: source, line: n + 1, reason: "expected lon,lat")
            }
            do { _ = try Coordinate(longitude: lon, latitude: lat) } catch {
                throw InputError(source: source, line: n + 1, reason: "\(error)")
            }
            points.append([lon, lat])
        }
        return points
    }
}

public struct MatrixResult: Sendable {
    public var profile: String
    /// Site ids, or p1, p2, … for points.
    public var labels: [String]
    /// Row = from, column = to; nil where no route exists.
    public var costs: [[Cost?]]
}

extension Workspace {
    public func matrix(_ r: MatrixRequest) throws -> MatrixResult {
        var places: [PlanPlace] = []
        let field: String
        switch r.places {
        case .sites(let ids):
            field = "sites"
            places = try ids.map { id in
                guard let s = try store.site(id: id) else {
                    throw PlanError(.unknownSite, "«sites»: no site with id \"\(id)\" (search the sites for its id)")
                }
                return PlanPlace(
                    label: s.id, siteID: s.id, longitude: s.coordinate.longitude, latitude: s.coordinate.latitude)
            }
        case .points(let points):
            field = "points"
            places = try points.enumerated().map { i, p in
                guard p.count == 2 else { throw FieldError("points", "item \(i + 1) must be [lon, lat]") }
                let c: Coordinate
                do { c = try Coordinate(longitude: p[0], latitude: p[1]) } catch {
                    throw FieldError("points", "item \(i + 1): \(error)")
                }
                return PlanPlace(label: "p\(i + 1)", longitude: c.longitude, latitude: c.latitude)
            }
        }
        guard !places.isEmpty else { throw FieldError(field, "holds no places") }
        guard places.count <= limits.matrixPlaces else {
            throw InputError(
                source: "«\(field)»",
                reason:
                    "\(places.count) places is over the \(limits.matrixPlaces) limit for one matrix; split them into blocks of sources",
                code: "too-large", category: .tooLarge)
        }
        return try withRouter(r.profile) { router in
            let locations = try places.map { p in try locate(router, p, field: field) }
            return MatrixResult(
                profile: r.profile, labels: places.map(\.label),
                costs: router.matrix(sources: locations, targets: locations))
        }
    }
}

extension MatrixResult {
    public enum Format: String, CaseIterable, Sendable { case json, csv }

    public func render(_ format: Format) -> String {
        switch format {
        case .json:
            let durations = JSONValue.array(costs.map { .array($0.map { $0.map { tenths($0.seconds) } ?? .null }) })
            let distances = JSONValue.array(costs.map { .array($0.map { $0.map { tenths($0.meters) } ?? .null }) })
            return JSONWriter.string(
                .object([
                    "profile": .string(profile), "places": .array(labels.map(JSONValue.string)),
                    "durations": durations, "distances": distances
                ])) + "\n"
        case .csv:
            var out = "from,to,duration_s,distance_m\n"
            for (i, row) in costs.enumerated() {
                for (j, c) in row.enumerated() {
                    out +=
                        "\(labels[i]),\(labels[j]),"
                        + (c.map { String(format: "%.1f,%.1f", $0.seconds, $0.meters) } ?? ",") + "\n"
                }
            }
            return out
        }
    }
}
