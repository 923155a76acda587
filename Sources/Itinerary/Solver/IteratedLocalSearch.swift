import Foundation

/// The search loop: an initial solution, then rounds of ruin, recreate and local search.
extension Search {

    mutating func run(_ options: SolverOptions) -> State {
        let started = DispatchTime.now().uptimeNanoseconds
        deadline = started + UInt64(options.timeLimit * 1e9)
        var current = initial()
        localSearch(&current)
        var best = current
        var stagnant = 0, iteration = 0
        while DispatchTime.now().uptimeNanoseconds < deadline {
            if let limit = options.maxIterations, iteration >= limit { break }
            if stagnant >= options.patience || best.served == jobCount && best.served > 0 && iteration > 200 { break }
            iteration += 1
            var candidate = current
            ruin(&candidate)
            seedRandomJob(&candidate)
            recreate(&candidate, noise: 0.3)
            localSearch(&candidate)
            // Record-to-record travel: accept anything within a shrinking margin of the best.
            let progress =
                options.maxIterations.map { Double(iteration) / Double($0) }
                ?? min(1, Double(DispatchTime.now().uptimeNanoseconds - started) / (options.timeLimit * 1e9))
            let margin = Double(best.score) * 0.03 * (1 - progress)
            if !candidate.isWorse(than: current)
                || Double(candidate.score) >= Double(best.score) - margin
                    && candidate.score >= current.score - Int(margin)
            {
                current = candidate
            }
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

    mutating func initial() -> State {
        var state = State(
            routes: problem.vehicles.map { _ in Route() }, visited: Array(repeating: false, count: jobCount))
        for v in problem.vehicles.indices {
            // Breaks first, each where it fits earliest.
            for b in problem.vehicles[v].breaks.indices {
                var placed = false
                for p in 0...state.routes[v].stops.count {
                    var trial = state.routes[v]
                    trial.stops.insert(-(b + 1), at: p)
                    refresh(&trial, vehicle: v)
                    if trial.feasible { state.routes[v] = trial; placed = true; break }
                }
                if !placed { state.routes[v].stops.append(-(b + 1)); refresh(&state.routes[v], vehicle: v) }
            }
            refresh(&state.routes[v], vehicle: v)
        }
        var s = state
        recreate(&s, noise: 0)
        return s
    }
}
