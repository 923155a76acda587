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

    /// A site's worth in a plan: 10, plus its showcase designation (national 10, region 6,
    /// league 3, banner 1), plus 5 for each requested theme it has.
    public static func score(_ site: Site, themes: [String]) -> Int {
        let level = ["national": 10, "autonomous-region": 6, "league": 3, "banner": 1][site.designationLevel ?? "none"] ?? 0
        return 10 + level + 5 * themes.filter { site.themes.contains($0) }.count
    }

    /// Seconds a leg takes once the coach driving rule's rests are added: 20 min after every
    /// full 4 h of continuous driving. Every stop (a visit or lunch, ≥ 20 min) resets the count,
    /// so the rule is exact per leg.
    public static func withRests(_ seconds: Int) -> (seconds: Int, rests: Int) {
        let rests = seconds > 0 ? (seconds - 1) / (4 * 3600) : 0
        return (seconds + rests * 20 * 60, rests)
    }

    public func plan(_ r: PlanRequest, inspect: ((Problem) -> Void)? = nil) throws -> TripItinerary {
        try validate(r)
        var (candidates, hours, skipped) = try eligible(r)
        if candidates.count > r.maxCandidates {
            (candidates, hours) = try prune(candidates, hours, r, skipped: &skipped)
        }
        let choosing = r.overnight.isEmpty && !r.hotelChoices.isEmpty && r.days > 1
        var places: [PlanPlace] = [r.start, r.end ?? r.start] + (choosing ? r.hotelChoices : r.overnight)
        let lunchFirst = places.count
        places += r.lunchPlaces
        let fixedCount = places.count
        places += candidates.map { PlanPlace(label: $0.nameZh ?? $0.id, siteID: $0.id, longitude: $0.coordinate.longitude, latitude: $0.coordinate.latitude) }
        var locations: [Router.Location] = []
        var usable: [Bool] = []
        for (i, p) in places.enumerated() {
            do {
                locations.append(try router.locate(longitude: p.longitude, latitude: p.latitude))
                usable.append(true)
            } catch let e as RoadGraphError {
                guard i >= fixedCount else { throw PlanError("\(p.label): \(e)") }
                if r.must.contains(candidates[i - fixedCount].id) { throw PlanError("must-visit \(p.label) (\(candidates[i - fixedCount].id)) cannot be reached: \(e)") }
                skipped.append(.init(siteID: candidates[i - fixedCount].id, label: p.label, reason: "no road nearby (\(e))"))
                locations.append(locations[0]); usable.append(false)
            }
        }
        let costs = router.matrix(sources: locations, targets: locations)
        let unreachable = 30 * 86_400
        var rests = [[Int]](repeating: [Int](repeating: 0, count: places.count), count: places.count)
        let durations: [[Int]] = costs.enumerated().map { i, row in
            row.enumerated().map { j, c in
                guard let c else { return unreachable }
                var t = Int(c.seconds.rounded())
                if r.drivingRule { let x = TripPlanner.withRests(t); t = x.seconds; rests[i][j] = x.rests }
                if let maxLeg = r.maxLegMinutes, t > maxLeg * 60, i != j { return unreachable }
                return t
            }
        }
        let distances = costs.map { row in row.map { Int(($0?.meters ?? 0).rounded()) } }
        let reachable = (fixedCount ..< places.count).filter { usable[$0] && costs[0][$0] != nil && costs[$0][1] != nil }
        if reachable.isEmpty {
            throw PlanError("no candidate site can be reached from \(r.start.label) and back by \(r.profile): the roads there do not connect to them (try another start or profile)")
        }

        // Jobs: one per usable candidate, windows from its hours on each day's date.
        var jobs: [Job] = []
        var jobSite: [Int] = []
        for (k, site) in candidates.enumerated() where usable[fixedCount + k] {
            let service = (r.stayMinutes[site.id] ?? site.visitMinutes ?? 60) * 60
            var windows: [TimeWindow] = []
            for d in 0..<r.days {
                let date = r.firstDate.adding(days: d)
                let open = hours[k].map { $0.intervals(on: date, holidays: holidays) } ?? [r.defaultHours.start ..< r.defaultHours.end]
                for iv in open {
                    let a = d * 86_400 + iv.lowerBound * 60, b = d * 86_400 + iv.upperBound * 60 - service
                    if b >= a { windows.append(TimeWindow(a, b)) }
                }
            }
            let must = r.must.contains(site.id)
            guard !windows.isEmpty else {
                let why = hours[k] == nil ? "its visit (\(site.visitMinutes ?? 60) min) does not fit the default hours" : "closed or too short open on every day of the trip (opening_hours \"\(site.openingHours ?? "")\")"
                if must { throw PlanError("must-visit \(site.nameZh ?? site.id) (\(site.id)) cannot be visited: \(why)\(nextOpenDay(site, hours[k], after: r.firstDate.adding(days: r.days - 1)).map { "; it is open on \($0)" } ?? "")") }
                skipped.append(.init(siteID: site.id, label: site.nameZh ?? site.id, reason: why))
                continue
            }
            jobs.append(Job(id: jobs.count, location: fixedCount + k, service: service, windows: windows,
                            priority: TripPlanner.score(site, themes: r.themes), mandatory: must))
            jobSite.append(k)
        }
        // Where lunch may be taken: the given places to eat and candidate sites themed `food`.
        let eatAt = Array(lunchFirst ..< fixedCount) + candidates.indices.filter { usable[fixedCount + $0] && candidates[$0].themes.contains("food") }.map { fixedCount + $0 }
        /// Days as vehicles; `nights[n]` is the place index slept at after day n (0 = back at the start).
        func vehicles(_ nights: [Int]) -> [Vehicle] {
            (0..<r.days).map { d in
                let start = d == 0 ? 0 : nights[d - 1]
                let end = d == r.days - 1 ? 1 : nights[d]
                let close = d == r.days - 1 ? min(r.window.end, r.backBy ?? r.window.end) : r.window.end
                var breaks: [Break] = []
                if let lunch = r.lunch {
                    breaks.append(Break(id: d, windows: [TimeWindow(d * 86_400 + lunch.window.start * 60, d * 86_400 + lunch.window.end * 60)],
                                        service: lunch.minutes * 60, locations: eatAt))
                }
                return Vehicle(id: d, start: start, end: end, window: TimeWindow(d * 86_400 + r.window.start * 60, d * 86_400 + close * 60),
                               breaks: breaks, maxJobs: r.maxSitesPerDay)
            }
        }
        func solve(_ nights: [Int], _ options: SolverOptions) throws -> (Problem, Solution) {
            let problem: Problem
            do { problem = try Problem(jobs: jobs, vehicles: vehicles(nights), durations: durations, distances: distances) } catch { throw PlanError(.internalError, "internal error building the plan: \(error)") }
            do { return (problem, try Solver.solve(problem, options: options)) } catch { throw PlanError(explainInfeasible(error, r, candidates, jobSite)) }
        }
        /// The first day that cannot even go from its start to its end in its window, in words.
        func impossibleDay(_ nights: [Int]) -> String? {
            let vs = vehicles(nights)
            // Building the problem checks each day without visits (Problem.validate).
            do { _ = try Problem(jobs: jobs, vehicles: vs, durations: durations, distances: distances) } catch {
                guard case let .impossibleVehicle(index, _) = error else { return nil }
                let v = vs[index]
                let need = durations[v.start!][v.end!]
                let d = v.id
                return "day \(d + 1): going from \(places[v.start!].label) to \(places[v.end!].label) takes \(need / 3600) h \(need % 3600 / 60) min of driving, which does not fit the day \(DailyWindow.text(r.window.start))–\(DailyWindow.text((v.window.close - d * 86_400) / 60))\(r.lunch == nil ? "" : " with lunch"); add nights on the way («hotels», «choose_hotels»), days, or a longer «window»"
            }
            return nil
        }
        var nights = (0 ..< max(0, r.days - 1)).map { r.overnight.isEmpty ? 0 : 2 + $0 }
        if choosing {
            // Orienteering with hotel selection, by local search over the nights: start from the
            // towns nearest the straight line start → end (evenly spaced), then try each candidate
            // town for each night with a short solve; keep what raises the score (then lowers
            // driving). Cheap because the matrix already holds every candidate.
            let pool = Array(2 ..< 2 + r.hotelChoices.count)
            let a = r.start, b = r.end ?? r.start
            if a != b {
                nights = nights.indices.map { n in
                    let f = Double(n + 1) / Double(r.days)
                    let (x, y) = (a.longitude + f * (b.longitude - a.longitude), a.latitude + f * (b.latitude - a.latitude))
                    return pool.min { Distance.haversineMeters(places[$0].longitude, places[$0].latitude, x, y) < Distance.haversineMeters(places[$1].longitude, places[$1].latitude, x, y) } ?? 0
                }
            }
            let quick = SolverOptions(seed: r.seed, timeLimit: 0.2, maxIterations: 60, patience: 40, threads: 1)
            func value(_ n: [Int]) -> (Int, Int)? {
                guard impossibleDay(n) == nil, let (p, s) = try? solve(n, quick), Checker.violations(p, s).isEmpty else { return nil }
                let travel = s.routes.indices.reduce(0) { t, v in
                    if case let .success(sched) = Checker.schedule(p, vehicle: v, stops: s.routes[v]) { t + sched.travel } else { t }
                }
                return (s.priority(in: p), -travel)
            }
            var best = value(nights) ?? (Int.min, Int.min)
            for n in nights.indices {
                for h in [0] + pool where h != nights[n] {
                    var trial = nights
                    trial[n] = h
                    if let v = value(trial), v > best { best = v; nights = trial }
                }
            }
        }
        if let why = impossibleDay(nights) { throw PlanError(why) }
        let (problem, solution) = try solve(nights, SolverOptions(seed: r.seed, timeLimit: r.timeLimit, maxIterations: r.iterations, patience: 2_000))
        inspect?(problem)
        let vehicles = problem.vehicles
        let violations = Checker.violations(problem, solution)
        guard violations.isEmpty else { throw PlanError(.internalError, "internal error: the solver returned an infeasible plan (\(violations[0]))") }

        // Timed days with road legs.
        var days: [TripItinerary.Day] = []
        for (d, route) in solution.routes.enumerated() {
            guard case let .success(schedule) = Checker.schedule(problem, vehicle: d, stops: route) else { continue }
            var stops: [TripItinerary.Stop] = []
            var lastLoc = vehicles[d].start!
            for step in schedule.steps {
                switch step.kind {
                case .start:
                    let p = places[lastLoc]
                    stops.append(.init(kind: .start, siteID: p.siteID, nameZh: nil, nameEn: nil, label: p.label, longitude: p.longitude, latitude: p.latitude,
                                       arrive: step.arrival, depart: step.arrival, waiting: 0, leg: nil, score: nil))
                case .rest:
                    let loc = step.location ?? lastLoc
                    let leg = loc == lastLoc ? nil : try self.leg(from: lastLoc, to: loc, locations, rests: rests[lastLoc][loc], seconds: problem.travel(lastLoc, loc))
                    let p = places[loc]
                    stops.append(.init(kind: .lunch, siteID: p.siteID, nameZh: "午餐", nameEn: "Lunch", label: (eatAt.isEmpty ? "lunch near " : "lunch at ") + p.label,
                                       longitude: p.longitude, latitude: p.latitude, arrive: step.arrival, depart: step.arrival + step.waiting + step.service,
                                       waiting: step.waiting, leg: leg, score: nil))
                    lastLoc = loc
                case .job, .end:
                    let loc = step.location ?? lastLoc
                    let leg = try self.leg(from: lastLoc, to: loc, locations, rests: rests[lastLoc][loc], seconds: problem.travel(lastLoc, loc))
                    let p = places[loc]
                    if step.kind == .job, let id = step.id {
                        let site = candidates[jobSite[id]]
                        stops.append(.init(kind: .visit, siteID: site.id, nameZh: site.nameZh, nameEn: site.nameEn, label: site.nameZh ?? site.id,
                                           longitude: p.longitude, latitude: p.latitude, arrive: step.arrival, depart: step.arrival + step.waiting + step.service,
                                           waiting: step.waiting, leg: leg, score: jobs[id].priority))
                    } else {
                        stops.append(.init(kind: .end, siteID: p.siteID, nameZh: nil, nameEn: nil, label: p.label, longitude: p.longitude, latitude: p.latitude,
                                           arrive: step.arrival, depart: step.arrival, waiting: 0, leg: leg, score: nil))
                    }
                    lastLoc = loc
                }
            }
            days.append(.init(index: d, date: r.firstDate.adding(days: d), stops: stops))
        }
        // Best first; equal scores in the data's order, so the same plan prints the same way.
        for j in solution.unassigned(in: problem).sorted(by: { (-jobs[$0].priority, $0) < (-jobs[$1].priority, $1) }) {
            let site = candidates[jobSite[j]]
            skipped.append(.init(siteID: site.id, label: site.nameZh ?? site.id, reason: "did not fit (score \(jobs[j].priority))"))
        }
        var assumptions = [
            "travel times from the \(router.graph.profile.name) road graph (\(router.graph.network.nodeCount) nodes); off-road points: straight line × \(router.graph.profile.lastMile.detourFactor) at \(Int(router.graph.profile.lastMile.speedKmh)) km/h",
            "sites without opening hours in the data: assumed open \(DailyWindow.text(r.defaultHours.start))–\(DailyWindow.text(r.defaultHours.end))",
            "visit times from the data (a source or a default per kind); public holidays: \(holidays.source)",
        ]
        if r.drivingRule { assumptions.append("coach rule: a 20-minute rest after every 4 hours of continuous driving, added inside long legs") }
        if choosing {
            assumptions.append("nights chosen by the planner among \(r.hotelChoices.count) towns: " + nights.map { places[$0].label }.joined(separator: ", "))
        }
        return TripItinerary(profile: router.graph.profile.name, firstDate: r.firstDate, days: days, score: solution.priority(in: problem),
                             skipped: skipped, assumptions: assumptions)
    }

    /// Keeps the `maxCandidates` best sites by score per minute consumed (visit + round trip
    /// from the start, one-to-many on the road graph); must-visits always stay.
    func prune(_ sites: [Site], _ hours: [OpeningHours?], _ r: PlanRequest, skipped: inout [TripItinerary.Skipped]) throws -> ([Site], [OpeningHours?]) {
        let base = try router.locate(longitude: r.start.longitude, latitude: r.start.latitude)
        var located: [Int] = [], locations: [Router.Location] = []
        for (i, s) in sites.enumerated() {
            if let l = try? router.locate(longitude: s.coordinate.longitude, latitude: s.coordinate.latitude) { located.append(i); locations.append(l) }
        }
        let out = router.matrix(sources: [base], targets: locations)[0]
        let back = router.matrix(sources: locations, targets: [base]).map { $0[0] }
        var ranked: [(Double, Int)] = []
        for (k, i) in located.enumerated() {
            guard let a = out[k], let b = back[k] else { continue }
            let minutes = Double(sites[i].visitMinutes ?? 60) + (a.seconds + b.seconds) / 60
            let must = r.must.contains(sites[i].id)
            ranked.append((must ? .infinity : Double(TripPlanner.score(sites[i], themes: r.themes)) / max(1, minutes), i))
        }
        ranked.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        let keep = ranked.prefix(max(r.maxCandidates, r.must.count)).map(\.1).sorted()
        skipped.append(.init(siteID: "", label: "\(sites.count - keep.count) more candidates", reason: "pruned: more than \(r.maxCandidates) candidates, kept the best by score per minute from the start"))
        return (keep.map { sites[$0] }, keep.map { hours[$0] })
    }

    func leg(from a: Int, to b: Int, _ locations: [Router.Location], rests: Int, seconds: Int) throws -> TripItinerary.Leg {
        if a == b { return .init(durationS: 0, distanceM: 0, coordinates: [], rests: 0) }
        let route = try router.route(from: locations[a], to: locations[b])
        return .init(durationS: Double(seconds), distanceM: route.cost.meters, coordinates: route.coordinates, rests: rests)
    }

    func nextOpenDay(_ site: Site, _ hours: OpeningHours?, after date: LocalDate) -> LocalDate? {
        guard let hours else { return nil }
        for k in 1...60 where !hours.intervals(on: date.adding(days: k), holidays: holidays).isEmpty { return date.adding(days: k) }
        return nil
    }

    func explainInfeasible(_ error: Error, _ r: PlanRequest, _ candidates: [Site], _ jobSite: [Int]) -> String {
        // Job ids are their indices here, so the solver's mandatory job is a candidate site.
        if case let .infeasibleMandatory(id, _)? = error as? ProblemError, id >= 0, id < jobSite.count {
            let site = candidates[jobSite[id]]
            return "must-visit \(site.nameZh ?? site.id) (\(site.id)) does not fit: no day reaches it within its opening hours and still gets back by \(DailyWindow.text(r.backBy ?? r.window.end)); try more days, a longer day («window»), or dropping another «must»"
        }
        return "no plan satisfies the request: \(error)"
    }

    func validate(_ r: PlanRequest) throws {
        guard (1...14).contains(r.days) else { throw PlanError(.invalidRequest, "«days» must be 1 to 14 (got \(r.days))") }
        guard r.window.end > r.window.start else {
            throw PlanError(.invalidRequest, "the day ends (\(DailyWindow.text(r.window.end))) before it starts (\(DailyWindow.text(r.window.start))); give «window» like 08:30-17:30")
        }
        if let lunch = r.lunch {
            guard lunch.window.end >= lunch.window.start, lunch.minutes > 0,
                  lunch.window.start >= r.window.start, lunch.window.end + lunch.minutes <= r.window.end else {
                throw PlanError(.invalidRequest, "«lunch» \(DailyWindow.text(lunch.window.start))–\(DailyWindow.text(lunch.window.end)) (\(lunch.minutes) min) must lie inside the day \(DailyWindow.text(r.window.start))–\(DailyWindow.text(r.window.end))")
            }
        }
        if let back = r.backBy, back <= r.window.start {
            throw PlanError(.invalidRequest, "«back_by» \(DailyWindow.text(back)) is before the day starts (\(DailyWindow.text(r.window.start)))")
        }
        if !r.overnight.isEmpty, r.overnight.count != r.days - 1 {
            throw PlanError(.invalidRequest, "\(r.days) days need \(r.days - 1) overnight stops («hotels», one per night), got \(r.overnight.count)")
        }
        for id in r.must where r.avoid.contains(id) { throw PlanError(.invalidRequest, "\(id) is both «must» and «avoid»") }
        if let m = r.maxSitesPerDay, m < 1 { throw PlanError(.invalidRequest, "«max_per_day» must be at least 1") }
    }

    /// Sites that may be planned, their parsed hours, and those left out before solving (with why).
    func eligible(_ r: PlanRequest) throws -> ([Site], [OpeningHours?], [TripItinerary.Skipped]) {
        let all = try store.sites()
        let ids = Set(all.map(\.id))
        for id in r.must + r.avoid + (r.onlySites ?? []) where !ids.contains(id) {
            let near = try store.search(id.replacingOccurrences(of: "-", with: " "), limit: 3).map(\.id)
            let similar = all.map(\.id).sorted { editDistance($0, id) < editDistance($1, id) }.prefix(3)
            throw PlanError(.unknownSite, "unknown site id \"\(id)\"; did you mean \((near.isEmpty ? Array(similar) : near).joined(separator: ", "))?")
        }
        var sites: [Site] = [], hours: [OpeningHours?] = [], skipped: [TripItinerary.Skipped] = []
        for s in all {
            let must = r.must.contains(s.id)
            if r.avoid.contains(s.id) { continue }
            if let only = r.onlySites {
                guard only.contains(s.id) else { continue }
            } else if !must {
                if s.visitable == "no" || s.status == "withdrawn" { continue }
                if !r.themes.isEmpty, !r.themes.contains(where: s.themes.contains) { continue }
                if !r.kinds.isEmpty, !r.kinds.contains(s.kind) { continue }
            }
            if let size = r.groupSize, let capacity = s.groupCapacity, size > capacity {
                if must { throw PlanError("must-visit \(s.nameZh ?? s.id) takes groups of at most \(capacity); the group is \(size)") }
                skipped.append(.init(siteID: s.id, label: s.nameZh ?? s.id, reason: "group of \(size) is over its capacity \(capacity)"))
                continue
            }
            var parsed: OpeningHours?
            if let text = s.openingHours, !text.isEmpty {
                do { parsed = try OpeningHours(text) } catch { throw PlanError(.internalError, "site \(s.id): \(error)") }
            }
            sites.append(s); hours.append(parsed)
        }
        let shortest = sites.map { $0.visitMinutes ?? 60 }.min() ?? 0
        if !sites.isEmpty, r.window.end - r.window.start - (r.lunch?.minutes ?? 0) < shortest {
            throw PlanError("the day \(DailyWindow.text(r.window.start))–\(DailyWindow.text(r.window.end)) is shorter than any visit (the shortest is \(shortest) min)")
        }
        guard !sites.isEmpty else { throw PlanError("no site matches the request (themes \(r.themes), kinds \(r.kinds)); list the sites to see what there is") }
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
