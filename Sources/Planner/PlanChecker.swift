import OpeningHours
import SiteStore

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
    /// In words, without the day: "内蒙古博物院 is closed on Monday 2026-06-01".
    public var message: String
    /// The same in Chinese, for the Chinese pages and printouts.
    public var messageZh: String

    public var description: String {
        guard let day, let date else { return message }
        return "day \(day + 1) (\(date)): \(message)"
    }
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
            func report(_ rule: PlanViolation.Rule, _ message: String, _ zh: String, site: String? = nil) {
                problems.append(
                    PlanViolation(
                        rule: rule, day: day.index, date: day.date, siteID: site, message: message, messageZh: zh))
            }
            let base = day.index * 86_400
            guard let first = day.stops.first, let last = day.stops.last, first.kind == .start, last.kind == .end else {
                report(.dayShape, "does not start and end at a base", "没有从住处出发并回到住处"); continue
            }
            if first.depart < base + r.window.start * 60 {
                report(
                    .leavesEarly,
                    "leaves at \(plan.clock(first.depart)), before the \(DailyWindow.text(r.window.start)) start",
                    "\(plan.clock(first.depart)) 出发，早于每日出发时间 \(DailyWindow.text(r.window.start))")
            }
            let lastDay = day.index == plan.days.count - 1
            let close = lastDay ? min(r.window.end, r.backBy ?? r.window.end) : r.window.end
            if last.arrive > base + close * 60 {
                report(
                    .endsLate,
                    "ends at \(plan.clock(last.arrive)), after the \(DailyWindow.text(close)) \(lastDay && r.backBy != nil ? "back-by time" : "window")",
                    "\(plan.clock(last.arrive)) 才结束，晚于\(lastDay && r.backBy != nil ? "返回时间" : "每日结束时间") \(DailyWindow.text(close))"
                )
            }
            var clock = first.depart
            var lunches = 0
            for s in day.stops.dropFirst() {
                if let leg = s.leg {
                    if let maxLeg = r.maxLegMinutes, leg.durationS > Double(maxLeg * 60) {
                        report(
                            .maxLeg,
                            "the drive to \(s.label) takes \(Int(leg.durationS / 60)) min, over the \(maxLeg) min the group accepts",
                            "前往\(s.label)需行车 \(Int(leg.durationS / 60)) 分钟，超过团队可接受的 \(maxLeg) 分钟", site: s.siteID)
                    }
                    clock += Int(leg.durationS)
                }
                if s.arrive < clock - 1 {
                    report(
                        .timing,
                        "\(s.label) reached at \(plan.clock(s.arrive)) but the drive ends at \(plan.clock(clock))",
                        "\(s.label)的到达时间 \(plan.clock(s.arrive)) 早于行车结束时间 \(plan.clock(clock))", site: s.siteID)
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
                                "lunch at \(plan.clock(s.arrive + s.waiting)) is outside \(DailyWindow.text(lunch.window.start))–\(DailyWindow.text(lunch.window.end))",
                                "午餐 \(plan.clock(s.arrive + s.waiting)) 不在 \(DailyWindow.text(lunch.window.start))–\(DailyWindow.text(lunch.window.end)) 之间"
                            )
                        }
                        if s.depart - s.arrive - s.waiting < lunch.minutes * 60 {
                            report(.lunch, "lunch shorter than \(lunch.minutes) min", "午餐短于 \(lunch.minutes) 分钟")
                        }
                    }
                case .visit:
                    guard let id = s.siteID, let site = byID[id] else {
                        report(.unknownSite, "unknown site \(s.label)", "未知地点 \(s.label)", site: s.siteID); continue
                    }
                    if !seen.insert(id).inserted {
                        report(.visitedTwice, "\(s.label) visited twice", "\(s.label)重复参观", site: id)
                    }
                    if r.avoid.contains(id) {
                        report(.avoided, "\(s.label) was to be avoided", "\(s.label)在“不去”名单中", site: id)
                    }
                    let waves = visitWaves(r.groupSize, capacity: site.groupCapacity, waves: site.groupWaves)
                    if let size = r.groupSize, let cap = site.groupCapacity, waves == nil {
                        report(
                            .capacity, "\(s.label) takes groups of \(cap), the group is \(size)",
                            "\(s.label)每批最多接待 \(cap) 人，团队有 \(size) 人", site: id)
                    }
                    let begin = s.arrive + s.waiting - base, end = s.depart - base
                    let planned = (r.stayMinutes[id] ?? site.visitMinutes ?? 60) * (waves ?? 1)
                    if end - begin < planned * 60 {
                        report(
                            .shortVisit, "\(s.label) visit shorter than \(planned) min", "\(s.label)参观不足 \(planned) 分钟",
                            site: id)
                    }
                    let open: [Range<Int>]
                    if let text = site.openingHours, !text.isEmpty, let hours = try? OpeningHours(text) {
                        open = hours.intervals(
                            on: day.date, holidays: holidays, whenUnknown: [r.defaultHours.start..<r.defaultHours.end])
                    } else {
                        open = [r.defaultHours.start..<r.defaultHours.end]
                    }
                    if !open.contains(where: { $0.lowerBound * 60 <= begin && end <= $0.upperBound * 60 }) {
                        let weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][
                            day.date.weekday]
                        let weekdayZh = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][day.date.weekday]
                        let holiday = holidays.isPublicHoliday(day.date)
                        if open.isEmpty {
                            report(
                                .closed,
                                "\(s.label) is closed on \(weekday) \(day.date)\(holiday ? " (a public holiday)" : "")",
                                "\(s.label)在 \(day.date)（\(weekdayZh)\(holiday ? "，法定节假日" : "")）闭馆", site: id)
                        } else {
                            let hours = open.map {
                                "\(DailyWindow.text($0.lowerBound))–\(DailyWindow.text($0.upperBound))"
                            }.joined(separator: ", ")
                            report(
                                .outsideHours,
                                "\(s.label) visited \(plan.clock(s.arrive + s.waiting))–\(plan.clock(s.depart)), outside its hours that day (\(hours))",
                                "\(s.label)参观时间 \(plan.clock(s.arrive + s.waiting))–\(plan.clock(s.depart)) 不在当天开放时间（\(hours)）内",
                                site: id)
                        }
                    }
                case .start, .end: break
                }
            }
            if r.lunch != nil, lunches != 1 { report(.lunch, "\(lunches) lunch breaks", "午餐 \(lunches) 次") }
            if let m = r.maxSitesPerDay, day.visits.count > m {
                report(.maxPerDay, "\(day.visits.count) sites, more than \(m)", "当天 \(day.visits.count) 个地点，超过 \(m) 个")
            }
        }
        if r.drivingRule { problems += r.rules.driving.review(plan).violations }
        if let budget = r.budgetPerStudent, let costs = plan.costs, costs.perStudentCNY > budget + 0.005 {
            problems.append(
                PlanViolation(
                    rule: .budget,
                    message: "costs \(TripItinerary.cny(costs.perStudentCNY)) CNY per pupil, over the budget of "
                        + "\(TripItinerary.cny(budget))",
                    messageZh: "每名学生 \(TripItinerary.cny(costs.perStudentCNY)) 元，超出预算 \(TripItinerary.cny(budget)) 元"))
        }
        for id in r.must where !seen.contains(id) {
            problems.append(
                PlanViolation(
                    rule: .missingMust, siteID: id, message: "must-visit \(id) is not in the plan",
                    messageZh: "必去地点 \(id) 不在行程中"))
        }
        return problems
    }
}
