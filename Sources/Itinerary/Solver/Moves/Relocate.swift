import Foundation

extension Search {
    /// Moves one job to another route when total travel drops.
    func relocateBetweenRoutes(_ state: inout State) -> Bool {
        var improved = false
        for a in state.routes.indices {
            var i = 0
            while i < state.routes[a].stops.count {
                let j = state.routes[a].stops[i]
                guard j >= 0 else { i += 1; continue }
                var without = state.routes[a]
                without.stops.remove(at: i)
                refresh(&without, vehicle: a)
                guard without.feasible else { i += 1; continue }
                let saving = state.routes[a].travel - without.travel
                var best: (delta: Int, route: Int, position: Int)? = nil
                for b in state.routes.indices where b != a {
                    let route = state.routes[b]
                    for p in 0...route.stops.count {
                        if let delta = insertion(route, vehicle: b, job: j, at: p), delta < saving,
                            best == nil || delta < best!.delta
                        {
                            best = (delta, b, p)
                        }
                    }
                }
                if let best {
                    state.routes[a] = without
                    state.routes[best.route].stops.insert(j, at: best.position)
                    refresh(&state.routes[best.route], vehicle: best.route)
                    state.travel = state.routes.reduce(0) { $0 + $1.travel }
                    improved = true
                } else {
                    i += 1
                }
            }
        }
        return improved
    }

    /// Where the route is just before stop i (or after, `forward`): the nearest job's location,
    /// skipping breaks, or the vehicle's start/end beyond the ends of the route.
    func placeNear(_ stops: [Int], _ i: Int, vehicle v: Int, forward: Bool) -> Int? {
        var x = i
        while x >= 0 && x < stops.count {
            if stops[x] >= 0 { return problem.jobs[stops[x]].location }
            x += forward ? 1 : -1
        }
        return x < 0 ? problem.vehicles[v].start : problem.vehicles[v].end
    }
}
