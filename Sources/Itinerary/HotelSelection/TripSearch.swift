import Foundation
import Synchronization

/// A trip being searched: its hotels (the start, each night, the end) and its days' routes.
struct Trip: Sendable {
    var hotels: [Int]
    var state: State
}

/// Hotel selection as one search in which the nights and the visits move together: iterated
/// local search over whole trips. Each round either changes one night's hotel and rebuilds the
/// two days it joins (`changeHotel`), or ruins and recreates visits across all days; then the
/// day solver's local search (2-opt, or-opt, moves and swaps between days, insertion,
/// replacement) improves the trip, and record-to-record travel decides whether to keep it.
///
/// The day solver's `Search` does the visits; this adds the nights. Its problem's vehicles are
/// the days, and their start and end are set to the hotels of the trip being worked on.
struct TripSearch {
    var search: Search
    let trip: HotelTripProblem
    /// Where a night may be spent: the candidates, the start and the end (matrix indices).
    let pool: [Int]
    /// `slot[h]`: the position of matrix index h in `pool`.
    let slot: [Int: Int]
    /// `drivable[d][a][b]` (pool positions): day d can go from pool[a] to pool[b] with its
    /// breaks and no visit.
    let drivable: [[[Bool]]]

    var nights: Int { trip.days.count - 1 }

    /// `problem`: the trip's days with no ends yet (`HotelTripProblem.openProblem`).
    init(_ trip: HotelTripProblem, problem: Problem, values: Values, seed: UInt64) {
        self.trip = trip
        var pool: [Int] = []
        for h in trip.hotels + [trip.start, trip.end] where !pool.contains(h) { pool.append(h) }
        self.pool = pool
        slot = Dictionary(uniqueKeysWithValues: pool.enumerated().map { ($1, $0) })
        var search = Search(problem: problem, values: values, seed: seed)
        drivable = trip.days.indices.map { d in
            pool.map { a in
                pool.map { b in
                    search.problem.vehicles[d].start = a
                    search.problem.vehicles[d].end = b
                    return search.emptyRoute(vehicle: d).feasible
                }
            }
        }
        self.search = search
    }

    /// Sets the days' ends to `hotels`, as the search's problem sees them.
    mutating func use(_ hotels: [Int]) {
        for d in search.problem.vehicles.indices {
            search.problem.vehicles[d].start = hotels[d]
            search.problem.vehicles[d].end = hotels[d + 1]
        }
    }

    /// The trip over `hotels` built by greedy insertion and improved by local search.
    mutating func start(_ hotels: [Int]) -> Trip {
        use(hotels)
        var state = search.initial()
        search.localSearch(&state)
        return Trip(hotels: hotels, state: state)
    }

    /// Iterated local search from `hotels` until the time or iteration limit; the best trip.
    mutating func run(_ options: SolverOptions, from hotels: [Int]) -> Trip {
        let started = SearchClock.now()
        let deadline = started + UInt64(options.timeLimit * 1e9)
        search.deadline = deadline
        var current = start(hotels)
        var best = current
        var stagnant = 0, iteration = 0
        while SearchClock.now() < deadline {
            if let limit = options.maxIterations, iteration >= limit { break }
            if stagnant >= options.patience { break }
            iteration += 1
            var candidate = current
            use(candidate.hotels)
            // One round in four moves a night: enough to try every night's hotels many times in
            // a run, while most rounds polish the visits of the nights found.
            if nights > 0 && search.rng.next(upTo: Int(ProcessInfo.processInfo.environment["HS_SHARE"] ?? "4")!) == 0 {
                if !changeHotel(&candidate, night: 1 + search.rng.next(upTo: nights)) { continue }
            } else {
                search.ruin(&candidate.state)
                search.seedRandomJob(&candidate.state)
                search.recreate(&candidate.state, noise: 0.3)
            }
            search.localSearch(&candidate.state)
            let progress =
                options.maxIterations.map { Double(iteration) / Double($0) }
                ?? min(1, Double(SearchClock.now() - started) / (options.timeLimit * 1e9))
            if Search.accepts(candidate.state, current: current.state, best: best.state, progress: progress) {
                current = candidate
            }
            if best.state.isWorse(than: candidate.state) {
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
                    ("trip search: seed \(search.rng.seedDescription) \(iteration) rounds, best \(best.state.score)"
                        + " travel \(best.state.travel) hotels \(best.hotels)\n").utf8))
        }
        return best
    }

    /// Whether day d can go from hotel a to hotel b (matrix indices).
    func canDrive(day d: Int, from a: Int, to b: Int) -> Bool {
        guard let i = slot[a], let k = slot[b] else { return false }
        return drivable[d][i][k]
    }
}

