import Foundation
import GeoCore
import Itinerary
import OpeningHours
import RoadGraph
import SiteStore
import Words

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

    /// Seconds a leg takes once the coach driving rule's rests are added: 20 min after every
    /// full 4 h of continuous driving. Every stop (a visit or lunch, ≥ 20 min) resets the count,
    /// so the rule is exact per leg.
    public static func withRests(_ seconds: Int) -> (seconds: Int, rests: Int) {
        let rests = seconds > 0 ? (seconds - 1) / (4 * 3600) : 0
        return (seconds + rests * 20 * 60, rests)
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
        let model = TripModel(request: r, candidates: candidates, placed: placed, travel: travel, jobs: jobs)
        let nights = try PlanSteps.chooseNights(model)
        let solved = try PlanSteps.solveFinal(model, nights)
        inspect?(solved.problem)
        let days = try PlanSteps.schedule(model, solved, router: router)
        let plan = PlanSteps.itinerary(model, solved, days, graph: router.graph, holidays: holidays)
        let violations = PlanChecker.check(plan, request: r, sites: candidates.all, holidays: holidays)
        guard violations.isEmpty else {
            throw PlanError(.internalError, .internalBreaks(violations[0].description))
        }
        return plan
    }

    func validate(_ r: PlanRequest) throws {
        guard (1...14).contains(r.days) else {
            throw PlanError(.invalidRequest, .days(r.days))
        }
        guard r.window.end > r.window.start else {
            throw PlanError(
                .invalidRequest,
                .dayEndsBeforeStart(end: DailyWindow.text(r.window.end), start: DailyWindow.text(r.window.start)))
        }
        if let lunch = r.lunch {
            guard lunch.window.end >= lunch.window.start, lunch.minutes > 0,
                lunch.window.start >= r.window.start, lunch.window.end + lunch.minutes <= r.window.end
            else {
                throw PlanError(
                    .invalidRequest,
                    .lunchOutsideDay(
                        from: DailyWindow.text(lunch.window.start), to: DailyWindow.text(lunch.window.end),
                        minutes: lunch.minutes, dayFrom: DailyWindow.text(r.window.start),
                        dayTo: DailyWindow.text(r.window.end)))
            }
        }
        if let back = r.backBy, back <= r.window.start {
            throw PlanError(
                .invalidRequest,
                .backByBeforeStart(backBy: DailyWindow.text(back), start: DailyWindow.text(r.window.start)))
        }
        if !r.overnight.isEmpty, r.overnight.count != r.days - 1 {
            throw PlanError(.invalidRequest, .hotelsPerNight(days: r.days, got: r.overnight.count))
        }
        for id in r.must where r.avoid.contains(id) {
            throw PlanError(.invalidRequest, .mustAndAvoid(id))
        }
        if let m = r.maxSitesPerDay, m < 1 { throw PlanError(.invalidRequest, .maxPerDay) }
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
