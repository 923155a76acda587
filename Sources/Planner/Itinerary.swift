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
        /// The site's coordinate precision class (`county (~30 km; county seat)`), for visits.
        public var precision: String? = nil
        /// Waves the group visits in when it is larger than the site takes at once (nil: one).
        public var waves: Int? = nil
        /// A drive of nothing between two different places that share one coarse point (two
        /// relics placed at the same county seat): the time there is not known, not zero.
        public var travelUnknown: Bool {
            guard let leg, leg.distanceM < 1, kind == .visit, let precision else { return false }
            return !CoordinatePrecision.isSiteLevel(precision)
        }
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
    /// What the reader should know that breaks no rule: night driving, legs long enough for
    /// rail, staff below the minimums, a trip beyond the grade's band, unknown prices.
    public var warnings: [PlanViolation] = []
    /// The school group, its coaches and staff ratios (nil: the request gave no group).
    public var group: GroupSummary?
    /// What the trip costs, item by item (nil: the request gave no group).
    public var costs: CostEstimate?

    /// The coarsest precision class among the visits, and the sites that have it: the plan's
    /// times are only as good as those points (nil with no visits or no classes given).
    public var worstPrecision: (precision: String, siteIDs: [String])? {
        let visits = days.flatMap(\.visits).filter { $0.precision != nil }
        guard
            let worst = visits.map(\.precision!).max(by: {
                (CoordinatePrecision.km($0) ?? 0) < (CoordinatePrecision.km($1) ?? 0)
            })
        else { return nil }
        var ids: [String] = []
        for v in visits where v.precision == worst {
            if let id = v.siteID, !ids.contains(id) { ids.append(id) }
        }
        return (worst, ids)
    }

    /// A day's stops leaving as late as the order allows: when the first visit would wait for
    /// its opening, the group leaves that much later instead of idling at the gate (the drive
    /// is the same, so nothing after the first visit moves).
    public static func leavingLate(_ stops: [Stop]) -> [Stop] {
        guard stops.count > 1, stops[0].kind == .start, stops[1].kind == .visit, stops[1].waiting > 0 else {
            return stops
        }
        var out = stops
        let wait = stops[1].waiting
        out[0].arrive += wait
        out[0].depart += wait
        out[1].arrive += wait
        out[1].waiting = 0
        return out
    }

    /// `2026-06-01T09:30:00` for a time in seconds from the first day's midnight.
    public func localTime(_ seconds: Int) -> String {
        let date = firstDate.adding(days: seconds / 86_400)
        let s = seconds % 86_400
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return "\(date)T\(two(s / 3600)):\(two(s % 3600 / 60)):\(two(s % 60))"
    }

    public func clock(_ seconds: Int) -> String { String(localTime(seconds).dropFirst(11).prefix(5)) }
}
