import Foundation
import GeoCore
import Itinerary
import OpeningHours
import RoadGraph
import SiteStore

/// Turns a `PlanRequest` into a timed multi-day itinerary on the road graph.
///
/// Sites become solver jobs: their opening hours on each day's date become time windows on one
/// time axis (seconds from the first midnight), each day is a vehicle with the daily window and
/// a lunch break, travel times come from the road graph. The solver maximises the score, then
/// minimises driving; `PlanChecker` re-checks the result against the rules independently.
public struct TripPlanner {
    public let store: SiteStore
    public let router: Router
    public let holidays: HolidayCalendar

    public init(store: SiteStore, graph: CompiledGraph, holidays: HolidayCalendar) {
        self.store = store; router = Router(graph); self.holidays = holidays
    }

    /// A site's worth in a plan: 10, plus its highest designation in any scheme (world or
    /// national 10, region 6, league 3, banner 1), plus 5 for each requested theme it has.
    public static func score(_ site: Site, themes: [String]) -> Int {
        let level =
            ["world": 10, "national": 10, "autonomous-region": 6, "league": 3, "banner": 1][site.highestLevel ?? "none"]
            ?? 0
        return 10 + level + 5 * themes.filter { site.themes.contains($0) }.count
    }

    /// Plans a trip: the pipeline's steps in order (see `PlanPipeline.swift`), then the
    /// independent `PlanChecker`: a plan it refuses is our bug, thrown as an internal error,
    /// never returned. `inspect` sees the final problem given to the solver (the planning
    /// benchmark hands it to VROOM too).
    public func plan(_ r: PlanRequest, inspect: ((Problem) -> Void)? = nil) throws -> TripItinerary {
        try validate(r)
        let candidates = try PlanSteps.candidates(r, store: store, router: router)
        let placed = try PlanSteps.locate(r, candidates, router: router)
        let travel = try PlanSteps.travel(r, placed, router: router)
        let jobs = try PlanSteps.jobs(r, candidates, placed, holidays: holidays)
        var model = TripModel(request: r, candidates: candidates, placed: placed, travel: travel, jobs: jobs)
        // A budget the fixed costs alone break fails before any search.
        let base = (0..<max(0, r.days - 1)).map { r.overnight.isEmpty ? 0 : 2 + $0 }
        _ = try PlanBudget.ticketAllowance(model, nights: base)
        let nights = try PlanSteps.chooseNights(model)
        model.ticketBudget = try PlanBudget.ticketAllowance(model, nights: nights.nights)
        var solved = try PlanSteps.solveFinal(model, nights)
        var days = try PlanSteps.schedule(model, solved, router: router)
        func draft() -> TripItinerary {
            var plan = PlanSteps.itinerary(model, solved, days, graph: router.graph, holidays: holidays)
            SchoolReport.attach(&plan, request: r, prices: candidates.prices)
            return plan
        }
        // What the solver sees one day at a time is checked on the whole trip and solved again:
        // the law's rolling limits (8 h in any 24, 44 h in any 7 days) cap the day that passes
        // them, and kilometres that push the costs over the budget leave that much less for
        // tickets.
        let limit = PlanBudget.limit(r)
        for round in 0..<8 {
            let plan = draft()
            var again = false
            for (day, over) in r.drivingRule ? r.rules.driving.excessByDay(plan) : [:] {
                model.dayCaps[day] = max(0, Int(days[day].drivingS) - over - 60)
                again = true
            }
            if let limit, let total = plan.costs?.totalCNY, CostEstimate.cents(total) > limit, round < 3,
                let tickets = model.ticketBudget
            {
                model.ticketBudget = max(0, tickets - (CostEstimate.cents(total) - limit))
                again = true
            }
            guard again else { break }
            solved = try PlanSteps.solveFinal(model, NightChoice(nights: solved.nights))
            days = try PlanSteps.schedule(model, solved, router: router)
        }
        if let limit {
            solved = try PlanBudget.dropUntilWithin(
                model, solved,
                cost: { s in
                    solved = s
                    days = try PlanSteps.schedule(model, s, router: router)
                    return CostEstimate.cents(draft().costs?.totalCNY ?? 0)
                }, limit: limit)
            days = try PlanSteps.schedule(model, solved, router: router)
        }
        inspect?(solved.problem)
        let plan = draft()
        let violations = PlanChecker.check(plan, request: r, sites: candidates.all, holidays: holidays)
        guard violations.isEmpty else {
            throw PlanError(
                .internalError,
                "internal error, the plan breaks a rule: \(violations[0]) (please report the request)")
        }
        return plan
    }

