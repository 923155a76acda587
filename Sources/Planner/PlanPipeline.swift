import Foundation
import GeoCore
import Itinerary
import OpeningHours
import RoadGraph
import SiteStore

// One plan's way through the pipeline: candidates → places on the roads → travel matrix → jobs
// with their windows → nights → final solve → timed days → itinerary. Each step is a function
// that takes the values the earlier steps returned and returns its own; nothing is filled in
// behind the caller's back, so a step can be read, tested or replaced alone (`PlanNights.swift`
// is the night-choosing step). `TripPlanner.plan` runs them in order.

/// Step 1's answer: the sites that may be planned, their parsed hours, and those left out.
struct Candidates {
    /// Every site of the store (the checker judges the plan against them).
    var all: [Site]
    var sites: [Site]
    var hours: [OpeningHours?]
    var skipped: [TripItinerary.Skipped]
    /// Ticket prices by site id (the store's `ticket_prices`).
    var prices: [String: TicketPrice]
}

/// Step 2's answer: every place of the plan snapped to the road graph. Places are numbered
/// 0 the start, 1 the end, then the nights' places (given hotels, or the towns to choose
/// among), then the places to eat, then the candidate sites in `Candidates.sites` order.
struct PlacedTrip {
    var places: [PlanPlace]
    var locations: [Router.Location]
    /// False for a candidate with no road nearby (its location is the start's, never used).
    var usable: [Bool]
    /// Index of the first place to eat.
    var lunchFirst: Int
    /// Index of the first candidate site (the places before it are fixed).
    var firstCandidate: Int
    /// Candidates left out here (no road nearby).
    var skipped: [TripItinerary.Skipped]
}

/// Step 3's answer: travel between every pair of places, in whole seconds with the coach
/// rule's rests added (`rests[i][j]` of them), and in metres.
struct TravelTimes {
    var durations: [[Int]]
    var distances: [[Int]]
    var rests: [[Int]]
}

/// Step 4's answer: one solver job per usable candidate open on some day of the trip.
struct JobSet {
    var jobs: [Job]
    /// `jobSite[j]`: the candidate (index into `Candidates.sites`) job j visits.
    var jobSite: [Int]
    /// Where lunch may be taken: the given places to eat and candidate sites themed `food`.
    var eatAt: [Int]
    /// Candidates whose hours the data leaves unknown on a day of the trip (defaults assumed).
    var unknownHours: [(site: Site, date: LocalDate)]
    /// Candidates left out here (closed, or too short open, on every day).
    var skipped: [TripItinerary.Skipped]
}

/// What the solving steps read, built once by steps 1–4 and never changed after.
struct TripModel {
    let request: PlanRequest
    let candidates: Candidates
    let placed: PlacedTrip
    let travel: TravelTimes
    let jobs: JobSet
    /// Each day's most travel (seconds, rests included): the driving law's 8 h in 24 h, lowered
    /// for a day whose driving with the day before or after breaks the rolling limit.
    var dayCaps: [Int?]
    /// All days' travel together: the law's 44 h in 7 days, for trips of at most 7 days.
    var totalCap: Int?
    /// What the tickets may cost together (fen), with `budget_per_student`: the budget less the
    /// fixed costs; nil without a budget.
    var ticketBudget: Int?

    init(request: PlanRequest, candidates: Candidates, placed: PlacedTrip, travel: TravelTimes, jobs: JobSet) {
        self.request = request; self.candidates = candidates; self.placed = placed; self.travel = travel
        self.jobs = jobs
        let law = request.rules.driving
        dayCaps = Array(repeating: request.drivingRule ? law.maxIn24h.value : nil, count: request.days)
        totalCap =
            request.drivingRule && request.days <= 7 && request.days * law.maxIn24h.value > law.maxIn7Days.value
            ? law.maxIn7Days.value : nil
    }

    /// Whether the planner picks the nights among `request.hotelChoices`.
    var choosing: Bool { TripModel.choosesNights(request) }
    static func choosesNights(_ r: PlanRequest) -> Bool {
        r.overnight.isEmpty && !r.hotelChoices.isEmpty && r.days > 1
    }

