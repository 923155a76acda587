import Foundation
import GeoCore
import Itinerary
import OpeningHours
import RoadGraph
import SiteStore

/// Step 6's answer: the solver's problem and solution, and the nights they were solved for.
struct SolvedTrip {
    var problem: Problem
    var solution: Solution
    var nights: [Int]
}

extension PlanSteps {
    /// Step 6: the final solve, checked by the solver's own checker.
    ///
    /// With chosen nights the chosen days are solved once more with the whole time limit, as
    /// fixed hotels would be, and so are the runner-up's nights; the best answer is kept.
    /// Selection screens many sequences briefly and two close sequences are within the day
    /// solver's noise, so the final days deserve full solves (choosing costs two more limits).
    static func solveFinal(_ model: TripModel, _ choice: NightChoice) throws -> SolvedTrip {
        let r = model.request
        let options = SolverOptions(seed: r.seed, timeLimit: r.timeLimit, maxIterations: r.iterations, patience: 2_000)
        var nights = choice.nights
        var (problem, solution) = try model.solve(nights, options)
        if let (trip, found) = choice.chosen {
            // Same nights, so the same problem: only the routes differ.
            var best = HotelTripSolution(hotels: found.hotels, solution: solution)
            // Selection knows no budget: its days count only if they keep it.
            if Checker.violations(problem, found.solution).isEmpty, trip.isBetter(found, than: best) {
                best = found; solution = found.solution
            }
            for sequence in found.runnersUp.prefix(1) {
                let other = Array(sequence.dropFirst().dropLast())
                guard model.impossibleDay(other) == nil, let (p, s) = try? model.solve(other, options) else {
                    continue
                }
                let candidate = HotelTripSolution(hotels: sequence, solution: s)
                if trip.isBetter(candidate, than: best) {
                    best = candidate; (problem, solution) = (p, s); nights = other
                }
            }
        }
        let violations = Checker.violations(problem, solution)
        guard violations.isEmpty else {
            throw PlanError(
                .internalError, "internal error: the solver returned an infeasible plan (\(violations[0]))")
        }
        return SolvedTrip(problem: problem, solution: solution, nights: nights)
    }

    /// Step 7: the solution as timed days with their road legs.
    static func schedule(_ model: TripModel, _ solved: SolvedTrip, router: Router) throws -> [TripItinerary.Day] {
        let problem = solved.problem
        let places = model.placed.places, rests = model.travel.rests
        let eatAt = model.jobs.eatAt, jobs = model.jobs.jobs
        func leg(from a: Int, to b: Int) throws -> TripItinerary.Leg {
            let seconds = problem.travel(a, b)
            if a == b { return .init(durationS: 0, distanceM: 0, coordinates: [], rests: 0) }
            let route = try router.route(from: model.placed.locations[a], to: model.placed.locations[b])
            return .init(
                durationS: Double(seconds), distanceM: route.cost.meters, coordinates: route.coordinates,
                rests: rests[a][b])
        }
        var days: [TripItinerary.Day] = []
        for (d, route) in solved.solution.routes.enumerated() {
            guard case let .success(schedule) = Checker.schedule(problem, vehicle: d, stops: route) else { continue }
            var stops: [TripItinerary.Stop] = []
            var lastLoc = problem.vehicles[d].start!
            for step in schedule.steps {
                switch step.kind {
                case .start:
                    let p = places[lastLoc]
                    stops.append(
                        .init(
                            kind: .start, siteID: p.siteID, nameZh: p.nameZh, nameEn: nil, label: p.label,
                            longitude: p.longitude, latitude: p.latitude,
                            arrive: step.arrival, depart: step.arrival, waiting: 0, leg: nil, score: nil))
                case .rest:
                    let loc = step.location ?? lastLoc
                    let p = places[loc]
                    stops.append(
                        .init(
                            kind: .lunch, siteID: p.siteID, nameZh: "午餐", nameEn: "Lunch",
                            label: (eatAt.isEmpty ? "lunch near " : "lunch at ") + p.label,
                            longitude: p.longitude, latitude: p.latitude, arrive: step.arrival,
                            depart: step.arrival + step.waiting + step.service,
                            waiting: step.waiting, leg: loc == lastLoc ? nil : try leg(from: lastLoc, to: loc),
                            score: nil))
                    lastLoc = loc
                case .job, .end:
                    let loc = step.location ?? lastLoc
                    let legHere = try leg(from: lastLoc, to: loc)
                    let p = places[loc]
                    if step.kind == .job, let id = step.id {
                        let site = model.candidates.sites[model.jobs.jobSite[id]]
                        stops.append(
                            .init(
                                kind: .visit, siteID: site.id, nameZh: site.nameZh, nameEn: site.nameEn,
                                label: site.nameZh ?? site.id,
                                longitude: p.longitude, latitude: p.latitude, arrive: step.arrival,
                                depart: step.arrival + step.waiting + step.service,
                                waiting: step.waiting, leg: legHere, score: jobs[id].priority,
                                precision: site.precision,
                                waves: visitWaves(
                                    model.request.groupSize, capacity: site.groupCapacity, waves: site.groupWaves
                                ).flatMap { $0 > 1 ? $0 : nil }))
                    } else {
                        stops.append(
                            .init(
                                kind: .end, siteID: p.siteID, nameZh: p.nameZh, nameEn: nil, label: p.label,
                                longitude: p.longitude, latitude: p.latitude,
                                arrive: step.arrival, depart: step.arrival, waiting: 0, leg: legHere, score: nil))
                    }
                    lastLoc = loc
                }
            }
            stops = TripItinerary.leavingLate(stops)
            days.append(.init(index: d, date: model.request.firstDate.adding(days: d), stops: stops))
        }
        return days
    }

