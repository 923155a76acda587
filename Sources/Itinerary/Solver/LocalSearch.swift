import Foundation

/// The local search driver and the travel estimates its moves share.
extension Search {

    mutating func localSearch(_ state: inout State) {
        var improved = true
        var rounds = 0
        while improved && rounds < 50 && !pastDeadline {
            rounds += 1
            improved = false
            for r in state.routes.indices {
                if twoOpt(&state, r) { improved = true }
                if orOpt(&state, r) { improved = true }
                if settleBreaks(&state, r) { improved = true }
            }
            if state.routes.count > 1, relocateBetweenRoutes(&state) { improved = true }
            if state.routes.count > 1, exchangeBetweenRoutes(&state) { improved = true }
            let before = state.score
            recreate(&state, noise: 0)
            if state.score > before { improved = true }
            if replace(&state) { improved = true }
        }
    }

    /// Reverses a segment when that shortens the route and keeps it feasible.
    func leg(_ a: Int?, _ b: Int?) -> Int { if let a, let b { problem.travel(a, b) } else { 0 } }

    /// Route travel after reversing stops[i...k], without re-timing: O(1) for symmetric
    /// matrices, O(k − i) otherwise. Unlocated breaks add no travel, so only the jobs count.
    /// Used to skip candidates that cannot shorten the route.
    func travelAfterReversal(_ route: Route, vehicle v: Int, from i: Int, to k: Int) -> Int {
        let s = route.stops
        guard let firstJob = (i...k).first(where: { s[$0] >= 0 }), let lastJob = (i...k).last(where: { s[$0] >= 0 })
        else { return route.travel }
        var inner = 0
        if !symmetric {
            var previous: Int? = nil
            for x in firstJob...lastJob where s[x] >= 0 {
                let here = problem.jobs[s[x]].location
                if let previous { inner += problem.travel(here, previous) - problem.travel(previous, here) }
                previous = here
            }
        }
        let before = placeNear(s, i - 1, vehicle: v, forward: false),
            after = placeNear(s, k + 1, vehicle: v, forward: true)
        let first = problem.jobs[s[firstJob]].location, last = problem.jobs[s[lastJob]].location
        return route.travel - leg(before, first) - leg(last, after) + leg(before, last) + leg(first, after) + inner
    }

    /// Route travel after moving `segment` to position p of `rest` (the route without it).
    func travelAfterMove(_ route: Route, vehicle v: Int, rest: [Int], segment: [Int], at p: Int) -> Int {
        var stops = rest
        stops.insert(contentsOf: segment, at: p)
        var total = 0
        var previous = problem.vehicles[v].start
        for stop in stops where stop >= 0 {
            let here = problem.jobs[stop].location
            total += leg(previous, here)
            previous = here
        }
        return total + leg(previous, problem.vehicles[v].end)
    }
}
