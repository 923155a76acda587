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
        enum CodingKeys: String, CodingKey {
            case detourFactor = "detour_factor", speedKmh = "speed_kmh", maxKm = "max_km"
        }
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
    /// Which `type=restriction` relations bind this traveller: the first of `keys` a relation
    /// has gives its kind (`no_*`, `only_*`), and an `except=` naming one of `exceptions` exempts.
    /// Absent: turns are free (walkers).
    public var turnRestrictions: TurnRestrictionRule?
    /// `barrier=*` values a traveller passes unless the node's access tags deny it; every other
    /// barrier value blocks unless they allow it. `["*"]` passes every barrier. Absent: barriers ignored.
    public var passableBarriers: [String]?
    /// Speed on `route=ferry` ways without a `duration` tag; absent: no ferries.
    public var ferrySpeedKmh: Double?
    /// Speed caps by `surface=*` (unpaved roads are slower than their class).
    public var surfaceMaxSpeedKmh: [String: Double]?

    public struct TurnRestrictionRule: Codable, Sendable, Equatable {
        public var keys: [String]
        public var exceptions: [String]
    }

    enum CodingKeys: String, CodingKey {
        case name, description, oneway
        case highwaySpeedsKmh = "highway_speeds_kmh", conditionalHighways = "conditional_highways"
        case accessKeys = "access_keys", deniedAccessValues = "denied_access_values"
        case honourMaxspeed = "honour_maxspeed", maxSpeedKmh = "max_speed_kmh", fixedSpeedKmh = "fixed_speed_kmh"
        case vehicleHeightM = "vehicle_height_m", vehicleWeightT = "vehicle_weight_t", lastMile = "last_mile"
        case turnRestrictions = "turn_restrictions", passableBarriers = "passable_barriers", ferrySpeedKmh =
            "ferry_speed_kmh"
        case surfaceMaxSpeedKmh = "surface_max_speed_kmh"
    }

    /// The names of the profiles shipped in `Config/profiles/`.
    public static let shippedNames = ["car", "coach", "walk"]

    /// Reads `DIR/NAME.json`; the raw bytes are returned too because a graph's version hashes them.
    public static func load(named name: String, from directory: URL) throws -> (profile: Profile, bytes: Data) {
        let url = directory.appendingPathComponent(name + ".json")
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw RoadGraphError.badProfile(
                "\(url.path): no such profile (shipped: \(shippedNames.joined(separator: ", ")))")
        }
        do {
            let profile = try JSONDecoder().decode(Profile.self, from: bytes)
            guard profile.name == name else {
                throw RoadGraphError.badProfile("\(url.path): name is \"\(profile.name)\", expected \"\(name)\"")
            }
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
        var keys: Set<String> = [
            "highway", "oneway", "junction", "maxspeed", "maxheight", "maxweight", "route", "duration", "surface"
        ]
        keys.formUnion(accessKeys)
        for c in conditionalHighways.values { keys.insert(c.key) }
        return keys
    }

    /// What the profile makes of a way: `nil` if it cannot be used at all. `literal` keeps to
    /// docs/car-profile.md (no ferries, no surface caps), as the independent oracle does.
    public func classify(_ tags: [String: String], literal: Bool = false) -> WayUse? {
        guard let highway = tags["highway"].map(Profile.normalise) else {
            guard !literal, tags["route"] == "ferry", let ferry = ferrySpeedKmh else { return nil }
            if let key = accessKeys.first(where: { tags[$0] != nil }),
                deniedAccessValues.contains(Profile.normalise(tags[key]!))
            {
                return nil
            }
            let oneway = tags["oneway"].map(Profile.normalise)
            let direction: WayUse.Direction =
                oneway == "yes" || oneway == "1" ? .forward : oneway == "-1" ? .backward : .both
            return WayUse(
                speedKmh: ferry, direction: direction,
                ferryMinutes: tags["duration"].flatMap(Profile.parseDurationMinutes))
        }
        var speed: Double
        if let s = highwaySpeedsKmh[highway] {
            speed = s
        } else if let c = conditionalHighways[highway], let v = tags[c.key].map(Profile.normalise), c.values.contains(v)
        {
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
        if !literal, let caps = surfaceMaxSpeedKmh, let cap = tags["surface"].flatMap({ caps[Profile.normalise($0)] }) {
            speed = min(speed, cap)
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
                direction =
                    (highway == "motorway" || junction == "roundabout" || junction == "circular") ? .forward : .both
            }
        }
        return WayUse(speedKmh: speed, direction: direction)
    }

    /// Whether a barrier node stops this traveller: its access tags first (in the profile's
    /// order), then whether the barrier kind is one the profile passes.
    public func isBlocked(byBarrier tags: [String: String]) -> Bool {
        guard let passable = passableBarriers, let kind = tags["barrier"].map(Profile.normalise) else { return false }
        if let key = accessKeys.first(where: { tags[$0] != nil }) {
            return deniedAccessValues.contains(Profile.normalise(tags[key]!))
        }
        return !(passable.contains("*") || passable.contains(kind))
    }

    /// The kind of a turn restriction for this traveller (`true` for `only_*`), or nil if it does not bind.
    public func restrictionKind(_ tags: [String: String]) -> Bool? {
        guard let rule = turnRestrictions, let key = rule.keys.first(where: { tags[$0] != nil }) else { return nil }
        if let except = tags["except"] {
            let exempt = except.split(separator: ";").map { Profile.normalise(String($0)) }
            if exempt.contains(where: rule.exceptions.contains) { return nil }
        }
        let value = Profile.normalise(tags[key]!)
        if value.hasPrefix("no_") { return false }
        if value.hasPrefix("only_") { return true }
        return nil
    }

    /// A ferry's `duration`: `HH:MM`, `HH:MM:SS` or whole minutes.
    static func parseDurationMinutes(_ raw: String) -> Double? {
        let parts = normalise(raw).split(separator: ":").map { Double($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        let p = parts.map { $0! }
        let minutes: Double
        switch p.count {
        case 1: minutes = p[0]
        case 2: minutes = p[0] * 60 + p[1]
        case 3: minutes = p[0] * 60 + p[1] + p[2] / 60
        default: return nil
        }
        return minutes > 0 ? minutes : nil
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
            while digits < p.endIndex, p[digits].isASCII, p[digits].isNumber || p[digits] == "." {
                digits = p.index(after: digits)
            }
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
    /// A ferry's crossing time from its `duration` tag, spread over its length.
    public var ferryMinutes: Double?
    public init(speedKmh: Double, direction: Direction, ferryMinutes: Double? = nil) {
        self.speedKmh = speedKmh; self.direction = direction; self.ferryMinutes = ferryMinutes
    }
}
