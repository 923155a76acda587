import Foundation

/// Building routes: greedy insertion (recreate), inserting and removing jobs.
extension Search {

    /// Greedy insertion by value² / added travel (Vansteenwegen et al.'s ratio), with optional
    /// noise on the ratio so repeated recreates explore. Each job's best place per route is
    /// kept between steps and re-evaluated only on the route that just changed (an insertion
    /// leaves the other days as they were): on 4 routes that made recreate ~4× cheaper.
    /// `only`: the routes that may take jobs (all when nil); hotel selection rebuilds the two
    /// days around a changed night this way.
    mutating func recreate(_ state: inout State, noise: Double, only: [Int]? = nil) {
        var open = (0..<jobCount).filter { !state.visited[$0] && values.value[$0] > 0 }
        let routes = only ?? Array(state.routes.indices)
        let routeCount = routes.count
        var best = [(ratio: Double, position: Int)?]()
        best.reserveCapacity(open.count * routeCount)
        let spare = spareTravel(state), current = routes.map { state.routes[$0] }
        for j in open {
            for (i, r) in routes.enumerated() {
                best.append(bestPlace(current[i], vehicle: r, job: j, noise: noise, spare: spare))
            }
        }
        while !open.isEmpty {
            var chosen: (k: Int, i: Int, ratio: Double, position: Int)? = nil
            let spendable = spareCost(state)
            for k in open.indices where problem.jobs[open[k]].cost <= spendable {
                for i in 0..<routeCount {
                    if let b = best[k * routeCount + i], chosen == nil || b.ratio > chosen!.ratio {
                        chosen = (k, i, b.ratio, b.position)
                    }
                }
            }
            guard let chosen else { break }
            let r = routes[chosen.i]
            // Under a total travel limit a kept place may no longer fit: each insertion spends
            // some of what is left. Re-evaluate that one and choose again.
            if problem.maxTotalTravel != nil,
                (insertion(state.routes[r], vehicle: r, job: open[chosen.k], at: chosen.position)
                    ?? Int.max) > spareTravel(state)
            {
                best[chosen.k * routeCount + chosen.i] = bestPlace(
                    state.routes[r], vehicle: r, job: open[chosen.k], noise: noise, spare: spareTravel(state))
                continue
            }
            insert(&state, job: open[chosen.k], route: r, at: chosen.position)
            open.remove(at: chosen.k)
            best.removeSubrange((chosen.k * routeCount)..<((chosen.k + 1) * routeCount))
            // One copy of the changed route for all the jobs (a copy per call retained its six
            // arrays each time: a third of a trip search's time).
            let route = state.routes[r], spare = spareTravel(state)
            for k in open.indices {
                best[k * routeCount + chosen.i] = bestPlace(route, vehicle: r, job: open[k], noise: noise, spare: spare)
            }
        }
    }

    /// Travel the solution may still add under the problem's total limit.
    func spareTravel(_ state: State) -> Int { problem.maxTotalTravel.map { $0 - state.travel } ?? Int.max }

    /// Cost the solution may still spend under the problem's budget.
    func spareCost(_ state: State) -> Int { problem.maxTotalCost.map { $0 - state.cost } ?? Int.max }

    /// The position with the best (noisy) ratio for job j on one route, or nil if it fits
    /// nowhere within the route's rules and `spare` more travel.
    mutating func bestPlace(_ route: Route, vehicle r: Int, job j: Int, noise: Double, spare: Int) -> (
        ratio: Double, position: Int
    )? {
        let value = Double(values.value[j])
        var best: (ratio: Double, position: Int)? = nil
        for p in 0...route.stops.count {
            guard let cost = insertionCost(route, vehicle: r, job: j, at: p), cost.travel <= spare else { continue }
            var ratio = value * value / Double(max(1, cost.shift) + 1)
            if noise > 0 { ratio *= 1 + noise * (rng.nextDouble() * 2 - 1) }
            if best == nil || ratio > best!.ratio { best = (ratio, p) }
        }
        return best
    }

    func insert(_ state: inout State, job j: Int, route r: Int, at p: Int) {
        state.routes[r].stops.insert(j, at: p)
        refresh(&state.routes[r], vehicle: r)
        state.visited[j] = true
        state.score += values.value[j]
        state.served += 1
        state.cost += problem.jobs[j].cost
        state.travel = state.routes.reduce(0) { $0 + $1.travel }
    }

    /// Removes job stops; a removal that would break the route (possible when travel times
    /// break the triangle inequality) is skipped.
    func remove(_ state: inout State, jobs: Set<Int>) {
        for r in state.routes.indices where state.routes[r].stops.contains(where: { jobs.contains($0) }) {
            var trial = state.routes[r]
            let kept = trial.stops.filter { !jobs.contains($0) }
            trial.stops = kept
            refresh(&trial, vehicle: r)
            guard trial.feasible else { continue }
            for stop in state.routes[r].stops where stop >= 0 && jobs.contains(stop) {
                state.visited[stop] = false
                state.score -= values.value[stop]
                state.served -= 1
                state.cost -= problem.jobs[stop].cost
            }
            state.routes[r] = trial
        }
        state.travel = state.routes.reduce(0) { $0 + $1.travel }
    }
}
