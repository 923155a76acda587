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
        let options = pool.filter {
            $0 != trip.hotels[k] && canDrive(day: k - 1, from: before, to: $0) && canDrive(day: k, from: $0, to: after)
        }
        guard !options.isEmpty else { return false }
        let env = ProcessInfo.processInfo.environment
        let randomShare = Int(env["HS_RANDOM"] ?? "0")!, polish = Int(env["HS_K"] ?? "0")!
        let candidates =
            search.rng.next(upTo: 100) < randomShare ? [options[search.rng.next(upTo: options.count)]] : options
        for h in candidates {
            var trial = trip
            trial.hotels[k] = h
            use(trial.hotels)
            guard rebuild(&trial.state, days: [k - 1, k]) else { continue }
            if best == nil || best!.state.isWorse(than: trial.state) { best = trial }
        }
        use(best?.hotels ?? trip.hotels)
        guard var best else { return false }
        for _ in 0..<polish {
            var c = best.state
            search.ruin(&c, only: [k - 1, k])
            search.recreate(&c, noise: 0.3, only: [k - 1, k])
            for d in [k - 1, k] {
                _ = search.twoOpt(&c, d)
                _ = search.orOpt(&c, d)
            }
            search.recreate(&c, noise: 0, only: [k - 1, k])
            if !c.isWorse(than: best.state) { best.state = c }
        }
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
