import Foundation
import Synchronization

/// A trip of several days whose nights are chosen among hotel candidates: the orienteering
/// problem with hotel selection (OPHS), with everything the day solver already has (time
/// windows, service times, breaks, `max_tasks`, mandatory jobs, a travel limit per day).
///
/// Day 1 starts at `start`, the last day ends at `end`, and each other day ends at one of
/// `hotels`, where the next day starts. Each job is visited at most once; the objective is the
/// day solver's (score, then less travel).
public struct HotelTripProblem: Sendable {
    public var jobs: [Job]
    /// Square travel-time matrix over every location (jobs and hotels).
    public var durations: [[Int]]
    public var distances: [[Int]]?
    /// Matrix indices where a night may be spent (`start` and `end` may be among them).
    public var hotels: [Int]
    public var start: Int
    public var end: Int
    /// One per day: its window, breaks, `maxTravelTime`, `maxJobs` (start and end are set by
    /// the hotels chosen).
    public var days: [Vehicle]
    /// All days' travel together (OPHS's Tmax), if limited.
    public var totalTravelLimit: Int?

    public init(
        jobs: [Job], durations: [[Int]], distances: [[Int]]? = nil, hotels: [Int], start: Int, end: Int,
        days: [Vehicle], totalTravelLimit: Int? = nil
    ) {
        self.jobs = jobs; self.durations = durations; self.distances = distances; self.hotels = hotels
        self.start = start; self.end = end; self.days = days; self.totalTravelLimit = totalTravelLimit
    }

    /// The day problem for one sequence of hotels (`sequence[d]` to `sequence[d + 1]` on day d).
    public func dayProblem(_ sequence: [Int]) throws(ProblemError) -> Problem {
        var vehicles = days
        for d in vehicles.indices { vehicles[d].start = sequence[d]; vehicles[d].end = sequence[d + 1] }
        var problem = try Problem(jobs: jobs, vehicles: vehicles, durations: durations, distances: distances)
        problem.maxTotalTravel = totalTravelLimit
        return problem
    }
}

extension HotelTripProblem {
    /// Whether `a` beats `b` as the day solver ranks (score, then less travel, waiting, an
    /// earlier return); for callers that solve a chosen sequence again and keep the better.
    public func isBetter(_ a: HotelTripSolution, than b: HotelTripSolution) -> Bool {
        let values = HotelSelection.jobValues(jobs)
        guard let pa = try? dayProblem(a.hotels), let ra = HotelSelection.rank(self, pa, a.solution, values) else {
            return false
        }
        guard let pb = try? dayProblem(b.hotels), let rb = HotelSelection.rank(self, pb, b.solution, values) else {
            return true
        }
        return ra.isBetter(than: rb)
    }
}

/// The hotels chosen (one more than days: the start, each night, the end) and the days' routes.
public struct HotelTripSolution: Sendable, Equatable {
    public var hotels: [Int]
    public var solution: Solution
    /// The next best sequences found, best first (at most two): when day solves are noisy, a
    /// caller with time to spare solves them again too (the planner does).
    public var runnersUp: [[Int]]
    public init(hotels: [Int], solution: Solution, runnersUp: [[Int]] = []) {
        self.hotels = hotels; self.solution = solution; self.runnersUp = runnersUp
    }
}

/// Hotel selection by search over hotel sequences with bounds.
///
/// Every sequence whose days can each be driven is bounded by the value of the jobs some day
/// of it can reach (there and on to the next hotel within the day's travel limit and window).
/// Sequences are screened in bound order with a short day-solver run each, skipping those whose
/// bound cannot beat the best found; the remaining time goes to the most promising ones in
/// full runs. The search stops early when the best equals the highest bound: then it is optimal.
public enum HotelSelection {
    /// Sequences beyond this many are not enumerated: nights then choose among the hotels
    /// nearest the straight line start → end (a planner's case, never a benchmark's).
    public static let maxSequences = 4_000

