import OpeningHours

/// A planned trip: days of timed stops with the road legs between them.
public struct TripItinerary: Sendable {
    public enum StopKind: String, Sendable { case start, visit, lunch, end }

    public struct Leg: Sendable {
        public var durationS: Double
        public var distanceM: Double
        /// lon/lat along the roads (and the last-mile pieces at both ends).
        public var coordinates: [(Double, Double)]
        /// 20-minute rests inside this leg under the coach driving rule.
        public var rests: Int
    }

    public struct Stop: Sendable {
        public var kind: StopKind
        public var siteID: String?
        public var nameZh: String?
        public var nameEn: String?
        public var label: String
        public var longitude: Double
        public var latitude: Double
        /// Seconds from the first day's midnight (local time).
        public var arrive: Int
        public var depart: Int
        public var waiting: Int
        /// How the group got here (nil for the day's start and for lunch).
        public var leg: Leg?
        /// Why this site is worth it: its score in the plan.
        public var score: Int?
    }

    public struct Day: Sendable {
        public var index: Int
        public var date: LocalDate
        public var stops: [Stop]
        public var drivingS: Double { stops.reduce(0) { $0 + ($1.leg?.durationS ?? 0) } }
        public var distanceM: Double { stops.reduce(0) { $0 + ($1.leg?.distanceM ?? 0) } }
        public var visits: [Stop] { stops.filter { $0.kind == .visit } }
    }

    public struct Skipped: Sendable {
        public var siteID: String
        public var label: String
        public var reason: String
    }

    public var profile: String
    public var firstDate: LocalDate
    public var days: [Day]
    public var score: Int
    /// Candidates not visited: the best few, with why.
    public var skipped: [Skipped]
    /// Assumptions the plan rests on, to print beside it.
    public var assumptions: [String]
    /// Rules an arranged itinerary breaks (a planned one breaks none: its checker refuses it).
    public var violations: [PlanViolation] = []

    /// `2026-06-01T09:30:00` for a time in seconds from the first day's midnight.
    public func localTime(_ seconds: Int) -> String {
        let date = firstDate.adding(days: seconds / 86_400)
        let s = seconds % 86_400
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(date)T\(two(s / 3600)):\(two(s % 3600 / 60)):\(two(s % 60))"
    }

    public func clock(_ seconds: Int) -> String { String(localTime(seconds).dropFirst(11).prefix(5)) }
}