    /// Step 8: the itinerary, with what was left out and the assumptions it rests on.
    static func itinerary(
        _ model: TripModel, _ solved: SolvedTrip, _ days: [TripItinerary.Day], graph: CompiledGraph,
        holidays: HolidayCalendar
    ) -> TripItinerary {
        let r = model.request, jobs = model.jobs.jobs
        var skipped = model.skipped
        // Best first; equal scores in the data's order, so the same plan prints the same way.
        let unassigned = solved.solution.unassigned(in: solved.problem)
        for j in unassigned.sorted(by: { (-jobs[$0].priority, $0) < (-jobs[$1].priority, $1) }) {
            let site = model.candidates.sites[model.jobs.jobSite[j]]
            skipped.append(
                .init(siteID: site.id, label: site.nameZh ?? site.id, reason: "did not fit (score \(jobs[j].priority))")
            )
        }
        let lastMile = graph.profile.lastMile
        let hours = "\(DailyWindow.text(r.defaultHours.start))–\(DailyWindow.text(r.defaultHours.end))"
        var assumptions = [
            "travel times from the \(graph.profile.name) road graph (\(graph.network.nodeCount) nodes); off-road "
                + "points: straight line × \(lastMile.detourFactor) at \(Int(lastMile.speedKmh)) km/h",
            "sites without opening hours in the data: assumed open \(hours)",
            "visit times from the data (a source or a default per kind); public holidays: \(holidays.source)"
        ]
        let visited = Set(days.flatMap { $0.stops.compactMap(\.siteID) })
        var told: Set<String> = []
        for (site, _) in model.jobs.unknownHours where visited.contains(site.id) && told.insert(site.id).inserted {
            let dates = model.jobs.unknownHours.filter { $0.site.id == site.id }.map { "\($0.date)" }
            assumptions.append(
                "\(site.nameZh ?? site.id): the data gives no hours for \(dates.joined(separator: ", ")) "
                    + "(opening_hours \"\(site.openingHours ?? "")\"); assumed open \(hours), check before going")
        }
        if r.drivingRule { assumptions.append(r.rules.driving.assumption(window: r.window)) }
        if model.choosing {
            assumptions.append(
                "nights chosen by the planner among \(r.hotelChoices.count) towns: "
                    + solved.nights.map { model.placed.places[$0].label }.joined(separator: ", "))
        }
        return TripItinerary(
            profile: graph.profile.name, firstDate: r.firstDate, days: days,
            score: solved.solution.priority(in: solved.problem), skipped: skipped, assumptions: assumptions)
    }
}
