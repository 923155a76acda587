import GeoCore
import OpeningHours

/// A place a plan starts, ends or sleeps at (a site, a town or a coordinate), already resolved.
public struct PlanPlace: Sendable, Equatable {
    public var label: String
    public var siteID: String?
    public var longitude: Double
    public var latitude: Double
    /// Its Chinese name where the data has one (a town's, a site's), for Chinese pages.
    public var nameZh: String?
    public init(label: String, siteID: String? = nil, longitude: Double, latitude: Double, nameZh: String? = nil) {
        self.label = label; self.siteID = siteID; self.longitude = longitude; self.latitude = latitude
        self.nameZh = nameZh
    }
}

/// Clock times are minutes after local midnight.
public struct DailyWindow: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }

    /// Parses `HH:MM-HH:MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let a = DailyWindow.minutes(String(parts[0])),
            let b = DailyWindow.minutes(String(parts[1]))
        else { return nil }
        start = a; end = b
    }

    public static func minutes(_ text: String) -> Int? {
        let p = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard p.count == 2, p[0].count <= 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]),
            (0...24).contains(h), (0..<60).contains(m),
            h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    public static func text(_ minutes: Int) -> String {
        let m = ((minutes % 1440) + 1440) % 1440
        return (m / 60 < 10 ? "0" : "") + "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
    }
}

/// How the planner chooses where to sleep.
public enum NightSearch: String, Sendable, CaseIterable {
    /// Orienteering with hotel selection (`HotelSelection`): sequences of nights with bounds,
    /// the trip's days solved together for the best ones.
    case sequences
    /// The earlier local search over one night at a time, each trial a short solve; kept to
    /// measure the new search against (bench/hotels).
    case local
}

/// What a planner asks for: where, when, what, and the rules the day must keep.
public struct PlanRequest: Sendable {
    public var start: PlanPlace
    /// Where the last day ends (default: back at the start).
    public var end: PlanPlace?
    /// One per night (days − 1), or empty: every day ends where it started (a base).
    public var overnight: [PlanPlace] = []
    /// Let the planner choose each night's stop among these places (towns with hotels);
    /// used when `overnight` is empty.
    public var hotelChoices: [PlanPlace] = []
    /// How the nights are chosen among `hotelChoices`.
    public var nightSearch = NightSearch.sequences
    /// Whether sites known only to a county or league seat (precision coarser than 10 km) are
    /// candidates. Off by default: a group cannot be sent to a county seat to find a site, and
    /// several such sites share one point, so the drives between them would count as nothing.
    /// Must-visits and a route's own stops are always candidates.
    public var includeCoarse = false
    public var firstDate: LocalDate
    public var days: Int = 1
    public var window = DailyWindow(start: 8 * 60 + 30, end: 17 * 60 + 30)
    public var profile = "car"
    public var themes: [String] = []
    public var kinds: [String] = []
    public var must: [String] = []
    public var avoid: [String] = []
    public var maxSitesPerDay: Int?
    /// A lunch stop each day: when it may start and how long it lasts.
    public var lunch: (window: DailyWindow, minutes: Int)? = (DailyWindow(start: 12 * 60, end: 13 * 60 + 30), 60)
    /// Places to eat: lunch is taken at one of them (the least detour), not wherever the group
    /// is. Sites with the theme `food` count too.
    public var lunchPlaces: [PlanPlace] = []
    /// The school group (pupils and staff); nil: nobody is counted.
    public var group: Group?
    /// People the group brings (pupils and staff): what a site's capacity is checked against.
    public var groupSize: Int? { group?.people }
    /// Passenger seats per coach (default `rules.group.coachSeats`).
    public var coachSeats: Int?
    /// The most the trip may cost per pupil, all in (CNY); nil: no limit.
    public var budgetPerStudent: Double?
    /// The driving law, the group's minimums, the cost rates and their sources.
    public var rules = PlanRules.builtIn
    /// The longest single drive the group accepts.
    public var maxLegMinutes: Int?
    /// Back at the end by this time on the last day.
    public var backBy: Int?
    /// China's rule for coaches: no more than 4 h of continuous driving without a 20 min rest.
    public var drivingRule: Bool
    /// Hours assumed for a site whose data has none.
    public var defaultHours = DailyWindow(start: 9 * 60, end: 17 * 60)
    /// Plan only among these sites (a stored route's stops), ignoring themes and kinds.
    public var onlySites: [String]?
    /// Planned stays that replace a site's usual visit time (a stored route's `stay_minutes`).
    public var stayMinutes: [String: Int] = [:]
    /// With more candidates than this, keep the best by score per minute (visit plus the round
    /// trip from the start) before the full matrix: the matrix grows with the square.
    public var maxCandidates = 300
    public var timeLimit = 2.0
    public var seed: UInt64 = 1
    /// Perturbation rounds of the final search per thread: with it, the same seed gives the
    /// same plan whatever the machine's speed (unless the time limit comes first).
    public var iterations: Int?

    public init(start: PlanPlace, firstDate: LocalDate, profile: String = "car") {
        self.start = start; self.firstDate = firstDate; self.profile = profile
        drivingRule = profile == "coach"
    }
}
