import Foundation
import GeoCore

/// `hotel_selection` in a VROOM-style problem (our extension; VROOM has no such member).
///
/// ```json
/// "hotel_selection": {"candidates": [5, 6, [111.75, 40.84]], "max_travel_time": 90000}
/// ```
/// The vehicles are the days of one trip, in order: the first starts at its `start`, the last
/// ends at its `end`, and each night in between is spent at a candidate (or at the start or end),
/// where the next day starts. `max_travel_time` limits all days' travel together; each vehicle's
/// own `max_travel_time` limits its day. The answer is VROOM's solution document for the days,
/// plus `hotel_selection.sequence`: the start, each night and the end, as matrix indices.
public struct HotelSelectionSpec: Sendable, Equatable {
    /// Matrix indices (coordinates given as [lon, lat] are indexed like any other location).
    public var candidates: [Int]
    public var maxTotalTravel: Int?
}

/// `hotel_selection` as written, before its locations are indexed.
struct HotelSelectionMember: Decodable {
    var candidates: [VroomLocation]
    var maxTravelTime: Int?
    var unknownKeys: [String]

    init(from decoder: Decoder) throws {
        let path = JSONPath.format(decoder.codingPath)
        guard let c = try? decoder.container(keyedBy: AnyCodingKey.self) else {
            throw ProblemError.invalid(path: path, reason: "expected an object with candidates")
        }
        unknownKeys = c.allKeys.map(\.stringValue).filter { !["candidates", "max_travel_time"].contains($0) }.sorted()
        guard var list = try? c.nestedUnkeyedContainer(forKey: AnyCodingKey("candidates")) else {
            throw ProblemError.invalid(path: c.path("candidates"), reason: "missing or not an array")
        }
        var candidates: [VroomLocation] = []
        while !list.isAtEnd {
            // A candidate is a matrix index or [lon, lat], like any other location.
            let at = "\(c.path("candidates"))[\(list.currentIndex)]"
            let value = try list.decode(JSONValue.self)
            switch value {
            case let .array(pair):
                guard pair.count == 2, let lon = pair[0].numberValue, let lat = pair[1].numberValue,
                    (-180...180).contains(lon), (-90...90).contains(lat)
                else { throw ProblemError.invalid(path: at, reason: "expected [longitude, latitude] in range") }
                candidates.append(.coordinate(longitude: lon, latitude: lat))
            case let .bool(b):
                candidates.append(.index(try Whole.check(b ? 1 : 0, isBool: true, path: at, min: 0)))
            default:
                candidates.append(.index(try Whole.check(value.numberValue, isBool: false, path: at, min: 0)))
            }
        }
        self.candidates = candidates
        maxTravelTime = try c.wholeIfPresent("max_travel_time", min: 0)
    }
}

/// What the answer adds to VROOM's solution document: the nights chosen.
public struct HotelSelectionAnswer: Sendable, Equatable {
    /// The start, each night and the end, as matrix indices.
    public var sequence: [Int]
    /// [lon, lat] of each, when the problem gave coordinates.
    public var locations: [[Double]]?

    public init(sequence: [Int], locations: [[Double]]? = nil) { self.sequence = sequence; self.locations = locations }

    public var jsonValue: JSONValue {
        var o: JSONObject = [:]
        if let locations {
            o["locations"] = .array(locations.map { .array($0.map { .number($0) }) })
        }
        o["sequence"] = .array(sequence.map { .number(Double($0)) })
        return .object(o)
    }
}
