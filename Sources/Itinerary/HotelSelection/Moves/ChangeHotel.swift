import Foundation

extension TripSearch {
    /// Changes the hotel of night k (the end of day k − 1 and the start of day k) and re-solves
    /// the two days it joins: their visits are taken out and the two days rebuilt by greedy
    /// insertion from every unvisited site, then shortened by 2-opt and or-opt. Every hotel the
    /// two days can drive to and from is tried; the best rebuilt trip is kept (score, then less
    /// travel, waiting and an earlier return), even when it is worse than before: this is the
    /// search's step between hotel sequences, and the caller's local search and acceptance
    /// rule decide whether the trip is kept. False when no other hotel fits.
    mutating func changeHotel(_ trip: inout Trip, night k: Int) -> Bool {
        let before = trip.hotels[k - 1], after = trip.hotels[k + 1]
        var best: Trip? = nil
        for h in pool where h != trip.hotels[k] && canDrive(day: k - 1, from: before, to: h) {
            guard canDrive(day: k, from: h, to: after) else { continue }
            var trial = trip
            trial.hotels[k] = h
            use(trial.hotels)
            guard rebuild(&trial.state, days: [k - 1, k]) else { continue }
            if best == nil || best!.state.isWorse(than: trial.state) { best = trial }
        }
        use(best?.hotels ?? trip.hotels)
        guard let best else { return false }
        trip = best
        return true
    }

    /// Empties `days` (their ends may have changed), then fills them again by greedy insertion
    /// and shortens them; false when a day cannot be driven or the total travel limit breaks.
    mutating func rebuild(_ state: inout State, days: [Int]) -> Bool {
        var freed = Set<Int>()
        for d in days { for stop in state.routes[d].stops where stop >= 0 { freed.insert(stop) } }
        for d in days {
            let route = search.emptyRoute(vehicle: d)
            guard route.feasible else { return false }
            state.routes[d] = route
        }
        for j in freed {
            state.visited[j] = false
            state.score -= search.values.value[j]
            state.served -= 1
        }
        state.travel = state.routes.reduce(0) { $0 + $1.travel }
        if let limit = search.problem.maxTotalTravel, state.travel > limit { return false }
        search.recreate(&state, noise: 0, only: days)
        for d in days {
            _ = search.twoOpt(&state, d)
            _ = search.orOpt(&state, d)
        }
        search.recreate(&state, noise: 0, only: days)
        return true
    }
}
