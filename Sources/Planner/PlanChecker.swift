import OpeningHours
import SiteStore
import Words

/// One rule an itinerary breaks, with where: the day and the stop it concerns.
public struct PlanViolation: Sendable, Equatable, CustomStringConvertible {
    /// Stable names of the rules (the web app and programs key on them).
    public enum Rule: String, Sendable {
        case dayShape = "day-shape", leavesEarly = "leaves-early", endsLate = "ends-late", drivingRule = "driving-rule"
        case maxLeg = "max-leg", timing, lunch, unknownSite = "unknown-site", visitedTwice = "visited-twice", avoided
        case capacity, shortVisit = "short-visit", closed, outsideHours = "outside-hours", maxPerDay = "max-per-day",
            missingMust = "missing-must"
        // The driving-time law (`DrivingLaw`) beyond the 4 h rule.
        case nightContinuous = "night-continuous", noRunning = "no-running", driving24h = "driving-24h"
        case driving7Days = "driving-7-days", budget
        // Warnings: what a plan's reader should know, not rules it breaks.
        case nightDriving = "night-driving", considerRail = "consider-rail", staffRatio = "staff-ratio"
        case gradeReach = "grade-reach", waves, unknownPrices = "unknown-prices"
    }
    public var rule: Rule
    /// The day (0-based) and its date, for rules of one day.
    public var day: Int?
    public var date: LocalDate?
    /// The site of the stop it concerns, if one.
    public var siteID: String?
    /// What is wrong, without the day: "内蒙古博物院 is closed on Monday 2026-06-01" (Words).
    public var text: RuleText

    public init(rule: Rule, day: Int? = nil, date: LocalDate? = nil, siteID: String? = nil, text: RuleText) {
        self.rule = rule; self.day = day; self.date = date; self.siteID = siteID; self.text = text
    }

    /// A rule worded where it is found, in both languages (the driving law's, the costs' and the
    /// group's texts until they move into Words' files as `RuleText` cases).
    public init(
        rule: Rule, day: Int? = nil, date: LocalDate? = nil, siteID: String? = nil, message: String, messageZh: String
    ) {
        self.init(rule: rule, day: day, date: date, siteID: siteID, text: .worded(en: message, zh: messageZh))
    }

    /// In English, without the day.
    public var message: String { text.english }
    /// In Chinese, without the day.
    public var messageZh: String { text.chinese }

    /// With its day where it has one: `day 2 (2026-06-02): …` / `第 2 天（2026-06-02）：…`.
    public func said(_ language: Language) -> String {
        guard let day, let date else { return text.text(language) }
        return ItineraryText.onDay(day: day + 1, date: date.description, text: text.text(language)).text(language)
    }

    public var description: String { said(.en) }
}

