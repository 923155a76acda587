import Foundation

/// Perturbation: which jobs to take out before the next recreate.
extension Search {

    /// `only`: take jobs from these routes alone (all when nil).
    mutating func ruin(_ state: inout State, only: [Int]? = nil) {
        let visited =
            only.map { routes in
                routes.flatMap { r in state.routes[r].stops.filter { $0 >= 0 && !problem.jobs[$0].mandatory } }.sorted()
            } ?? (0..<jobCount).filter { state.visited[$0] && !problem.jobs[$0].mandatory }
        guard !visited.isEmpty else { return }
        // Mostly small ruins; one in ten removes half or more, to jump between clusters.
        let k =
            rng.next(upTo: 10) == 0
            ? visited.count / 2 + rng.next(upTo: visited.count / 2 + 1)
            : 1 + rng.next(upTo: max(1, min(40, visited.count * 3 / 10)))
        var chosen = Set<Int>()
        switch rng.next(upTo: 3) {
        case 0: // random sites
            while chosen.count < min(k, visited.count) { chosen.insert(visited[rng.next(upTo: visited.count)]) }
        case 1: // related: a site and its nearest visited neighbours
            let seed = visited[rng.next(upTo: visited.count)]
            chosen.insert(seed)
            let allowed: Set<Int>? = only == nil ? nil : Set(visited)
            for n in neighbours[seed]
            where state.visited[n] && !problem.jobs[n].mandatory && chosen.count < k && allowed?.contains(n) != false {
                chosen.insert(n)
            }
        default: // a run of consecutive stops on one route (Vansteenwegen's shake)
            let candidates = (only ?? Array(state.routes.indices)).filter {
                state.routes[$0].stops.contains { $0 >= 0 }
            }
            let r = candidates[rng.next(upTo: candidates.count)]
            let stops = state.routes[r].stops
            let from = rng.next(upTo: stops.count)
            for stop in stops[from...].prefix(k) where stop >= 0 && !problem.jobs[stop].mandatory {
                chosen.insert(stop)
            }
        }
        remove(&state, jobs: chosen)
    }

    /// Half the time, starts the recreate with a random unvisited job that fits somewhere,
    /// so the greedy does not rebuild the route it just left.
    mutating func seedRandomJob(_ state: inout State) {
        guard rng.next(upTo: 2) == 0 else { return }
        let open = (0..<jobCount).filter { !state.visited[$0] && values.value[$0] > 0 }
        guard !open.isEmpty else { return }
        for _ in 0..<10 {
            let j = open[rng.next(upTo: open.count)]
            let r = rng.next(upTo: state.routes.count)
            guard problem.jobs[j].cost <= spareCost(state) else { continue }
            var best: (Int, Int)? = nil
            let route = state.routes[r], spare = spareTravel(state)
            for p in 0...route.stops.count {
                if let d = insertion(route, vehicle: r, job: j, at: p), d <= spare,
                    best == nil || d < best!.1
                {
                    best = (p, d)
                }
            }
            if let (p, _) = best { insert(&state, job: j, route: r, at: p); return }
        }
    }
}