    /// Everything left out before solving, in the order the steps found it.
    var skipped: [TripItinerary.Skipped] { candidates.skipped + placed.skipped + jobs.skipped }

    /// Days as vehicles for the given nights (`nights[n]`: the place slept at after day n).
    func vehicles(_ nights: [Int]) -> [Vehicle] {
        let r = request
        return (0..<r.days).map { d in
            let start = d == 0 ? 0 : nights[d - 1]
            let end = d == r.days - 1 ? 1 : nights[d]
            let close = d == r.days - 1 ? min(r.window.end, r.backBy ?? r.window.end) : r.window.end
            var breaks: [Break] = []
            if let lunch = r.lunch {
                breaks.append(
                    Break(
                        id: d,
                        windows: [TimeWindow(d * 86_400 + lunch.window.start * 60, d * 86_400 + lunch.window.end * 60)],
                        service: lunch.minutes * 60, locations: jobs.eatAt))
            }
            return Vehicle(
                id: d, start: start, end: end,
                window: TimeWindow(d * 86_400 + r.window.start * 60, d * 86_400 + close * 60),
                breaks: breaks, maxTravelTime: dayCaps[d], maxJobs: r.maxSitesPerDay)
        }
    }

    /// The solver's problem for the given nights.
    func problem(_ nights: [Int]) throws -> Problem {
        do {
            var problem = try Problem(
                jobs: jobs.jobs, vehicles: vehicles(nights), durations: travel.durations,
                distances: travel.distances)
            problem.maxTotalTravel = totalCap
            problem.maxTotalCost = ticketBudget
            return problem
        } catch { throw PlanError(.internalError, "internal error building the plan: \(error)") }
    }

    func solve(_ nights: [Int], _ options: SolverOptions) throws -> (Problem, Solution) {
        let problem = try problem(nights)
        do { return (problem, try Solver.solve(problem, options: options)) } catch {
            throw PlanError(explainInfeasible(error, nights: nights))
        }
    }

    /// The first day that cannot even go from its start to its end in its window, in words.
    func impossibleDay(_ nights: [Int]) -> String? {
        let r = request, vs = vehicles(nights)
        // Building the problem checks each day without visits (Problem.validate).
        do {
            _ = try Problem(
                jobs: jobs.jobs, vehicles: vs, durations: travel.durations, distances: travel.distances)
        } catch {
            guard case let .impossibleVehicle(index, violation) = error else { return nil }
            let v = vs[index]
            let need = travel.durations[v.start!][v.end!]
            let d = v.id
            let places = placed.places
            if case .travelTooLong = violation, let cap = v.maxTravelTime {
                let law = r.rules.driving
                return
                    "day \(d + 1): going from \(places[v.start!].label) to \(places[v.end!].label) takes "
                    + "\(TripItinerary.minutes(Double(need))) of driving (rests included), more than the "
                    + "\(TripItinerary.minutes(Double(cap))) a coach may drive that day (at most "
                    + "\(law.maxIn24h.value / 3600) h in 24 h, \(law.maxIn24h.source)); add nights on the way "
                    + "(«hotels», «choose_hotels») or days"
            }
            return
                "day \(d + 1): going from \(places[v.start!].label) to \(places[v.end!].label) takes "
                + "\(need / 3600) h \(need % 3600 / 60) min of driving, which does not fit the day "
                + "\(DailyWindow.text(r.window.start))–\(DailyWindow.text((v.window.close - d * 86_400) / 60))"
                + "\(r.lunch == nil ? "" : " with lunch"); add nights on the way («hotels», «choose_hotels»), "
                + "days, or a longer «window»"
        }
        return nil
    }