/// Re-checks a finished itinerary against the request and the site data, sharing no code with
/// the planner or the solver: every rule a planner relies on, each violation in words.
public enum PlanChecker {
    public static func check(_ plan: TripItinerary, request r: PlanRequest, sites: [Site], holidays: HolidayCalendar)
        -> [PlanViolation]
    {
        var problems: [PlanViolation] = []
        let byID = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0) })
        var seen = Set<String>()
        for day in plan.days {
            func report(_ rule: PlanViolation.Rule, _ text: RuleText, site: String? = nil) {
                problems.append(PlanViolation(rule: rule, day: day.index, date: day.date, siteID: site, text: text))
            }
            let base = day.index * 86_400
            guard let first = day.stops.first, let last = day.stops.last, first.kind == .start, last.kind == .end else {
                report(.dayShape, .dayShape); continue
            }
            if first.depart < base + r.window.start * 60 {
                report(
                    .leavesEarly, .leavesEarly(at: plan.clock(first.depart), start: DailyWindow.text(r.window.start)))
            }
            let lastDay = day.index == plan.days.count - 1
            let close = lastDay ? min(r.window.end, r.backBy ?? r.window.end) : r.window.end
            if last.arrive > base + close * 60 {
                report(
                    .endsLate,
                    .endsLate(
                        at: plan.clock(last.arrive), limit: DailyWindow.text(close), backBy: lastDay && r.backBy != nil)
                )
            }
            var clock = first.depart
            var lunches = 0
            for s in day.stops.dropFirst() {
                if let leg = s.leg {
                    if let maxLeg = r.maxLegMinutes, leg.durationS > Double(maxLeg * 60) {
                        report(
                            .maxLeg, .maxLeg(to: s.label, minutes: Int(leg.durationS / 60), limit: maxLeg),
                            site: s.siteID)
                    }
                    clock += Int(leg.durationS)
                }
                if s.arrive < clock - 1 {
                    report(
                        .timing, .timing(site: s.label, at: plan.clock(s.arrive), driveEnds: plan.clock(clock)),
                        site: s.siteID)
                }
                clock = max(clock, s.depart)
                switch s.kind {
                case .lunch:
                    lunches += 1
                    if let lunch = r.lunch {
                        let begin = s.arrive + s.waiting - base
                        if begin < lunch.window.start * 60 || begin > lunch.window.end * 60 {
                            report(
                                .lunch,
                                .lunchOutside(
                                    at: plan.clock(s.arrive + s.waiting), from: DailyWindow.text(lunch.window.start),
                                    to: DailyWindow.text(lunch.window.end)))
                        }
                        if s.depart - s.arrive - s.waiting < lunch.minutes * 60 {
                            report(.lunch, .lunchShort(minutes: lunch.minutes))
                        }
                    }
                case .visit:
                    guard let id = s.siteID, let site = byID[id] else {
                        report(.unknownSite, .unknownSite(s.label), site: s.siteID); continue
                    }
                    if !seen.insert(id).inserted { report(.visitedTwice, .visitedTwice(s.label), site: id) }
                    if r.avoid.contains(id) { report(.avoided, .avoided(s.label), site: id) }
                    let waves = visitWaves(r.groupSize, capacity: site.groupCapacity, waves: site.groupWaves)
                    if let size = r.groupSize, let cap = site.groupCapacity, waves == nil {
                        report(.capacity, .capacity(site: s.label, capacity: cap, group: size), site: id)
                    }
                    let begin = s.arrive + s.waiting - base, end = s.depart - base
                    let planned = (r.stayMinutes[id] ?? site.visitMinutes ?? 60) * (waves ?? 1)
                    if end - begin < planned * 60 {
                        report(.shortVisit, .shortVisit(site: s.label, minutes: planned), site: id)
                    }
                    let open: [Range<Int>]
                    if let text = site.openingHours, !text.isEmpty, let hours = try? OpeningHours(text) {
                        open = hours.intervals(
                            on: day.date, holidays: holidays, whenUnknown: [r.defaultHours.start..<r.defaultHours.end])
                    } else {
                        open = [r.defaultHours.start..<r.defaultHours.end]
                    }
                    if !open.contains(where: { $0.lowerBound * 60 <= begin && end <= $0.upperBound * 60 }) {
                        if open.isEmpty {
                            report(
                                .closed,
                                .closed(
                                    site: s.label, date: day.date.description, weekday: day.date.weekday,
                                    holiday: holidays.isPublicHoliday(day.date)), site: id)
                        } else {
                            let hours = open.map {
                                "\(DailyWindow.text($0.lowerBound))–\(DailyWindow.text($0.upperBound))"
                            }
                            report(
                                .outsideHours,
                                .outsideHours(
                                    site: s.label, from: plan.clock(s.arrive + s.waiting), to: plan.clock(s.depart),
                                    hours: hours), site: id)
                        }
                    }
                case .start, .end: break
                }
            }
            if r.lunch != nil, lunches != 1 { report(.lunch, .lunchCount(lunches)) }
            if let m = r.maxSitesPerDay, day.visits.count > m {
                report(.maxPerDay, .maxPerDay(sites: day.visits.count, limit: m))
            }
        }
        if r.drivingRule { problems += r.rules.driving.review(plan).violations }
        if let budget = r.budgetPerStudent, let costs = plan.costs, costs.perStudentCNY > budget + 0.005 {
            let (cost, limit) = (TripItinerary.cny(costs.perStudentCNY), TripItinerary.cny(budget))
            problems.append(PlanViolation(rule: .budget, text: .overBudget(perPupil: cost, budget: limit)))
        }
        for id in r.must where !seen.contains(id) {
            problems.append(PlanViolation(rule: .missingMust, siteID: id, text: .missingMust(id)))
        }
        return problems
    }
}
