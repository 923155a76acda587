import Foundation

extension Search {
    /// Reverses a segment when that shortens the route and keeps it feasible.
    func twoOpt(_ state: inout State, _ r: Int) -> Bool {
        var route = state.routes[r]
        let n = route.stops.count
        guard n >= 3 else { return false }
        var improved = false
        for i in 0..<(n - 1) {
            for k in (i + 1)..<n {
                if !route.hasLocatedBreaks, travelAfterReversal(route, vehicle: r, from: i, to: k) >= route.travel {
                    continue
                }
                var trial = route
                trial.stops[i...k].reverse()
                refresh(&trial, vehicle: r)
                if trial.feasible && trial.travel < route.travel { route = trial; improved = true }
            }
        }
        if improved { state.routes[r] = route; state.travel = state.routes.reduce(0) { $0 + $1.travel } }
        return improved
    }
}