    public static func solve(_ p: HotelTripProblem, options: SolverOptions = SolverOptions()) throws(ProblemError)
        -> HotelTripSolution
    {
        guard !p.days.isEmpty else { throw .invalid(path: "vehicles", reason: "at least one day is needed") }
        let started = DispatchTime.now().uptimeNanoseconds
        let deadline = started + UInt64(options.timeLimit * 1e9)
        let values = jobValues(p.jobs)
        var candidates: [Int] = []
        for h in p.hotels + [p.start, p.end] where !candidates.contains(h) { candidates.append(h) }
        let found = feasibleSequences(p, candidates: candidates)
        guard !found.isEmpty else {
            throw .invalid(
                path: "hotels",
                reason: "no choice of hotels lets every day reach the next night's hotel within its limits")
        }
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

    /// Every sequence start, h₁ … h_{D−1}, end whose days can each go hotel to hotel (with
    /// their breaks) within their limits.
    static func feasibleSequences(_ p: HotelTripProblem, candidates: [Int]) -> [[Int]] {
        let nights = p.days.count - 1
        var pool = candidates
        var count = 1.0
        for _ in 0..<nights { count *= Double(pool.count) }
        if count > Double(maxSequences) {
            // Too many to enumerate: keep half the hotels by least detour from start to end and
            // the rest by what a day from them can reach (a town beside many sites but off the
            // straight line, Baotou on a round trip from Hohhot, is where a planner would sleep).
            let keep = max(2, Int(pow(Double(maxSequences), 1 / Double(max(1, nights)))))
            let byDetour = candidates.sorted {
                p.durations[p.start][$0] + p.durations[$0][p.end] < p.durations[p.start][$1] + p.durations[$1][p.end]
            }
            let values = jobValues(p.jobs)
            let reach = Dictionary(
                uniqueKeysWithValues: candidates.map { ($0, dayTripValue(p, from: $0, values: values)) })
            let byReach = candidates.sorted { reach[$0]! > reach[$1]! }
            pool = Array(byDetour.prefix((keep + 1) / 2))
            for h in byReach where pool.count < keep && !pool.contains(h) { pool.append(h) }
        }
        let possible: [[[Bool]]] = p.days.indices.map { d in
            let size = p.durations.count
            var table = Array(repeating: Array(repeating: false, count: size), count: size)
            for a in (d == 0 ? [p.start] : pool) {
                for b in (d == p.days.count - 1 ? [p.end] : pool) {
                    table[a][b] = dayPossible(p, day: d, from: a, to: b)
                }
            }
            return table
        }
        var out: [[Int]] = []
        func extend(_ prefix: [Int]) {
            let d = prefix.count - 1
            if d == nights {
                if possible[d][prefix.last!][p.end] { out.append(prefix + [p.end]) }
                return
            }
            for h in pool where possible[d][prefix.last!][h] { extend(prefix + [h]) }
        }
        extend([p.start])
        if let total = p.totalTravelLimit {
            out.removeAll { seq in zip(seq, seq.dropFirst()).reduce(0) { $0 + p.durations[$1.0][$1.1] } > total }
        }
        return out
    }

    /// The value of the jobs a day could visit from hotel `h` and return (the longest day's
    /// window, the job's own service), to rank hotels when not every sequence can be tried.
    static func dayTripValue(_ p: HotelTripProblem, from h: Int, values: [Int]) -> Int {
        let longest = p.days.map { $0.window.close - $0.window.open }.max() ?? 0
        var total = 0
        for (j, job) in p.jobs.enumerated()
        where p.durations[h][job.location] + job.service + p.durations[job.location][h] <= longest {
            total += values[j]
        }
        return total
    }

    /// Whether day `d` can go from `a` to `b` with its breaks and nothing else.
    static func dayPossible(_ p: HotelTripProblem, day d: Int, from a: Int, to b: Int) -> Bool {
        var v = p.days[d]
        let travel = p.durations[a][b]
        if let limit = v.maxTravelTime, travel > limit { return false }
        let breaks = v.breaks.reduce(0) { $0 + $1.service }
        guard v.window.open + travel + breaks <= v.window.close else { return false }
        guard !v.breaks.isEmpty else { return true }
        // Breaks have windows (lunch 11:30–13:30): a long drive can fit the day's length and still
        // miss them. The day problem's own check decides (it refuses such a day).
        v.start = a; v.end = b
        return (try? Problem(jobs: [], vehicles: [v], durations: p.durations)) != nil
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

    /// The solver's valuation: priorities, or 1 per job when all are 0 (see `Values`).
    static func jobValues(_ jobs: [Job]) -> [Int] {
        let allZero = jobs.allSatisfy { $0.priority == 0 }
        return jobs.map { allZero ? 1 : max(0, $0.priority) }
    }

    /// The solution's rank, or nil when it breaks the total travel limit (the day solver keeps
    /// it; this is the guard of last resort).
    static func rank(_ p: HotelTripProblem, _ problem: Problem, _ s: Solution, _ values: [Int]) -> Ranked? {
        var travel = 0, waiting = 0, end = 0
        for v in s.routes.indices {
            guard case let .success(schedule) = Checker.schedule(problem, vehicle: v, stops: s.routes[v]) else {
                return nil
            }
            travel += schedule.travel
            waiting += schedule.steps.reduce(0) { $0 + $1.waiting }
            end += schedule.steps.last?.arrival ?? 0
        }
        if let total = p.totalTravelLimit, travel > total { return nil }
        return Ranked(value: value(s, values), travel: travel, waiting: waiting, end: end, solution: s)
    }

    static func value(_ s: Solution, _ values: [Int]) -> Int {
        s.routes.reduce(0) { $0 + $1.reduce(0) { if case let .job(j) = $1 { $0 + values[j] } else { $0 } } }
    }
}

/// A day solver's answer for one sequence, ranked like the solver ranks its states: value,
/// then less travel, less waiting, an earlier return (see `Solver`).
struct Ranked: Sendable, Equatable {
    var value: Int
    var travel: Int
    var waiting: Int
    var end: Int
    var solution: Solution
    func isBetter(than o: Ranked) -> Bool {
        value != o.value ? value > o.value : (travel, waiting, end) < (o.travel, o.waiting, o.end)
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
