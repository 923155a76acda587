import Foundation

extension Search {
    /// Swaps a visited job for an unvisited one worth more, when the new one fits on the same
    /// route. Only the unvisited job's nearest neighbours are tried for removal: a swap with a
    /// far site rarely fits, and trying all of them made this move O(n³) on large instances.
    func replace(_ state: inout State) -> Bool {
        var improved = false
        let open = (0..<jobCount).filter { !state.visited[$0] && values.value[$0] > 0 }.sorted {
            values.value[$0] > values.value[$1]
        }
        for u in open where !state.visited[u] {
            var best: (gain: Int, delta: Int, route: Route, r: Int, removed: Int)? = nil
            // 40 neighbours: a linear scan costs less than building a set per job.
            let near = neighbours[u]
            for r in state.routes.indices {
                for (i, v) in state.routes[r].stops.enumerated()
                where v >= 0 && near.contains(v) && !problem.jobs[v].mandatory && values.value[v] < values.value[u]
                    && problem.jobs[u].cost - problem.jobs[v].cost <= spareCost(state)
                {
                    var without = state.routes[r]
                    without.stops.remove(at: i)
                    refresh(&without, vehicle: r)
                    guard without.feasible else { continue }
                    for p in 0...without.stops.count {
                        guard let delta = insertion(without, vehicle: r, job: u, at: p) else { continue }
                        let gain = values.value[u] - values.value[v]
                        if best == nil || gain > best!.gain || gain == best!.gain && delta < best!.delta {
                            var placed = without
                            placed.stops.insert(u, at: p)
                            best = (gain, delta, placed, r, v)
                        }
                    }
                }
            }
            if let best {
                var route = best.route
                refresh(&route, vehicle: best.r)
                guard route.feasible, route.travel - state.routes[best.r].travel <= spareTravel(state) else { continue }
                state.routes[best.r] = route
                state.visited[best.removed] = false
                state.visited[u] = true
                state.cost += problem.jobs[u].cost - problem.jobs[best.removed].cost
                state.score += best.gain
                state.travel = state.routes.reduce(0) { $0 + $1.travel }
                improved = true
            }
        }
        return improved
    }
}
