import Foundation
import Synchronization

/// Hotel selection by screening sequences of nights with bounds, where they are few enough to
/// count (`HotelSelection.screeningLimit`).
///
/// Every sequence whose days can each be driven is bounded by the value of the jobs some day
/// of it can reach (there and on to the next hotel within the day's travel limit and window).
/// Sequences are screened in bound order with a short day-solver run each, skipping those whose
/// bound cannot beat the best found; the remaining time goes to the most promising ones in
/// full runs. The search stops early when the best equals the highest bound: then it is optimal.
extension HotelSelection {
    static func screen(_ p: HotelTripProblem, sequences found: [[Int]], options: SolverOptions) throws(ProblemError)
        -> HotelTripSolution
    {
        let started = DispatchTime.now().uptimeNanoseconds
        let deadline = started + UInt64(options.timeLimit * 1e9)
        let values = jobValues(p.jobs)
        let foundBounds = found.map { bound(p, $0, values: values) }
        let order = found.indices.sorted { foundBounds[$0] > foundBounds[$1] }
        let sequences = order.map { found[$0] }
        let bounds = order.map { foundBounds[$0] }
        let highest = bounds[0]

        // Screening: a short run per sequence, in bound order, skipping hopeless ones, within
        // half the time (a planner's thousands of sequences cannot all be screened).
        let screeningEnds = started + UInt64(options.timeLimit * 0.5e9)
        // With an iteration limit the clock decides nothing (as in `Solver`): the same answer on
        // any machine, however loaded; the time limit still bounds each run.
        let repeatable = options.maxIterations != nil
        let screened = Screened(count: sequences.count)
        let screening = max(20, min(200, 4_000 / max(1, p.jobs.count)))
        let share = options.timeLimit * 0.4 / Double(sequences.count)
        // Repeatable runs screen on one thread: which sequences are skipped then does not depend
        // on which worker finished first.
        let workers = repeatable ? 1 : options.threads
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for s in stride(from: worker, to: sequences.count, by: workers) {
                // Each worker screens its first sequence whatever the clock says, so a short
                // limit on a slow machine still gives an answer.
                if !repeatable && s >= workers && DispatchTime.now().uptimeNanoseconds > screeningEnds { return }
                if bounds[s] <= screened.bestValue() { continue }
                guard let problem = try? p.dayProblem(sequences[s]) else { continue }
                let run = SolverOptions(
                    seed: options.seed &+ UInt64(s),
                    timeLimit: repeatable ? options.timeLimit : max(0.005, share * Double(workers)),
                    maxIterations: screening, threads: 1)
                guard let solution = try? Solver.solve(problem, options: run),
                    let ranked = rank(p, problem, solution, values)
                else { continue }
                screened.set(s, ranked)
            }
        }
        var results = screened.all()
        // Full runs on the best screened sequences that can still improve, best first.
        let promising = results.indices.filter { results[$0] != nil }.sorted {
            results[$0]!.isBetter(than: results[$1]!)
        }
        var best = promising.first.map { results[$0]! }
        for (k, s) in promising.prefix(4).enumerated() {
            let now = DispatchTime.now().uptimeNanoseconds
            guard repeatable || now < deadline, let current = best, current.value < highest else { break }
            if bounds[s] <= current.value && k > 0 { continue }
            // The most promising sequence gets half of what is left, the others share the rest:
            // its day solve decides the answer most often.
            let left = repeatable ? options.timeLimit : Double(deadline > now ? deadline - now : 0) / 1e9,
                others = min(4, promising.count) - 1
            let remaining = k == 0 && others > 0 ? left / 2 : left / Double(max(1, others - k + 1))
            guard let problem = try? p.dayProblem(sequences[s]) else { continue }
            var run = options
            run.timeLimit = remaining
            run.seed = options.seed &+ 7919 &* UInt64(s + 1)
            run.maxIterations = options.maxIterations
            if let solution = try? Solver.solve(problem, options: run), let ranked = rank(p, problem, solution, values)
            {
                if ranked.isBetter(than: results[s]!) { results[s] = ranked }
                if ranked.isBetter(than: current) { best = ranked }
            }
        }
        guard let best, let s = results.firstIndex(where: { $0 == best }) else {
            throw .invalid(
                path: "jobs", reason: "no hotel sequence gave a feasible trip (a mandatory job no day can take?)")
        }
        let problem = try p.dayProblem(sequences[s])
        for (j, job) in p.jobs.enumerated()
        where job.mandatory && !best.solution.routes.contains(where: { $0.contains(.job(j)) }) {
            throw .infeasibleMandatory(jobID: job.id, reason: Search.explainMissing(problem, job: j))
        }
        let others = results.indices.filter { $0 != s && results[$0] != nil }.sorted {
            results[$0]!.isBetter(than: results[$1]!)
        }
        return HotelTripSolution(
            hotels: sequences[s], solution: best.solution, runnersUp: others.prefix(2).map { sequences[$0] })
    }

    /// The value of the jobs some day of the sequence can reach: from its hotel to the job and on
    /// to its next hotel within the travel limit, starting inside a window before the day ends.
    static func bound(_ p: HotelTripProblem, _ seq: [Int], values: [Int]) -> Int {
        var total = 0
        for (j, job) in p.jobs.enumerated() {
            let reachable = p.days.indices.contains { d in
                let a = seq[d], b = seq[d + 1], v = p.days[d]
                let there = p.durations[a][job.location], back = p.durations[job.location][b]
                if let limit = v.maxTravelTime, there + back > limit { return false }
                let arrival = v.window.open + there
                guard let window = job.windows.first(where: { $0.close >= arrival }) else { return false }
                return max(arrival, window.open) + job.service + back <= v.window.close
            }
            if reachable { total += values[j] }
        }
        return total
    }
}

/// Screening results, shared by the workers.
private final class Screened: Sendable {
    private let state: Mutex<(results: [Ranked?], best: Int)>
    init(count: Int) { state = Mutex((Array(repeating: nil, count: count), -1)) }
    func set(_ i: Int, _ r: Ranked) {
        state.withLock {
            $0.results[i] = r; $0.best = max($0.best, r.value)
        }
    }
    func bestValue() -> Int { state.withLock { $0.best } }
    func all() -> [Ranked?] { state.withLock { $0.results } }
}