extension TripSearch {
    /// How many sequences of drivable days run from the start to the end (not counting the
    /// total travel limit), without listing them.
    func sequenceCount() -> Double {
        var count = [Double](repeating: 0, count: pool.count)
        count[slot[trip.start]!] = 1
        for d in trip.days.indices {
            var next = [Double](repeating: 0, count: pool.count)
            for a in pool.indices where count[a] > 0 {
                for b in pool.indices where drivable[d][a][b] { next[b] += count[a] }
            }
            count = next
        }
        return count[slot[trip.end]!]
    }

    /// Every sequence start, nights, end of drivable days within the total travel limit.
    func sequences() -> [[Int]] {
        var out: [[Int]] = []
        let days = trip.days.count
        func extend(_ prefix: [Int]) {
            let d = prefix.count - 1
            if d == days - 1 {
                if canDrive(day: d, from: prefix.last!, to: trip.end) { out.append(prefix + [trip.end]) }
                return
            }
            for h in pool where canDrive(day: d, from: prefix.last!, to: h) { extend(prefix + [h]) }
        }
        extend([trip.start])
        if let limit = trip.totalTravelLimit { out.removeAll { travel($0) > limit } }
        return out
    }

    /// Runs one search per thread, seeds `seed`, `seed + 1`, …: the first from the sequence
    /// with the best day estimates, the others from sequences chosen with noisy estimates.
    /// The best trip wins, ranked as `HotelSelection.rank` ranks day-solver answers.
    func solve(_ options: SolverOptions) throws(ProblemError) -> HotelTripSolution {
        var first = self
        let estimates = first.dayEstimates()
        guard let start = first.bestSequence(estimates, noise: 0) else {
            throw .invalid(
                path: "hotels",
                reason: "no choice of hotels lets every day reach the next night's hotel within the total limit")
        }
        let prepared = first
        let found = Found(count: options.threads)
        DispatchQueue.concurrentPerform(iterations: options.threads) { t in
            var search = prepared
            search.search.rng = SplitMix64(seed: options.seed &+ UInt64(t))
            let from = t == 0 ? start : search.bestSequence(estimates, noise: 0.2) ?? start
            found.set(t, search.run(options, from: from))
        }
        let values = HotelSelection.jobValues(trip.jobs)
        var ranked: [(hotels: [Int], rank: Ranked)] = []
        for t in found.all() {
            guard let t, let problem = try? trip.dayProblem(t.hotels),
                let r = HotelSelection.rank(
                    trip, problem, Solution(routes: t.state.routes.map { $0.stops.map(Search.decode) }), values)
            else { continue }
            ranked.append((t.hotels, r))
        }
        ranked.sort { $0.rank.isBetter(than: $1.rank) }
        guard let best = ranked.first else {
            throw .invalid(path: "jobs", reason: "no hotel sequence gave a feasible trip")
        }
        let problem = try trip.dayProblem(best.hotels)
        for (j, job) in trip.jobs.enumerated()
        where job.mandatory && !best.rank.solution.routes.contains(where: { $0.contains(.job(j)) }) {
            throw .infeasibleMandatory(jobID: job.id, reason: Search.explainMissing(problem, job: j))
        }
        var runnersUp: [[Int]] = []
        for r in ranked.dropFirst() where r.hotels != best.hotels && !runnersUp.contains(r.hotels) {
            runnersUp.append(r.hotels)
        }
        return HotelTripSolution(
            hotels: best.hotels, solution: best.rank.solution, runnersUp: Array(runnersUp.prefix(2)))
    }
}

/// Each thread's best trip.
private final class Found: Sendable {
    private let trips: Mutex<[Trip?]>
    init(count: Int) { trips = Mutex(Array(repeating: nil, count: count)) }
    func set(_ i: Int, _ t: Trip) { trips.withLock { $0[i] = t } }
    func all() -> [Trip?] { trips.withLock { $0 } }
}
