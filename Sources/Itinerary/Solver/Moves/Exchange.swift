import Foundation

extension Search {
    /// Swap and cross-exchange: trades a run of 1–2 jobs of one route for a run of 1–2 jobs of
    /// another when total travel drops and both routes stay feasible. The other run starts at
    /// one of the first run's nearest neighbours, so each lands where the other was (close to
    /// its neighbours); an O(1) travel estimate skips the rest before exact re-timing.
    func exchangeBetweenRoutes(_ state: inout State) -> Bool {
        var improved = false
        var placement = [(route: Int, index: Int)?](repeating: nil, count: jobCount)
        func locate() {
            for j in placement.indices { placement[j] = nil }
            for (r, route) in state.routes.enumerated() {
                for (i, stop) in route.stops.enumerated() where stop >= 0 { placement[stop] = (r, i) }
            }
        }
        locate()
        for a in state.routes.indices {
            var i = 0
            scan: while i < state.routes[a].stops.count {
                let first = state.routes[a].stops[i]
                guard first >= 0 else { i += 1; continue }
                for other in neighbours[first] {
                    guard let (b, k) = placement[other], b != a else { continue }
                    // The stops only: copying whole routes here (six arrays each) for every
                    // neighbour was most of this move's time.
                    let stopsA = state.routes[a].stops, stopsB = state.routes[b].stops
                    for (la, lb) in [(1, 1), (2, 1), (1, 2), (2, 2)] {
                        guard i + la <= stopsA.count, k + lb <= stopsB.count else { continue }
                        let runA = stopsA[i..<(i + la)], runB = stopsB[k..<(k + lb)]
                        guard runA.allSatisfy({ $0 >= 0 }), runB.allSatisfy({ $0 >= 0 }) else { continue }
                        let beforeA = placeNear(stopsA, i - 1, vehicle: a, forward: false),
                            afterA = placeNear(stopsA, i + la, vehicle: a, forward: true)
                        let beforeB = placeNear(stopsB, k - 1, vehicle: b, forward: false),
                            afterB = placeNear(stopsB, k + lb, vehicle: b, forward: true)
                        let locA = (problem.jobs[runA.first!].location, problem.jobs[runA.last!].location)
                        let locB = (problem.jobs[runB.first!].location, problem.jobs[runB.last!].location)
                        let old =
                            leg(beforeA, locA.0) + leg(locA.1, afterA) + leg(beforeB, locB.0) + leg(locB.1, afterB)
                        let new =
                            leg(beforeA, locB.0) + leg(locB.1, afterA) + leg(beforeB, locA.0) + leg(locA.1, afterB)
                        if new >= old { continue } // exact for unlocated breaks; located ones may hide a few moves
                        let routeA = state.routes[a], routeB = state.routes[b]
                        var trialA = routeA, trialB = routeB
                        trialA.stops.replaceSubrange(i..<(i + la), with: runB)
                        trialB.stops.replaceSubrange(k..<(k + lb), with: runA)
                        refresh(&trialA, vehicle: a)
                        guard trialA.feasible else { continue }
                        refresh(&trialB, vehicle: b)
                        guard trialB.feasible, trialA.travel + trialB.travel < routeA.travel + routeB.travel else {
                            continue
                        }
                        state.routes[a] = trialA
                        state.routes[b] = trialB
                        state.travel = state.routes.reduce(0) { $0 + $1.travel }
                        improved = true
                        locate()
                        continue scan
                    }
                }
                i += 1
            }
        }
        return improved
    }
}