    /// Why the solver found no plan, in the request's words.
    func explainInfeasible(_ error: Error, nights: [Int]? = nil) -> String {
        let r = request
        // Job ids are their indices here, so the solver's mandatory job is a candidate site.
        if case let .infeasibleMandatory(id, _)? = error as? ProblemError, id >= 0, id < jobs.jobSite.count {
            let site = candidates.sites[jobs.jobSite[id]]
            // Too far for any day's driving limit (the law's 8 h in 24 h)?
            let at = jobs.jobs[id].location, days = vehicles(nights ?? Array(repeating: 0, count: r.days - 1))
            let trips = days.map { travel.durations[$0.start!][at] + travel.durations[at][$0.end!] }
            let overCap = zip(days, trips).allSatisfy { v, t in v.maxTravelTime.map { t > $0 } ?? false }
            if let shortest = trips.min(), overCap {
                let law = r.rules.driving
                return
                    "must-visit \(site.nameZh ?? site.id) (\(site.id)) does not fit: going there and on takes at "
                    + "least \(TripItinerary.minutes(Double(shortest))) of driving in a day (rests included), more "
                    + "than a coach may drive (at most \(law.maxIn24h.value / 3600) h in 24 h, "
                    + "\(law.maxIn24h.source)); add a night near it («hotels», «choose_hotels») or more days"
            }
            return
                "must-visit \(site.nameZh ?? site.id) (\(site.id)) does not fit: no day reaches it within its "
                + "opening hours and still gets back by \(DailyWindow.text(r.backBy ?? r.window.end)); try more "
                + "days, a longer day («window»), or dropping another «must»"
        }
        return "no plan satisfies the request: \(error)"
    }
}

enum PlanSteps {
    /// Step 1: the sites that may be planned, the best `maxCandidates` of them when there are more.
    static func candidates(_ r: PlanRequest, store: SiteStore, router: Router) throws -> Candidates {
        var c = try eligible(r, store: store)
        if c.sites.count > r.maxCandidates { c = try prune(c, r, router: router) }
        return c
    }

    /// Sites that may be planned, their parsed hours, and those left out before solving (with why).
    static func eligible(_ r: PlanRequest, store: SiteStore) throws -> Candidates {
        let all = try store.sites(), prices = try store.ticketPrices()
        let ids = Set(all.map(\.id))
        for id in r.must + r.avoid + (r.onlySites ?? []) where !ids.contains(id) {
            let near = try store.search(id.replacingOccurrences(of: "-", with: " "), limit: 3).map(\.id)
            let similar = all.map(\.id).sorted { editDistance($0, id) < editDistance($1, id) }.prefix(3)
            throw PlanError(
                .unknownSite,
                "unknown site id \"\(id)\"; did you mean "
                    + "\((near.isEmpty ? Array(similar) : near).joined(separator: ", "))?")
        }
        var sites: [Site] = [], hours: [OpeningHours?] = [], skipped: [TripItinerary.Skipped] = []
        var coarse = 0, unpriced = 0
        for s in all {
            let must = r.must.contains(s.id)
            if r.avoid.contains(s.id) { continue }
            if let only = r.onlySites {
                guard only.contains(s.id) else { continue }
            } else if !must {
                if s.visitable == "no" || s.status == "withdrawn" { continue }
                if !r.themes.isEmpty, !r.themes.contains(where: s.themes.contains) { continue }
                if !r.kinds.isEmpty, !r.kinds.contains(s.kind) { continue }
                // A place to sleep (a night with --choose-hotels), not a visit.
                if s.kind == "lodging" { continue }
                if !r.includeCoarse, CoordinatePrecision.isCoarse(s.precision) { coarse += 1; continue }
                // Within a budget, a ticket of unknown price could break it: such sites only when named.
                if r.budgetPerStudent != nil, let g = r.group, PlanBudget.ticketCents(s.id, g, prices) == nil {
                    unpriced += 1; continue
                }
            }
            if let size = r.groupSize, let capacity = s.groupCapacity,
                visitWaves(size, capacity: capacity, waves: s.groupWaves) == nil
            {
                if must {
                    throw PlanError(
                        "must-visit \(s.nameZh ?? s.id) takes groups of at most \(capacity) and no groups in waves; "
                            + "the group is \(size)")
                }
                skipped.append(
                    .init(
                        siteID: s.id, label: s.nameZh ?? s.id,
                        reason: "group of \(size) is over its capacity \(capacity) and it takes no groups in waves"))
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
                "the day \(DailyWindow.text(r.window.start))–\(DailyWindow.text(r.window.end)) is shorter than "
                    + "any visit (the shortest is \(shortest) min)")
        }
        guard !sites.isEmpty else {
            throw PlanError(
                "no site matches the request (themes \(r.themes), kinds \(r.kinds)); list the sites to see what "
                    + "there is")
        }
        if coarse > 0 {
            skipped.append(
                .init(
                    siteID: "", label: "\(coarse) sites known only to their county or league seat",
                    reason:
                        "not planned: their positions are tens of km off (include them with «include_coarse», "
                        + "or name one with «must»)"))
        }
        if unpriced > 0 {
            skipped.append(
                .init(
                    siteID: "", label: "\(unpriced) sites whose ticket price is not known",
                    reason: "not planned within «budget_per_student»: their cost could break it (name one with «must»)")
            )
        }
        return Candidates(all: all, sites: sites, hours: hours, skipped: skipped, prices: prices)
    }

