import Foundation

extension Search {
    /// Moves a break (lunch) elsewhere in its route when the day then travels less, or as much
    /// but waits less, or ends earlier. An unlocated break adds no travel wherever it sits, so
    /// the travel-driven moves never move it: without this, a lunch placed first leaves the
    /// group idle all morning before it (issue 18, the Chifeng day).
    func settleBreaks(_ state: inout State, _ r: Int) -> Bool {
        var route = state.routes[r]
        guard route.hasBreaks else { return false }
        var improved = false
        for brk in route.stops where brk < 0 {
            let i = route.stops.firstIndex(of: brk)!
            var rest = route.stops
            rest.remove(at: i)
            for p in 0...rest.count where p != i {
                var trial = route
                trial.stops = rest
                trial.stops.insert(brk, at: p)
                refresh(&trial, vehicle: r)
                if trial.feasible && Idle(trial) < Idle(route) { route = trial; improved = true }
            }
        }
        if improved { state.routes[r] = route; state.travel = state.routes.reduce(0) { $0 + $1.travel } }
        return improved
    }
}

/// The tie rule after score: less travel, then less waiting, then an earlier return.
struct Idle: Comparable {
    let travel, waiting, end: Int
    init(_ route: Route) { travel = route.travel; waiting = route.wait.reduce(0, +); end = route.endArrival }
    init(_ state: State) {
        travel = state.travel
        waiting = state.routes.reduce(0) { $0 + $1.wait.reduce(0, +) }
        end = state.routes.reduce(0) { $0 + $1.endArrival }
    }
    static func < (a: Idle, b: Idle) -> Bool { (a.travel, a.waiting, a.end) < (b.travel, b.waiting, b.end) }
}
