import Foundation

/// A travel profile: which OSM ways a traveller may use, in which directions, at what speed.
///
/// Profiles are data (`Config/profiles/*.json`) so that planners can read and tune them; `car`
/// and `walk` implement `docs/car-profile.md` literally, and a graph's version hashes the
/// profile's bytes, so editing a profile invalidates the graphs built with it.
public struct Profile: Codable, Sendable, Equatable {
    public struct Condition: Codable, Sendable, Equatable {
        public var key: String
        public var values: [String]
        public var speedKmh: Double
        enum CodingKeys: String, CodingKey { case key, values, speedKmh = "speed_kmh" }
    }

    /// How a point off the network reaches it: straight line × detour factor at a low speed.
    public struct LastMile: Codable, Sendable, Equatable {
        public var detourFactor: Double
        public var speedKmh: Double
        /// Farther than this from every road, a point is refused rather than guessed.
        public var maxKm: Double
        enum CodingKeys: String, CodingKey { case detourFactor = "detour_factor", speedKmh = "speed_kmh", maxKm = "max_km" }
    }

    public var name: String
    public var description: String
    public var highwaySpeedsKmh: [String: Double]
    public var conditionalHighways: [String: Condition]
    public var accessKeys: [String]
    public var deniedAccessValues: [String]
    public var oneway: Bool
    public var honourMaxspeed: Bool
    public var maxSpeedKmh: Double?
    public var fixedSpeedKmh: Double?
    public var vehicleHeightM: Double?
    public var vehicleWeightT: Double?
    public var lastMile: LastMile

    enum CodingKeys: String, CodingKey {
        case name, description, oneway
        case highwaySpeedsKmh = "highway_speeds_kmh", conditionalHighways = "conditional_highways"
        case accessKeys = "access_keys", deniedAccessValues = "denied_access_values"
        case honourMaxspeed = "honour_maxspeed", maxSpeedKmh = "max_speed_kmh", fixedSpeedKmh = "fixed_speed_kmh"
        case vehicleHeightM = "vehicle_height_m", vehicleWeightT = "vehicle_weight_t", lastMile = "last_mile"
    }

    /// The names of the profiles shipped in `Config/profiles/`.
    public static let shippedNames = ["car", "coach", "walk"]

    /// Reads `DIR/NAME.json`; the raw bytes are returned too because a graph's version hashes them.
    public static func load(named name: String, from directory: URL) throws -> (profile: Profile, bytes: Data) {
        let url = directory.appendingPathComponent(name + ".json")
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw RoadGraphError.badProfile("\(url.path): no such profile (shipped: \(shippedNames.joined(separator: ", ")))")
        }
        do {
            let profile = try JSONDecoder().decode(Profile.self, from: bytes)
            guard profile.name == name else { throw RoadGraphError.badProfile("\(url.path): name is \"\(profile.name)\", expected \"\(name)\"") }
            for (k, v) in profile.highwaySpeedsKmh where !(v > 0) {
                throw RoadGraphError.badProfile("\(url.path): highway_speeds_kmh.\(k) must be > 0")
            }
            return (profile, bytes)
        } catch let error as RoadGraphError {
            throw error
        } catch {
            throw RoadGraphError.badProfile("\(url.path): \(error)")
        }
    }

    /// Every tag key this profile reads (so readers can drop the rest early).
    public var tagKeys: Set<String> {
        var keys: Set<String> = ["highway", "oneway", "junction", "maxspeed", "maxheight", "maxweight"]
        keys.formUnion(accessKeys)
        for c in conditionalHighways.values { keys.insert(c.key) }
        return keys
    }

    /// What the profile makes of a way: `nil` if it cannot be used at all.
    public func classify(_ tags: [String: String]) -> WayUse? {
        guard let highway = tags["highway"].map(Profile.normalise) else { return nil }
        var speed: Double
        if let s = highwaySpeedsKmh[highway] {
            speed = s
        } else if let c = conditionalHighways[highway], let v = tags[c.key].map(Profile.normalise), c.values.contains(v) {
            speed = c.speedKmh
        } else {
            return nil
        }
        if let key = accessKeys.first(where: { tags[$0] != nil }),
            deniedAccessValues.contains(Profile.normalise(tags[key]!))
        {
            return nil
        }
        if let limit = vehicleHeightM, let h = tags["maxheight"].flatMap(Profile.parseMetric), h < limit { return nil }
        if let limit = vehicleWeightT, let w = tags["maxweight"].flatMap(Profile.parseMetric), w < limit { return nil }
        if let fixed = fixedSpeedKmh {
            speed = fixed
        } else if honourMaxspeed, let m = tags["maxspeed"].flatMap(Profile.parseMaxspeed) {
            speed = m
        }
        if let cap = maxSpeedKmh { speed = min(speed, cap) }
        let direction: WayUse.Direction
        if !oneway {
            direction = .both
        } else {
            switch tags["oneway"].map(Profile.normalise) {
            case "yes", "1", "true": direction = .forward
            case "-1", "reverse": direction = .backward
            case "no", "0", "false": direction = .both
            default:
                let junction = tags["junction"].map(Profile.normalise)
                direction = (highway == "motorway" || junction == "roundabout" || junction == "circular") ? .forward : .both
            }
        }
        return WayUse(speedKmh: speed, direction: direction)
    }

    static func normalise(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// `maxspeed` per docs/car-profile.md §5: parts split on `;`, units km/h, mph, knots; the smallest wins.
    public static func parseMaxspeed(_ raw: String) -> Double? {
        var best: Double?
        for part in normalise(raw).split(separator: ";", omittingEmptySubsequences: false) {
            let p = part.trimmingCharacters(in: .whitespaces)
            var digits = p.startIndex
            while digits < p.endIndex, p[digits].isASCII, p[digits].isNumber || p[digits] == "." { digits = p.index(after: digits) }
            let number = p[..<digits]
            guard !number.isEmpty, number.first != ".", number.last != ".", number.filter({ $0 == "." }).count <= 1,
                let value = Double(number), value > 0
            else { continue }
            let factor: Double
            switch p[digits...].trimmingCharacters(in: .whitespaces) {
            case "", "km/h", "kmh", "kph": factor = 1
            case "mph": factor = 1.609344
            case "knots": factor = 1.852
            default: continue
            }
            best = min(best ?? .infinity, value * factor)
        }
        return best
    }

    /// `maxheight=3.5`, `maxweight=7.5 t`: a plain number in the default unit, else ignored.
    static func parseMetric(_ raw: String) -> Double? {
        var text = normalise(raw)
        for unit in [" m", "m", " t", "t"] where text.hasSuffix(unit) { text.removeLast(unit.count); break }
        guard let v = Double(text), v > 0 else { return nil }
        return v
    }
}

/// How a profile uses one way.
public struct WayUse: Sendable, Equatable {
    public enum Direction: Sendable { case forward, backward, both }
    public var speedKmh: Double
    public var direction: Direction
}
