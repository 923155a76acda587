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

    /// Seconds a leg takes once the coach driving rule's rests are added: 20 min after every
    /// full 4 h of continuous driving. Every stop (a visit or lunch, ≥ 20 min) resets the count,
    /// so the rule is exact per leg.
    public static func withRests(_ seconds: Int) -> (seconds: Int, rests: Int) {
        let rests = seconds > 0 ? (seconds - 1) / (4 * 3600) : 0
        return (seconds + rests * 20 * 60, rests)
    }

    /// Plans a trip: the pipeline's steps in order (see `PlanPipeline`). `inspect` sees the
    /// final problem given to the solver (the planning benchmark hands it to VROOM too).
    public func plan(_ r: PlanRequest, inspect: ((Problem) -> Void)? = nil) throws -> TripItinerary {
        try validate(r)
        var pipeline = PlanPipeline(planner: self, request: r)
        try pipeline.chooseCandidates()
        try pipeline.locatePlaces()
        try pipeline.buildMatrix()
        try pipeline.buildJobs()
        try pipeline.chooseNights()
        let (problem, solution) = try pipeline.solveFinal()
        inspect?(problem)
        return pipeline.itinerary(try pipeline.schedule(problem, solution), problem, solution)
    }

    /// Keeps the `maxCandidates` best sites by score per minute consumed (visit + round trip
    /// from the start, one-to-many on the road graph); must-visits always stay.
    func prune(_ sites: [Site], _ hours: [OpeningHours?], _ r: PlanRequest, skipped: inout [TripItinerary.Skipped])
        throws -> ([Site], [OpeningHours?])
    {
        let base = try router.locate(longitude: r.start.longitude, latitude: r.start.latitude)
        var located: [Int] = [], locations: [Router.Location] = []
        for (i, s) in sites.enumerated() {
            if let l = try? router.locate(longitude: s.coordinate.longitude, latitude: s.coordinate.latitude) {
                located.append(i); locations.append(l)
            }
        }
        let out = router.matrix(sources: [base], targets: locations)[0]
        let back = router.matrix(sources: locations, targets: [base]).map { $0[0] }
        var ranked: [(Double, Int)] = []
        for (k, i) in located.enumerated() {
            guard let a = out[k], let b = back[k] else { continue }
            let minutes = Double(sites[i].visitMinutes ?? 60) + (a.seconds + b.seconds) / 60
            let must = r.must.contains(sites[i].id)
            ranked.append(
                (must ? .infinity : Double(TripPlanner.score(sites[i], themes: r.themes)) / max(1, minutes), i))
        }
        ranked.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        let keep = ranked.prefix(max(r.maxCandidates, r.must.count)).map(\.1).sorted()
        skipped.append(
            .init(
                siteID: "", label: "\(sites.count - keep.count) more candidates",
                reason:
                    "pruned: more than \(r.maxCandidates) candidates, kept the best by score per minute from the start")
        )
        return (keep.map { sites[$0] }, keep.map { hours[$0] })
    }

    func nextOpenDay(_ site: Site, _ hours: OpeningHours?, after date: LocalDate) -> LocalDate? {
        guard let hours else { return nil }
        for k in 1...60 where !hours.intervals(on: date.adding(days: k), holidays: holidays).isEmpty {
            return date.adding(days: k)
        }
        return nil
    }

    func explainInfeasible(_ error: Error, _ r: PlanRequest, _ candidates: [Site], _ jobSite: [Int]) -> String {
        // Job ids are their indices here, so the solver's mandatory job is a candidate site.
        if case let .infeasibleMandatory(id, _)? = error as? ProblemError, id >= 0, id < jobSite.count {
            let site = candidates[jobSite[id]]
            return
                "must-visit \(site.nameZh ?? site.id) (\(site.id)) does not fit: no day reaches it within its opening hours and still gets back by \(DailyWindow.text(r.backBy ?? r.window.end)); try more days, a longer day («window»), or dropping another «must»"
        }
        return "no plan satisfies the request: \(error)"
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
    }

    /// Sites that may be planned, their parsed hours, and those left out before solving (with why).
    func eligible(_ r: PlanRequest) throws -> ([Site], [OpeningHours?], [TripItinerary.Skipped]) {
        let all = try store.sites()
        let ids = Set(all.map(\.id))
        for id in r.must + r.avoid + (r.onlySites ?? []) where !ids.contains(id) {
            let near = try store.search(id.replacingOccurrences(of: "-", with: " "), limit: 3).map(\.id)
            let similar = all.map(\.id).sorted { editDistance($0, id) < editDistance($1, id) }.prefix(3)
            throw PlanError(
                .unknownSite,
                "unknown site id \"\(id)\"; did you mean \((near.isEmpty ? Array(similar) : near).joined(separator: ", "))?"
            )
        }
        var sites: [Site] = [], hours: [OpeningHours?] = [], skipped: [TripItinerary.Skipped] = []
        var coarse = 0
        for s in all {
            let must = r.must.contains(s.id)
            if r.avoid.contains(s.id) { continue }
            if let only = r.onlySites {
                guard only.contains(s.id) else { continue }
            } else if !must {
                if s.visitable == "no" || s.status == "withdrawn" { continue }
                if !r.themes.isEmpty, !r.themes.contains(where: s.themes.contains) { continue }
                if !r.kinds.isEmpty, !r.kinds.contains(s.kind) { continue }
                if s.kind == "lodging" { continue } // a place to sleep (a night with --choose-hotels), not a visit
                if !r.includeCoarse, CoordinatePrecision.isCoarse(s.precision) { coarse += 1; continue }
            }
            if let size = r.groupSize, let capacity = s.groupCapacity, size > capacity {
                if must {
                    throw PlanError(
                        "must-visit \(s.nameZh ?? s.id) takes groups of at most \(capacity); the group is \(size)")
                }
                skipped.append(
                    .init(
                        siteID: s.id, label: s.nameZh ?? s.id,
                        reason: "group of \(size) is over its capacity \(capacity)"))
                continue
            }
            var parsed: OpeningHours?
            if let text = s.openingHours, !text.isEmpty {
                do { parsed = try OpeningHours(text) } catch {
                    throw PlanError(.internalError, "site \(s.id): \(error)")
                }
            }
            sites.append(s); hours.append(parsed)
        }
        let shortest = sites.map { $0.visitMinutes ?? 60 }.min() ?? 0
        if !sites.isEmpty, r.window.end - r.window.start - (r.lunch?.minutes ?? 0) < shortest {
            throw PlanError(
                "the day \(DailyWindow.text(r.window.start))–\(DailyWindow.text(r.window.end)) is shorter than any visit (the shortest is \(shortest) min)"
            )
        }
        guard !sites.isEmpty else {
            throw PlanError(
                "no site matches the request (themes \(r.themes), kinds \(r.kinds)); list the sites to see what there is"
            )
        }
        if coarse > 0 {
            skipped.append(
                .init(
                    siteID: "", label: "\(coarse) sites known only to their county or league seat",
                    reason:
                        "not planned: their positions are tens of km off (include them with «include_coarse», or name one with «must»)"
                ))
        }
        return (sites, hours, skipped)
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
