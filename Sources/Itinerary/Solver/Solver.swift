import Foundation
import Synchronization

/// Settings of a solve. With `maxIterations` set and the time limit not reached, the same seed
/// gives the same answer on any machine.
public struct SolverOptions: Sendable {
    public var seed: UInt64
    /// Seconds of search per thread.
    public var timeLimit: Double
    /// Perturbation rounds per thread (nil: until the time limit or stagnation).
    public var maxIterations: Int?
    /// Stop after this many rounds without a better solution.
    public var patience: Int
    /// Independent searches run in parallel, seeds `seed`, `seed+1`, …; the best wins.
    public var threads: Int

    public init(
        seed: UInt64 = 1, timeLimit: Double = 1, maxIterations: Int? = nil, patience: Int = 20_000,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.seed = seed; self.timeLimit = timeLimit; self.maxIterations = maxIterations
        self.patience = patience; self.threads = max(1, threads)
    }
}

/// Team orienteering with time windows by iterated local search.
///
/// Objective, in this order: the sum of job priorities served (mandatory jobs count more than
/// all others together), then less travel time, then less waiting, then an earlier return,
/// then more jobs. That tie rule is on purpose (VROOM puts the number of jobs before cost): for
/// a tourist, less driving beats an extra stop worth nothing, and among days that see and drive
/// the same, the one that does not idle away the morning (waiting for lunch or an opening) and
/// is back sooner wins. When every priority is 0 (a plain VRP/TSP), every job is worth 1, so all
/// jobs that fit are served, as VROOM does.
public enum Solver {
    /// - Throws: `ProblemError.infeasibleMandatory` naming a mandatory job that no route can take.
    public static func solve(_ problem: Problem, options: SolverOptions = SolverOptions()) throws(ProblemError)
        -> Solution
    {
        if let tour = PlainTour.solve(problem, options: options) { return tour }
        let values = Values(problem)
        let results = RunResults(count: options.threads)
        DispatchQueue.concurrentPerform(iterations: options.threads) { t in
            var search = Search(problem: problem, values: values, seed: options.seed &+ UInt64(t))
            results.set(t, search.run(options))
        }
        let best = results.best()
        let solution = Solution(routes: best.routes.map { $0.stops.map(Search.decode) })
        for (j, job) in problem.jobs.enumerated() where job.mandatory && !best.visited[j] {
            throw .infeasibleMandatory(jobID: job.id, reason: Search.explainMissing(problem, job: j))
        }
        return solution
    }
}

/// What each job is worth to the search.
struct Values: Sendable {
    let value: [Int]

    init(_ problem: Problem) {
        let allZero = problem.jobs.allSatisfy { $0.priority == 0 }
        let base = problem.jobs.map { allZero ? 1 : max(0, $0.priority) }
        let bigM = base.reduce(0, +) + 1
        value = zip(problem.jobs, base).map { $0.mandatory ? $1 + bigM : $1 }
    }
}

/// The best state of each thread's search.
private final class RunResults: Sendable {
    private let states: Mutex<[State?]>
    init(count: Int) { states = Mutex(Array(repeating: nil, count: count)) }
    func set(_ i: Int, _ s: State) { states.withLock { $0[i] = s } }
    func best() -> State { states.withLock { $0.compactMap { $0 }.max { $0.isWorse(than: $1) }! } }
}

extension Search {
    /// Why a mandatory job stayed out, for the error message.
    static func explainMissing(_ problem: Problem, job j: Int) -> String {
        let alone = problem.vehicles.indices.contains { v in
            var stops: [Solution.Stop] = [.job(j)]
            stops += problem.vehicles[v].breaks.indices.map { Solution.Stop.rest($0) }
            if case .success = Checker.schedule(problem, vehicle: v, stops: stops) { return true }
            let alt: [Solution.Stop] = problem.vehicles[v].breaks.indices.map { .rest($0) } + [.job(j)]
            if case .success = Checker.schedule(problem, vehicle: v, stops: alt) { return true }
            return false
        }
        return alone
            ? "it fits on a route alone but not together with the other mandatory jobs and breaks"
            : "no route reaches it within its time windows and is back in time"
    }
}
