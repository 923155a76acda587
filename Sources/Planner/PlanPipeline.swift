import Foundation
import GeoCore
import Itinerary
import OpeningHours
import RoadGraph
import SiteStore

/// One plan's way through the pipeline — candidates → places on the roads → travel matrix →
/// jobs with their windows → nights → solve → timed days → itinerary — one function per step,
/// each filling in what the next one reads. `TripPlanner.plan` runs them in order.
struct PlanPipeline {
    let planner: TripPlanner
    let r: PlanRequest
    var router: Router { planner.router }

    // Candidates (step 1).
    var candidates: [Site] = []
    var hours: [OpeningHours?] = []
    var skipped: [TripItinerary.Skipped] = []
    /// The planner picks the nights among `r.hotelChoices`.
    let choosing: Bool

    // Places on the roads (step 2): 0 start, 1 end, the nights' places, places to eat, then the candidates.
    var places: [PlanPlace] = []
    var lunchFirst = 0
    var fixedCount = 0
    var locations: [Router.Location] = []
    var usable: [Bool] = []

    // Travel (step 3), in whole seconds with the coach rule's rests added.
    var durations: [[Int]] = []
    var distances: [[Int]] = []
    var rests: [[Int]] = []

    // Jobs (step 4): one per usable candidate that is open on some day of the trip.
    var jobs: [Job] = []
    /// Candidates whose hours the data leaves unknown on a day of the trip (defaults assumed).
    var unknownHours: [(site: Site, date: LocalDate)] = []
    var jobSite: [Int] = []
    /// Where lunch may be taken: the given places to eat and candidate sites themed `food`.
    var eatAt: [Int] = []

    // Nights (step 5): `nights[n]` is the place slept at after day n (0: back at the start).
    var nights: [Int] = []
    /// The trip found while choosing the nights (hotel selection solves days and nights together).
    var chosen: (trip: HotelTripProblem, found: HotelTripSolution)?

    init(planner: TripPlanner, request: PlanRequest) {
        self.planner = planner
        r = request
        choosing = r.overnight.isEmpty && !r.hotelChoices.isEmpty && r.days > 1
    }

    /// Step 1: the sites that may be planned, the best `maxCandidates` of them when there are more.
    mutating func chooseCandidates() throws {
        (candidates, hours, skipped) = try planner.eligible(r)
        if candidates.count > r.maxCandidates {
            (candidates, hours) = try planner.prune(candidates, hours, r, skipped: &skipped)
        }
    }

    /// Step 2: every place snapped to the road graph; a candidate with no road nearby is left out.
    mutating func locatePlaces() throws {
        places = [r.start, r.end ?? r.start] + (choosing ? r.hotelChoices : r.overnight)
        lunchFirst = places.count
        places += r.lunchPlaces
        fixedCount = places.count
        places += candidates.map {
            PlanPlace(
                label: $0.nameZh ?? $0.id, siteID: $0.id, longitude: $0.coordinate.longitude,
                latitude: $0.coordinate.latitude)
        }
        for (i, p) in places.enumerated() {
            do {
                locations.append(try router.locate(longitude: p.longitude, latitude: p.latitude))
                usable.append(true)
            } catch let e as RoadGraphError {
                guard i >= fixedCount else { throw PlanError("\(p.label): \(e)") }
                if r.must.contains(candidates[i - fixedCount].id) {
                    throw PlanError("must-visit \(p.label) (\(candidates[i - fixedCount].id)) cannot be reached: \(e)")
                }
                skipped.append(
                    .init(siteID: candidates[i - fixedCount].id, label: p.label, reason: "no road nearby (\(e))"))
                locations.append(locations[0]); usable.append(false)
            }
        }
    }

    /// Step 3: the travel matrix between every pair of places; a leg over `maxLegMinutes` or
    /// with no road becomes a time the solver never chooses.
    mutating func buildMatrix() throws {
        let costs = router.matrix(sources: locations, targets: locations)
        let unreachable = 30 * 86_400
        var rests = [[Int]](repeating: [Int](repeating: 0, count: places.count), count: places.count)
        durations = costs.enumerated().map { i, row in
            row.enumerated().map { j, c in
                guard let c else { return unreachable }
                var t = Int(c.seconds.rounded())
                if r.drivingRule { let x = TripPlanner.withRests(t); t = x.seconds; rests[i][j] = x.rests }
                if let maxLeg = r.maxLegMinutes, t > maxLeg * 60, i != j { return unreachable }
                return t
            }
        }
        self.rests = rests
        distances = costs.map { row in row.map { Int(($0?.meters ?? 0).rounded()) } }
        let reachable = (fixedCount..<places.count).filter { usable[$0] && costs[0][$0] != nil && costs[$0][1] != nil }
        if reachable.isEmpty {
            throw PlanError(
                "no candidate site can be reached from \(r.start.label) and back by \(r.profile): the roads there do not connect to them (try another start or profile)"
            )
        }
    }

