import Foundation

/// The search loop: an initial solution, then rounds of ruin, recreate and local search.
extension Search {

    mutating func run(_ options: SolverOptions) -> State {
        let started = SearchClock.now()
        deadline = started + UInt64(options.timeLimit * 1e9)
        var current = initial()
        localSearch(&current)
        var best = current
        var stagnant = 0, iteration = 0
        while SearchClock.now() < deadline {
            if let limit = options.maxIterations, iteration >= limit { break }
            if stagnant >= options.patience || best.served == jobCount && best.served > 0 && iteration > 200 { break }
            iteration += 1
            var candidate = current
            ruin(&candidate)
            seedRandomJob(&candidate)
            recreate(&candidate, noise: 0.3)
            localSearch(&candidate)
            let progress =
                options.maxIterations.map { Double(iteration) / Double($0) }
                ?? min(1, Double(SearchClock.now() - started) / (options.timeLimit * 1e9))
            if Self.accepts(candidate, current: current, best: best, progress: progress) { current = candidate }
            if best.isWorse(than: candidate) {
                best = candidate
                stagnant = 0
            } else {
                stagnant += 1
            }
            if stagnant > 0, stagnant % 500 == 0 { current = best }
        }
        if ProcessInfo.processInfo.environment["SHOWCASE_SOLVER_TRACE"] != nil {
            FileHandle.standardError.write(
                Data(
                    "solver: seed \(rng.seedDescription) \(iteration) rounds, best \(best.score) travel \(best.travel)\n"
                        .utf8))
        }
        return best
    }

    /// Record-to-record travel: a candidate no worse than the current one is accepted, and so
    /// is one within a margin of the best that shrinks from 3 % to nothing as the search ends.
    static func accepts(_ candidate: State, current: State, best: State, progress: Double) -> Bool {
        let margin = Double(best.score) * 0.03 * (1 - progress)
        return !candidate.isWorse(than: current)
            || Double(candidate.score) >= Double(best.score) - margin && candidate.score >= current.score - Int(margin)
    }

    mutating func initial() -> State {
        var state = State(
            routes: problem.vehicles.indices.map { emptyRoute(vehicle: $0) },
            visited: Array(repeating: false, count: jobCount))
        state.travel = state.routes.reduce(0) { $0 + $1.travel }
        recreate(&state, noise: 0)
        return state
    }

    /// A route with its vehicle's breaks and no job, each break where it fits earliest
    /// (`feasible` false when the vehicle cannot even do that).
    func emptyRoute(vehicle v: Int) -> Route {
        var route = Route()
        for b in problem.vehicles[v].breaks.indices {
            var placed = false
            for p in 0...route.stops.count {
                var trial = route
                trial.stops.insert(-(b + 1), at: p)
                refresh(&trial, vehicle: v)
                if trial.feasible { route = trial; placed = true; break }
            }
            if !placed { route.stops.append(-(b + 1)); refresh(&route, vehicle: v) }
        }
        refresh(&route, vehicle: v)
        return route
    }
}
