import Foundation

/// One route with its timing caches (valid after `refresh`).
struct Route: Sendable {
    /// Job index ≥ 0, or break b as −(b+1).
    var stops: [Int] = []
    /// Per stop: arrival, start of service, waiting, and how much later the arrival may be
    /// (`maxShift`: start may move by this without breaking a later window or the route end).
    var arrival: [Int] = []
    var start: [Int] = []
    var wait: [Int] = []
    var maxShift: [Int] = []
    var endArrival = 0
    var travel = 0
    var feasible = true
    var hasBreaks = false
    /// A break with `locations` (lunch at a place to eat) adds travel; unlocated breaks do not.
    var hasLocatedBreaks = false
}

/// A solution under construction: routes plus which jobs are on them.
struct State: Sendable {
    var routes: [Route]
    var visited: [Bool]
    var score = 0
    var travel = 0
    var served = 0
    /// The visited jobs' costs together (against `Problem.maxTotalCost`).
    var cost = 0

    func isWorse(than other: State) -> Bool {
        if score != other.score { return score < other.score }
        let idle = Idle(self), otherIdle = Idle(other)
        if idle != otherIdle { return otherIdle < idle }
        return served < other.served
    }
}

/// One seeded search (a thread's own state and generator).
struct Search {
    /// The problem being solved. Hotel selection changes its vehicles' start and end (the
    /// nights) as it goes; nothing else in it changes.
    var problem: Problem
    let values: Values
    var rng: SplitMix64
    let jobCount: Int
    /// For each job, the other jobs by travel time (for related removal).
    let neighbours: [[Int]]
    /// True when travel(a, b) == travel(b, a) for all pairs: reversing a segment keeps its length.
    let symmetric: Bool
    /// Local search gives up when this passes (uptime nanoseconds), so a round cannot overrun the limit.
    var deadline = UInt64.max

    init(problem: Problem, values: Values, seed: UInt64) {
        self.problem = problem
        self.values = values
        rng = SplitMix64(seed: seed)
        jobCount = problem.jobs.count
        let jobs = problem.jobs
        neighbours = jobs.indices.map { a in
            jobs.indices.filter { $0 != a }.sorted {
                problem.travel(jobs[a].location, jobs[$0].location)
                    < problem.travel(jobs[a].location, jobs[$1].location)
            }
            .prefix(40).map { $0 }
        }
        symmetric = (0..<problem.size).allSatisfy { a in
            (0..<a).allSatisfy { problem.travel(a, $0) == problem.travel($0, a) }
        }
    }

    var pastDeadline: Bool { SearchClock.now() > deadline }

    static func decode(_ stop: Int) -> Solution.Stop { stop >= 0 ? .job(stop) : .rest(-stop - 1) }
}

/// A small, fast, seedable generator (SplitMix64), so every search repeats for its seed.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    let seedDescription: UInt64
    init(seed: UInt64) { state = seed; seedDescription = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(upTo n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