    func validate(_ r: PlanRequest) throws {
        guard (1...14).contains(r.days) else {
            throw PlanError(.invalidRequest, "«days» must be 1 to 14 (got \(r.days))")
        }
        guard r.window.end > r.window.start else {
            throw PlanError(
                .invalidRequest,
                "the day ends (\(DailyWindow.text(r.window.end))) before it starts (\(DailyWindow.text(r.window.start))); give «window» like 08:30-17:30"
            )
        }
        if let lunch = r.lunch {
            guard lunch.window.end >= lunch.window.start, lunch.minutes > 0,
                lunch.window.start >= r.window.start, lunch.window.end + lunch.minutes <= r.window.end
            else {
                throw PlanError(
                    .invalidRequest,
                    "«lunch» \(DailyWindow.text(lunch.window.start))–\(DailyWindow.text(lunch.window.end)) (\(lunch.minutes) min) must lie inside the day \(DailyWindow.text(r.window.start))–\(DailyWindow.text(r.window.end))"
                )
            }
        }
        if let back = r.backBy, back <= r.window.start {
            throw PlanError(
                .invalidRequest,
                "«back_by» \(DailyWindow.text(back)) is before the day starts (\(DailyWindow.text(r.window.start)))")
        }
        if !r.overnight.isEmpty, r.overnight.count != r.days - 1 {
            throw PlanError(
                .invalidRequest,
                "\(r.days) days need \(r.days - 1) overnight stops («hotels», one per night), got \(r.overnight.count)")
        }
        for id in r.must where r.avoid.contains(id) {
            throw PlanError(.invalidRequest, "\(id) is both «must» and «avoid»")
        }
        if let m = r.maxSitesPerDay, m < 1 { throw PlanError(.invalidRequest, "«max_per_day» must be at least 1") }
        try r.group?.validate()
        if let seats = r.coachSeats, !(1...100).contains(seats) {
            throw PlanError(.invalidRequest, "«coach_seats» must be 1 to 100 (got \(seats))")
        }
        if let budget = r.budgetPerStudent {
            guard budget > 0, budget < 1_000_000 else {
                throw PlanError(.invalidRequest, "«budget_per_student» must be a number of CNY above 0 (got \(budget))")
            }
            guard r.group != nil else {
                throw PlanError(.invalidRequest, "«budget_per_student» needs the group it is for («group.students»)")
            }
        }
        let law = r.rules.driving
        if r.drivingRule, law.windowTouchesNoRunning(r.window) {
            throw PlanError(
                .invalidRequest,
                "«window» \(DailyWindow.text(r.window.start))-\(DailyWindow.text(r.window.end)) reaches into "
                    + "\(DailyWindow.text(law.noRunning.value.start))–\(DailyWindow.text(law.noRunning.value.end)), "
                    + "when long-distance coaches do not run (\(law.noRunning.source)); start the day at "
                    + "\(DailyWindow.text(law.noRunning.value.end)) or later")
        }
    }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
        var prev = row[0]; row[0] = i
        for j in 1...max(1, b.count) where !b.isEmpty {
            let cur = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
            prev = cur
        }
    }
    return row[b.count]
}