    /// Step 4: one job per usable candidate, its windows from its hours on each day's date.
    mutating func buildJobs() throws {
        for (k, site) in candidates.enumerated() where usable[fixedCount + k] {
            let service = (r.stayMinutes[site.id] ?? site.visitMinutes ?? 60) * 60
            var windows: [TimeWindow] = []
            for d in 0..<r.days {
                let date = r.firstDate.adding(days: d)
                // No hours in the data, or a day they leave unknown: the default hours, said so.
                let known = hours[k].map { $0.known(on: date, holidays: planner.holidays) }
                if case .some(.none) = known { unknownHours.append((site, date)) }
                let open = (known ?? nil) ?? [r.defaultHours.start..<r.defaultHours.end]
                for iv in open {
                    let a = d * 86_400 + iv.lowerBound * 60, b = d * 86_400 + iv.upperBound * 60 - service
                    if b >= a { windows.append(TimeWindow(a, b)) }
                }
            }
            let must = r.must.contains(site.id)
            guard !windows.isEmpty else {
                let why =
                    hours[k] == nil
                    ? "its visit (\(site.visitMinutes ?? 60) min) does not fit the default hours"
                    : "closed or too short open on every day of the trip (opening_hours \"\(site.openingHours ?? "")\")"
                if must {
                    throw PlanError(
                        "must-visit \(site.nameZh ?? site.id) (\(site.id)) cannot be visited: \(why)\(planner.nextOpenDay(site, hours[k], after: r.firstDate.adding(days: r.days - 1)).map { "; it is open on \($0)" } ?? "")"
                    )
                }
                skipped.append(.init(siteID: site.id, label: site.nameZh ?? site.id, reason: why))
                continue
            }
            jobs.append(
                Job(
                    id: jobs.count, location: fixedCount + k, service: service, windows: windows,
                    priority: TripPlanner.score(site, themes: r.themes), mandatory: must))
            jobSite.append(k)
        }
        eatAt =
            Array(lunchFirst..<fixedCount)
            + candidates.indices.filter { usable[fixedCount + $0] && candidates[$0].themes.contains("food") }.map {
                fixedCount + $0
            }
    }

    /// Days as vehicles for the given nights.
    func vehicles(_ nights: [Int]) -> [Vehicle] {
        (0..<r.days).map { d in
            let start = d == 0 ? 0 : nights[d - 1]
            let end = d == r.days - 1 ? 1 : nights[d]
            let close = d == r.days - 1 ? min(r.window.end, r.backBy ?? r.window.end) : r.window.end
            var breaks: [Break] = []
            if let lunch = r.lunch {
                breaks.append(
                    Break(
                        id: d,
                        windows: [TimeWindow(d * 86_400 + lunch.window.start * 60, d * 86_400 + lunch.window.end * 60)],
                        service: lunch.minutes * 60, locations: eatAt))
            }
            return Vehicle(
                id: d, start: start, end: end,
                window: TimeWindow(d * 86_400 + r.window.start * 60, d * 86_400 + close * 60),
                breaks: breaks, maxJobs: r.maxSitesPerDay)
        }
    }