    /// Keeps the `maxCandidates` best sites by score per minute consumed (visit + round trip
    /// from the start, one-to-many on the road graph); must-visits always stay.
    static func prune(_ c: Candidates, _ r: PlanRequest, router: Router) throws -> Candidates {
        let sites = c.sites
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
        var pruned = c
        pruned.sites = keep.map { sites[$0] }
        pruned.hours = keep.map { c.hours[$0] }
        pruned.skipped.append(
            .init(
                siteID: "", label: "\(sites.count - keep.count) more candidates",
                reason:
                    "pruned: more than \(r.maxCandidates) candidates, kept the best by score per minute from the start"
            ))
        return pruned
    }

    /// Step 2: every place snapped to the road graph; a candidate with no road nearby is left out.
    static func locate(_ r: PlanRequest, _ c: Candidates, router: Router) throws -> PlacedTrip {
        var places = [r.start, r.end ?? r.start] + (TripModel.choosesNights(r) ? r.hotelChoices : r.overnight)
        let lunchFirst = places.count
        places += r.lunchPlaces
        let firstCandidate = places.count
        places += c.sites.map {
            PlanPlace(
                label: $0.nameZh ?? $0.id, siteID: $0.id, longitude: $0.coordinate.longitude,
                latitude: $0.coordinate.latitude)
        }
        var locations: [Router.Location] = [], usable: [Bool] = [], skipped: [TripItinerary.Skipped] = []
        for (i, p) in places.enumerated() {
            do {
                locations.append(try router.locate(longitude: p.longitude, latitude: p.latitude))
                usable.append(true)
            } catch let e as RoadGraphError {
                guard i >= firstCandidate else { throw PlanError("\(p.label): \(e)") }
                let site = c.sites[i - firstCandidate]
                if r.must.contains(site.id) {
                    throw PlanError("must-visit \(p.label) (\(site.id)) cannot be reached: \(e)")
                }
                skipped.append(.init(siteID: site.id, label: p.label, reason: "no road nearby (\(e))"))
                locations.append(locations[0]); usable.append(false)
            }
        }
        return PlacedTrip(
            places: places, locations: locations, usable: usable, lunchFirst: lunchFirst,
            firstCandidate: firstCandidate, skipped: skipped)
    }

