// The texts of plans and evaluations, as values: what is said, with the numbers and names it
// says it about. Each language words them in its own file (English.swift, Chinese.swift).
//
// Values are plain (names as text, dates as `2026-06-01`, weekdays 0 = Monday, metres,
// seconds), so this module depends on nothing and every module can speak through it.

/// What a plan or an evaluation rests on, printed beside it ("Assumptions", 说明).
public enum PlanNote: Worded, Hashable {
    /// Travel times come from a profile's road graph; points off the road reach it straight.
    case travelTimes(profile: String, nodes: Int, detourFactor: Double, speedKmh: Int)
    /// Sites without hours in the data are taken to be open in the default hours.
    case defaultHours(from: String, to: String)
    /// Visit times from the data; the holiday calendar used (its source in each language).
    case visitTimes(holidaySource: String, holidaySourceZh: String)
    /// A site whose source leaves some of the trip's dates unknown.
    case unknownHours(site: String, dates: [String], openingHours: String, from: String, to: String)
    /// The coach rule: a 20-minute rest after 4 hours at the wheel.
    case coachRule
    /// The nights the planner chose, among how many towns.
    case nightsChosen(among: Int, towns: [String])
    /// An arranged itinerary keeps its order; only times are computed.
    case arrangedOrder
    /// An arranged itinerary is driven on this profile's roads.
    case travelOn(profile: String)
    /// The driving-time law applied to coaches (rests, daily and weekly limits, hours coaches do not run).
    case drivingLaw(
        restMinutes: Int, continuousS: Double, night: Bool, hoursIn24h: Int, hoursIn7Days: Int, noRunFrom: String,
        noRunTo: String, source: String)
    /// The search time asked for is over the service's limit.
    case timeLimitCapped(asked: Double, limit: Int)
    /// The holiday calendar's years (nil: none), outside which `PH` rules are not applied.
    case holidaysCover(years: String?)
    /// A stored route evaluated as its file writes it.
    case routeAsWritten
    /// A stored route optimised without its must-visits, because of `reason`.
    case notEveryStopFits(reasonEn: String, reasonZh: String)
    /// A text given in both languages where it is made (kept for texts not yet moved here).
    case worded(en: String, zh: String)
}

/// Why a candidate site is not in the plan (`not_included`).
public enum SkipReason: Worded, Hashable {
    /// It would fit no day in the solver's search; its score.
    case didNotFit(score: Int)
    /// The group is larger than the site takes.
    case overCapacity(group: Int, capacity: Int)
    /// How many sites known only to a county or league seat were left out (off by default).
    case coarseLeftOut(count: Int)
    /// How many sites of unknown ticket price were left out of a plan within a budget.
    case unpricedLeftOut(count: Int)
    /// Candidates beyond the planner's limit, kept the best by score per minute.
    case pruned(count: Int, limit: Int)
    /// No road within the profile's last mile.
    case noRoadNearby(RoadProblem)
    /// With no hours in the data, its visit is longer than the default hours.
    case visitLongerThanDefaultHours(minutes: Int)
    /// Closed, or open too briefly, on every day of the trip.
    case closedEveryDay(openingHours: String)
}

/// A point the road graph cannot reach.
public enum RoadProblem: Worded, Hashable {
    /// `lon,lat` is `km` from the nearest road of `profile`, over the profile's last-mile limit.
    case tooFarFromRoad(point: String, km: Double, profile: String, limitKm: Double)
    /// The profile's graph has no roads at all.
    case noRoads(profile: String)
}

/// A rule an itinerary breaks, said without its day (the day is said beside it).
public enum RuleText: Worded, Hashable {
    case dayShape
    case leavesEarly(at: String, start: String)
    case endsLate(at: String, limit: String, backBy: Bool)
    case drivingRule(hours: Int, minutes: Int, to: String, rests: Int)
    case maxLeg(to: String, minutes: Int, limit: Int)
    case timing(site: String, at: String, driveEnds: String)
    case lunchOutside(at: String, from: String, to: String)
    case lunchShort(minutes: Int)
    case lunchCount(Int)
    case unknownSite(String)
    case visitedTwice(String)
    case avoided(String)
    case capacity(site: String, capacity: Int, group: Int)
    case shortVisit(site: String, minutes: Int)
    case closed(site: String, date: String, weekday: Int, holiday: Bool)
    case outsideHours(site: String, from: String, to: String, hours: [String])
    case maxPerDay(sites: Int, limit: Int)
    case missingMust(String)
    /// What the trip costs per pupil, over the budget (amounts in CNY as printed).
    case overBudget(perPupil: String, budget: String)
    /// A text given in both languages where it is made (kept for texts not yet moved here).
    case worded(en: String, zh: String)
}

