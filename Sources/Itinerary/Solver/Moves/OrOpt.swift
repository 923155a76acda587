import Foundation

extension Search {
    /// Moves a run of 1–3 stops elsewhere in the route when that shortens it.
    func orOpt(_ state: inout State, _ r: Int) -> Bool {
        var route = state.routes[r]
        var improved = false
        for length in 1...3 where route.stops.count > length {
            var i = 0
            while i + length <= route.stops.count {
                let segment = Array(route.stops[i..<(i + length)])
                var rest = route.stops
                rest.removeSubrange(i..<(i + length))
                var moved = false
                let removal =
                    route.hasLocatedBreaks ? nil : travelAfterRemoval(route, vehicle: r, from: i, count: length)
                for p in 0...rest.count where p != i {
                    if let removal,
                        removal.travel + insertionTravel(rest, vehicle: r, ends: removal.ends, at: p) >= route.travel
                    {
                        continue
                    }
                    var trial = route
                    trial.stops = rest
                    trial.stops.insert(contentsOf: segment, at: p)
                    refresh(&trial, vehicle: r)
                    if trial.feasible && trial.travel < route.travel {
                        route = trial; improved = true; moved = true; break
                    }
                }
                if !moved { i += 1 }
            }
        }
        if improved { state.routes[r] = route; state.travel = state.routes.reduce(0) { $0 + $1.travel } }
        return improved
    }
}