    /// Step 3: the travel matrix between every pair of places; a leg over `maxLegMinutes` or
    /// with no road becomes a time the solver never chooses.
    static func travel(_ r: PlanRequest, _ placed: PlacedTrip, router: Router) throws -> TravelTimes {
        let costs = router.matrix(sources: placed.locations, targets: placed.locations)
        let unreachable = 30 * 86_400
        let n = placed.places.count
        let law = r.rules.driving, nightPossible = law.windowTouchesNight(r.window)
        var rests = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        let durations = costs.enumerated().map { i, row in
            row.enumerated().map { j, c in
                guard let c else { return unreachable }
                var t = Int(c.seconds.rounded())
                if r.drivingRule {
                    rests[i][j] = law.restsByInterval(t, nightPossible: nightPossible)
                    t += rests[i][j] * law.rest.value
                }
                if let maxLeg = r.maxLegMinutes, t > maxLeg * 60, i != j { return unreachable }
                return t
            }
        }
        let distances = costs.map { row in row.map { Int(($0?.meters ?? 0).rounded()) } }
        let reachable = (placed.firstCandidate..<n).filter {
            placed.usable[$0] && costs[0][$0] != nil && costs[$0][1] != nil
        }
        if reachable.isEmpty {
            throw PlanError(
                "no candidate site can be reached from \(r.start.label) and back by \(r.profile): the roads there "
                    + "do not connect to them (try another start or profile)")
        }
        return TravelTimes(durations: durations, distances: distances, rests: rests)
    }

    /// Step 4: one job per usable candidate, its windows from its hours on each day's date.
    static func jobs(_ r: PlanRequest, _ c: Candidates, _ placed: PlacedTrip, holidays: HolidayCalendar) throws
        -> JobSet
    {
        var set = JobSet(jobs: [], jobSite: [], eatAt: [], unknownHours: [], skipped: [])
        let first = placed.firstCandidate
        for (k, site) in c.sites.enumerated() where placed.usable[first + k] {
            // A group over the site's capacity visits in waves, one after another.
            let waves = visitWaves(r.groupSize, capacity: site.groupCapacity, waves: site.groupWaves) ?? 1
            let service = (r.stayMinutes[site.id] ?? site.visitMinutes ?? 60) * 60 * waves
            var windows: [TimeWindow] = []
            for d in 0..<r.days {
                let date = r.firstDate.adding(days: d)
                // No hours in the data, or a day they leave unknown: the default hours, said so.
                let known = c.hours[k].map { $0.known(on: date, holidays: holidays) }
                if case .some(.none) = known { set.unknownHours.append((site, date)) }
                let open = (known ?? nil) ?? [r.defaultHours.start..<r.defaultHours.end]
                for iv in open {
                    let a = d * 86_400 + iv.lowerBound * 60, b = d * 86_400 + iv.upperBound * 60 - service
                    if b >= a { windows.append(TimeWindow(a, b)) }
                }
            }
            let must = r.must.contains(site.id)
            guard !windows.isEmpty else {
                let why =
                    c.hours[k] == nil
                    ? "its visit (\(site.visitMinutes ?? 60) min) does not fit the default hours"
                    : "closed or too short open on every day of the trip (opening_hours \"\(site.openingHours ?? "")\")"
                if must {
                    let lastDay = r.firstDate.adding(days: r.days - 1)
                    let opens = nextOpenDay(c.hours[k], after: lastDay, holidays: holidays)
                    throw PlanError(
                        "must-visit \(site.nameZh ?? site.id) (\(site.id)) cannot be visited: \(why)"
                            + (opens.map { "; it is open on \($0)" } ?? ""))
                }
                set.skipped.append(.init(siteID: site.id, label: site.nameZh ?? site.id, reason: why))
                continue
            }
            set.jobs.append(
                Job(
                    id: set.jobs.count, location: first + k, service: service, windows: windows,
                    priority: TripPlanner.score(site, themes: r.themes), mandatory: must,
                    cost: r.group.flatMap { PlanBudget.ticketCents(site.id, $0, c.prices) } ?? 0))
            set.jobSite.append(k)
        }
        set.eatAt =
            Array(placed.lunchFirst..<first)
            + c.sites.indices.filter { placed.usable[first + $0] && c.sites[$0].themes.contains("food") }.map {
                first + $0
            }
        return set
    }

    /// The first day within 60 after `date` on which the hours open, if any.
    static func nextOpenDay(_ hours: OpeningHours?, after date: LocalDate, holidays: HolidayCalendar) -> LocalDate? {
        guard let hours else { return nil }
        for k in 1...60 where !hours.intervals(on: date.adding(days: k), holidays: holidays).isEmpty {
            return date.adding(days: k)
        }
        return nil
    }
}
