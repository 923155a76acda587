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

    /// Route travel without stops[i..<i+count], and where that run's jobs begin and end (nil
    /// when it holds none). Unlocated breaks add no travel, so only the jobs count.
    func travelAfterRemoval(_ route: Route, vehicle v: Int, from i: Int, count: Int) -> (
        travel: Int, ends: (first: Int, last: Int)?
    ) {
        let s = route.stops
        guard let firstJob = (i..<(i + count)).first(where: { s[$0] >= 0 }),
            let lastJob = (i..<(i + count)).last(where: { s[$0] >= 0 })
        else { return (route.travel, nil) }
        let before = placeNear(s, i - 1, vehicle: v, forward: false),
            after = placeNear(s, i + count, vehicle: v, forward: true)
        let first = problem.jobs[s[firstJob]].location, last = problem.jobs[s[lastJob]].location
        return (route.travel - leg(before, first) - leg(last, after) + leg(before, after), (first, last))
    }

    /// Travel added by putting a run whose jobs begin at `ends.first` and end at `ends.last` at
    /// position p of `rest` (0 for a run without jobs).
    func insertionTravel(_ rest: [Int], vehicle v: Int, ends: (first: Int, last: Int)?, at p: Int) -> Int {
        guard let ends else { return 0 }
        let before = placeNear(rest, p - 1, vehicle: v, forward: false),
            after = placeNear(rest, p, vehicle: v, forward: true)
        return leg(before, ends.first) + leg(ends.last, after) - leg(before, after)
    }
}