    func solve(_ nights: [Int], _ options: SolverOptions) throws -> (Problem, Solution) {
        let problem: Problem
        do {
            problem = try Problem(jobs: jobs, vehicles: vehicles(nights), durations: durations, distances: distances)
        } catch { throw PlanError(.internalError, "internal error building the plan: \(error)") }
        do { return (problem, try Solver.solve(problem, options: options)) } catch {
            throw PlanError(planner.explainInfeasible(error, r, candidates, jobSite))
        }
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
            return
                "day \(d + 1): going from \(places[v.start!].label) to \(places[v.end!].label) takes \(need / 3600) h \(need % 3600 / 60) min of driving, which does not fit the day \(DailyWindow.text(r.window.start))–\(DailyWindow.text((v.window.close - d * 86_400) / 60))\(r.lunch == nil ? "" : " with lunch"); add nights on the way («hotels», «choose_hotels»), days, or a longer «window»"
        }
        return nil
    }

    /// Step 5: the nights — the given hotels, back at the start, or chosen.
    ///
    /// Choosing is orienteering with hotel selection (`HotelSelection`): every sequence of
    /// nights whose days can be driven, bounded by the sites its days can reach, the best of
    /// them solved as whole trips. The days found are the plan's (see `solveFinal`).
    mutating func chooseNights() throws {
        nights = (0..<max(0, r.days - 1)).map { r.overnight.isEmpty ? 0 : 2 + $0 }
        if choosing {
            switch r.nightSearch {
            case .sequences: try chooseNightsBySequences()
            case .local: chooseNightsLocally()
            }
        }
        if let why = impossibleDay(nights) { throw PlanError(why) }
    }

    mutating func chooseNightsBySequences() throws {
        let trip = HotelTripProblem(
            jobs: jobs, durations: durations, distances: distances, hotels: [0] + Array(2..<2 + r.hotelChoices.count),
            start: 0, end: 1,
            days: vehicles(nights))
        let options = SolverOptions(seed: r.seed, timeLimit: r.timeLimit, maxIterations: r.iterations, patience: 2_000)
        do {
            let found = try HotelSelection.solve(trip, options: options)
            nights = Array(found.hotels.dropFirst().dropLast())
            chosen = (trip, found)
        } catch .invalid(path: "hotels", _) {
            return // no sequence of nights fits: impossibleDay says which day fails
        } catch {
            throw PlanError(planner.explainInfeasible(error, r, candidates, jobSite))
        }
    }

    /// The earlier search (`NightSearch.local`): start from the towns nearest the straight
    /// line start → end (evenly spaced), then try each candidate town for each night with a
    /// short solve; keep what raises the score (then lowers driving).
    mutating func chooseNightsLocally() {
        let pool = Array(2..<2 + r.hotelChoices.count)
        let a = r.start, b = r.end ?? r.start
        if a != b {
            nights = nights.indices.map { n in
                let f = Double(n + 1) / Double(r.days)
                let (x, y) = (a.longitude + f * (b.longitude - a.longitude), a.latitude + f * (b.latitude - a.latitude))
                return pool.min {
                    Distance.haversineMeters(places[$0].longitude, places[$0].latitude, x, y)
                        < Distance.haversineMeters(places[$1].longitude, places[$1].latitude, x, y)
                } ?? 0
            }
        }
        let quick = SolverOptions(seed: r.seed, timeLimit: 0.2, maxIterations: 60, patience: 40, threads: 1)
        func value(_ n: [Int]) -> (Int, Int)? {
            guard impossibleDay(n) == nil, let (p, s) = try? solve(n, quick), Checker.violations(p, s).isEmpty else {
                return nil
            }
            let travel = s.routes.indices.reduce(0) { t, v in
                if case let .success(sched) = Checker.schedule(p, vehicle: v, stops: s.routes[v]) {
                    t + sched.travel
                } else {
                    t
                }
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

    /// Step 6: the final solve, checked by the solver's own checker.
    ///
    /// With chosen nights the chosen days are solved once more with the whole time limit, as
    /// fixed hotels would be, and so are the runner-up's nights; the best answer is kept.
    /// Selection screens many sequences briefly and two close sequences are within the day
    /// solver's noise, so the final days deserve full solves (choosing costs two more limits).
    mutating func solveFinal() throws -> (Problem, Solution) {
        let options = SolverOptions(seed: r.seed, timeLimit: r.timeLimit, maxIterations: r.iterations, patience: 2_000)
        var (problem, solution) = try solve(nights, options)
        if let (trip, found) = chosen {
            // Same nights, so the same problem: only the routes differ.
            var best = HotelTripSolution(hotels: found.hotels, solution: solution)
            if trip.isBetter(found, than: best) { best = found; solution = found.solution }
            for sequence in found.runnersUp.prefix(1) {
                let other = Array(sequence.dropFirst().dropLast())
                guard impossibleDay(other) == nil, let (p, s) = try? solve(other, options) else { continue }
                let candidate = HotelTripSolution(hotels: sequence, solution: s)
                if trip.isBetter(candidate, than: best) {
                    best = candidate; (problem, solution) = (p, s); nights = other
                }
            }
        }
        let violations = Checker.violations(problem, solution)
        guard violations.isEmpty else {
            throw PlanError(.internalError, "internal error: the solver returned an infeasible plan (\(violations[0]))")
        }
        return (problem, solution)
    }

    /// Step 7: the solution as timed days with their road legs.
    func schedule(_ problem: Problem, _ solution: Solution) throws -> [TripItinerary.Day] {
        let vehicles = problem.vehicles
        var days: [TripItinerary.Day] = []
        for (d, route) in solution.routes.enumerated() {
            guard case let .success(schedule) = Checker.schedule(problem, vehicle: d, stops: route) else { continue }
            var stops: [TripItinerary.Stop] = []
            var lastLoc = vehicles[d].start!
            for step in schedule.steps {
                switch step.kind {
                case .start:
                    let p = places[lastLoc]
                    stops.append(
                        .init(
                            kind: .start, siteID: p.siteID, nameZh: nil, nameEn: nil, label: p.label,
                            longitude: p.longitude, latitude: p.latitude,
                            arrive: step.arrival, depart: step.arrival, waiting: 0, leg: nil, score: nil))
                case .rest:
                    let loc = step.location ?? lastLoc
                    let leg =
                        loc == lastLoc
                        ? nil
                        : try self.leg(
                            from: lastLoc, to: loc, rests: rests[lastLoc][loc], seconds: problem.travel(lastLoc, loc))
                    let p = places[loc]
                    stops.append(
                        .init(
                            kind: .lunch, siteID: p.siteID, nameZh: "午餐", nameEn: "Lunch",
                            label: (eatAt.isEmpty ? "lunch near " : "lunch at ") + p.label,
                            longitude: p.longitude, latitude: p.latitude, arrive: step.arrival,
                            depart: step.arrival + step.waiting + step.service,
                            waiting: step.waiting, leg: leg, score: nil))
                    lastLoc = loc
                case .job, .end:
                    let loc = step.location ?? lastLoc
                    let leg = try self.leg(
                        from: lastLoc, to: loc, rests: rests[lastLoc][loc], seconds: problem.travel(lastLoc, loc))
                    let p = places[loc]
                    if step.kind == .job, let id = step.id {
                        let site = candidates[jobSite[id]]
                        stops.append(
                            .init(
                                kind: .visit, siteID: site.id, nameZh: site.nameZh, nameEn: site.nameEn,
                                label: site.nameZh ?? site.id,
                                longitude: p.longitude, latitude: p.latitude, arrive: step.arrival,
                                depart: step.arrival + step.waiting + step.service,
                                waiting: step.waiting, leg: leg, score: jobs[id].priority, precision: site.precision))
                    } else {
                        stops.append(
                            .init(
                                kind: .end, siteID: p.siteID, nameZh: nil, nameEn: nil, label: p.label,
                                longitude: p.longitude, latitude: p.latitude,
                                arrive: step.arrival, depart: step.arrival, waiting: 0, leg: leg, score: nil))
                    }
                    lastLoc = loc
                }
            }
            stops = TripItinerary.leavingLate(stops)
            days.append(.init(index: d, date: r.firstDate.adding(days: d), stops: stops))
        }
        return days
    }

    func leg(from a: Int, to b: Int, rests: Int, seconds: Int) throws -> TripItinerary.Leg {
        if a == b { return .init(durationS: 0, distanceM: 0, coordinates: [], rests: 0) }
        let route = try router.route(from: locations[a], to: locations[b])
        return .init(
            durationS: Double(seconds), distanceM: route.cost.meters, coordinates: route.coordinates, rests: rests)
    }

    /// Step 8: the itinerary, with what was left out and the assumptions it rests on.
    func itinerary(_ days: [TripItinerary.Day], _ problem: Problem, _ solution: Solution) -> TripItinerary {
        var skipped = self.skipped
        // Best first; equal scores in the data's order, so the same plan prints the same way.
        for j in solution.unassigned(in: problem).sorted(by: { (-jobs[$0].priority, $0) < (-jobs[$1].priority, $1) }) {
            let site = candidates[jobSite[j]]
            skipped.append(
                .init(siteID: site.id, label: site.nameZh ?? site.id, reason: "did not fit (score \(jobs[j].priority))")
            )
        }
        let graph = router.graph
        var assumptions = [
            "travel times from the \(graph.profile.name) road graph (\(graph.network.nodeCount) nodes); off-road points: straight line × \(graph.profile.lastMile.detourFactor) at \(Int(graph.profile.lastMile.speedKmh)) km/h",
            "sites without opening hours in the data: assumed open \(DailyWindow.text(r.defaultHours.start))–\(DailyWindow.text(r.defaultHours.end))",
            "visit times from the data (a source or a default per kind); public holidays: \(planner.holidays.source)"
        ]
        let visited = Set(days.flatMap { $0.stops.compactMap(\.siteID) })
        var told: Set<String> = []
        for (site, _) in unknownHours where visited.contains(site.id) && told.insert(site.id).inserted {
            let dates = unknownHours.filter { $0.site.id == site.id }.map { "\($0.date)" }
            assumptions.append(
                "\(site.nameZh ?? site.id): the data gives no hours for \(dates.joined(separator: ", ")) (opening_hours \"\(site.openingHours ?? "")\"); assumed open \(DailyWindow.text(r.defaultHours.start))–\(DailyWindow.text(r.defaultHours.end)), check before going"
            )
        }
        if r.drivingRule {
            assumptions.append(
                "coach rule: a 20-minute rest after every 4 hours of continuous driving, added inside long legs")
        }
        if choosing {
            assumptions.append(
                "nights chosen by the planner among \(r.hotelChoices.count) towns: "
                    + nights.map { places[$0].label }.joined(separator: ", "))
        }
        return TripItinerary(
            profile: graph.profile.name, firstDate: r.firstDate, days: days, score: solution.priority(in: problem),
            skipped: skipped, assumptions: assumptions)
    }
}
