import Foundation
import GeoCore
import Itinerary

/// Step 5's answer: where the group sleeps, and the trip found while choosing.
struct NightChoice {
    /// `nights[n]` is the place (index into `PlacedTrip.places`) slept at after day n; 0 is
    /// back at the start.
    var nights: [Int]
    /// The trip hotel selection found with these nights (it solves days and nights together);
    /// nil when the nights were given or chosen otherwise.
    var chosen: (trip: HotelTripProblem, found: HotelTripSolution)?
}

extension PlanSteps {
    /// Step 5: the nights — the given hotels, back at the start, or chosen.
    ///
    /// Choosing is orienteering with hotel selection (`HotelSelection`): every sequence of
    /// nights whose days can be driven, bounded by the sites its days can reach, the best of
    /// them solved as whole trips. The days found are the plan's (see `solveFinal`).
    static func chooseNights(_ model: TripModel) throws -> NightChoice {
        let r = model.request
        var choice = NightChoice(nights: (0..<max(0, r.days - 1)).map { r.overnight.isEmpty ? 0 : 2 + $0 })
        if model.choosing {
            switch r.nightSearch {
            case .sequences: choice = try chooseNightsBySequences(model, from: choice)
            case .local: choice.nights = chooseNightsLocally(model, from: choice.nights)
            }
        }
        if let why = model.impossibleDay(choice.nights) { throw PlanError(why) }
        return choice
    }

    static func chooseNightsBySequences(_ model: TripModel, from start: NightChoice) throws -> NightChoice {
        let r = model.request
        let trip = HotelTripProblem(
            jobs: model.jobs.jobs, durations: model.travel.durations, distances: model.travel.distances,
            hotels: [0] + Array(2..<2 + r.hotelChoices.count), start: 0, end: 1, days: model.vehicles(start.nights),
            totalTravelLimit: model.totalCap)
        let options = SolverOptions(seed: r.seed, timeLimit: r.timeLimit, maxIterations: r.iterations, patience: 2_000)
        do {
            let found = try HotelSelection.solve(trip, options: options)
            return NightChoice(nights: Array(found.hotels.dropFirst().dropLast()), chosen: (trip, found))
        } catch .invalid(path: "hotels", _) {
            return start // no sequence of nights fits: impossibleDay says which day fails
        } catch {
            throw PlanError(model.explainInfeasible(error))
        }
    }

    /// The earlier search (`NightSearch.local`): start from the towns nearest the straight
    /// line start → end (evenly spaced), then try each candidate town for each night with a
    /// short solve; keep what raises the score (then lowers driving).
    static func chooseNightsLocally(_ model: TripModel, from start: [Int]) -> [Int] {
        let r = model.request, places = model.placed.places
        var nights = start
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
            guard model.impossibleDay(n) == nil, let (p, s) = try? model.solve(n, quick),
                Checker.violations(p, s).isEmpty
            else {
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
        return nights
    }
}