/// The words around an itinerary in its text, Markdown, GPX, KML and calendar forms.
public enum ItineraryText: Worded, Hashable {
    // Headings and lines.
    case title(days: Int, firstDate: String)
    case tripName(firstDate: String, days: Int)
    case day(Int)
    case dayDated(day: Int, date: String)
    case dayHeading(day: Int, date: String, weekday: Int)
    case daySummary(sites: Int, distanceM: Double, drivingS: Double)
    case drivingToday(distanceM: Double, drivingS: Double)
    case columns
    case textColumns
    case total(score: Int, sites: Int, days: Int, distanceM: Double, profile: String)
    case breaksHeading
    case notesHeading
    case notIncluded
    case andMore(Int)
    case assumptions
    case breaks
    /// A warning's label (text) and heading (Markdown): what to know that breaks no rule.
    case note
    case noteHeading
    /// The aggregate rows of `not_included`.
    case coarseSites(Int)
    case unpricedSites(Int)
    case moreCandidates(Int)
    /// A broken rule with its day: `day 2 (2026-06-02): …`.
    case onDay(day: Int, date: String, text: String)
    // Stops and legs.
    case leave(String)
    case backAt(String)
    case lunch
    case lunchAt(String)
    case stay(minutes: Int)
    case leg(durationS: Double, distanceM: Double)
    case travelNotKnown
    case restsIncluded(Int)
    case visitTimes(day: Int, from: String, to: String)
    case route(day: Int)
    case profile(String)
    // A stored route's run at the CLI.
    case everyRuleKept(date: String, drivingRule: Bool)
    case comparedWithWritten(broken: Int, drivingS: Double, kept: Int, of: Int, optimizedDrivingS: Double)
    // The calendar's events.
    case driveTo(String)
    case arriveAndWait(at: String)
    case siteID(String)
    case driveOf(distanceM: Double, durationS: Double)
}

/// The coordinate precision classes of the sites layer, keyed by their stored English text.
public enum PrecisionClass: String, CaseIterable, Worded {
    case exactSite = "exact-site (~100 m)", neighbourhood = "neighbourhood (~1 km)", town = "town (~5 km)"
    case cityCentre = "city-centre (~10 km)", area = "area (>10 km; gateway point)"
    case county = "county (~30 km; county seat)", league = "league (~150 km; league seat)"

    /// A class as a language writes it; text that is not one of ours (an import's own words) as it is.
    public static func text(_ stored: String, _ language: Language) -> String {
        PrecisionClass(rawValue: stored)?.text(language) ?? stored
    }
}

/// The one line a plan says about its coarsest coordinates.
public enum PrecisionNote: Worded, Hashable {
    /// Every point is the site's own (within about a kilometre): the coarsest class.
    case coarsest(precision: String)
    /// `stops` stops are known only to `precision`: times to and from them are estimates.
    case estimates(precision: String, stops: Int)
}

/// Why a plan or an evaluation cannot be made: a request to correct, a place or site not known,
/// or rules no plan can keep. Fields are `«field»`, spelled by each face.
public indirect enum PlanProblem: Worded, Hashable {
    /// A problem with what one field of the request names (its start, a hotel).
    case inField(String, PlanProblem)
    // The request.
    case startMissing
    case dateMissing
    case badDate(String)
    case badWindow(String)
    case badDefaultHours
    case hotelsAndChooseHotels
    case badNightSearch(String)
    case badBackBy
    case badLunch
    case days(Int)
    case visitDays(Int)
    case dayEndsBeforeStart(end: String, start: String)
    case lunchOutsideDay(from: String, to: String, minutes: Int, dayFrom: String, dayTo: String)
    case backByBeforeStart(backBy: String, start: String)
    case hotelsPerNight(days: Int, got: Int)
    case mustAndAvoid(String)
    case maxPerDay
    case coachSeats(Int)
    case budget(String)
    case budgetWithoutGroup
    case windowInNoRunning(from: String, to: String, noRunFrom: String, noRunTo: String, source: String)
    // Places and sites.
    case unknownPlace(String)
    case badPoint(text: String, reason: String)
    case unknownSite(id: String, suggestions: [String])
    case unknownVisitSite(String)
    case placeOffRoad(place: String, RoadProblem)
    // Rules no plan can keep.
    case dayShorterThanVisits(from: String, to: String, shortest: Int)
    case noSiteMatches(themes: [String], kinds: [String])
    case mustOverCapacity(site: String, capacity: Int, group: Int)
    case mustOffRoad(site: String, id: String, RoadProblem)
    case mustNeverOpen(site: String, id: String, why: SkipReason, opensOn: String?)
    case mustDoesNotFit(site: String, id: String, backBy: String)
    case mustOverDrivingLimit(site: String, id: String, drivingS: Double, hoursIn24h: Int, source: String)
    case dayOverDrivingLimit(
        day: Int, from: String, to: String, drivingS: Double, limitS: Double, hoursIn24h: Int, source: String)
    case dayTooShortForDrive(
        day: Int, from: String, to: String, hours: Int, minutes: Int, dayFrom: String, dayTo: String, lunch: Bool)
    case noneReachable(start: String, profile: String)
    /// The fixed costs per kind (`tickets`, `coach`, … as `CostItem.Kind` names them) pass the budget.
    case budgetBelowFixedCosts(budget: String, kinds: [String], amounts: [String], pupils: Int, least: String)
    case budgetPassedByMustKilometres
    case noPlan(String)
    /// A checker refused the planner's answer: a bug of ours.
    case internalBreaks(String)
    case internalHours(site: String, reason: String)
}
