import Foundation

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

    public init(seed: UInt64 = 1, timeLimit: Double = 1, maxIterations: Int? = nil, patience: Int = 20_000,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.seed = seed; self.timeLimit = timeLimit; self.maxIterations = maxIterations
        self.patience = patience; self.threads = max(1, threads)
    }
}

/// Team orienteering with time windows by iterated local search.
///
/// Objective, in this order: the sum of job priorities served (mandatory jobs count more than
/// all others together), then less travel time, then more jobs. That tie rule is on purpose
/// (VROOM puts the number of jobs before cost): for a tourist, less driving beats an extra stop
/// worth nothing. When every priority is 0 (a plain VRP/TSP), every job is worth 1, so all
/// jobs that fit are served, as VROOM does.
public enum Solver {
    /// - Throws: `ProblemError.infeasibleMandatory` naming a mandatory job that no route can take.
    public static func solve(_ problem: Problem, options: SolverOptions = SolverOptions()) throws(ProblemError) -> Solution {
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

private final class RunResults: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [State?]
    init(count: Int) { states = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ s: State) { lock.lock(); states[i] = s; lock.unlock() }
    func best() -> State {
        lock.lock(); defer { lock.unlock() }
        return states.compactMap { $0 }.max { $0.isWorse(than: $1) }!
    }
}

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

    func isWorse(than other: State) -> Bool {
        if score != other.score { return score < other.score }
        if travel != other.travel { return travel > other.travel }
        return served < other.served
    }
}

/// One seeded search (a thread's own state and generator).
struct Search {
    let problem: Problem
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
            jobs.indices.filter { $0 != a }.sorted { problem.travel(jobs[a].location, jobs[$0].location) < problem.travel(jobs[a].location, jobs[$1].location) }
                .prefix(40).map { $0 }
        }
        symmetric = (0..<problem.size).allSatisfy { a in (0..<a).allSatisfy { problem.travel(a, $0) == problem.travel($0, a) } }
    }

    var pastDeadline: Bool { DispatchTime.now().uptimeNanoseconds > deadline }

    static func decode(_ stop: Int) -> Solution.Stop { stop >= 0 ? .job(stop) : .rest(-stop - 1) }

    // MARK: the iterated local search

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
            let progress = options.maxIterations.map { Double(iteration) / Double($0) }
                ?? min(1, Double(DispatchTime.now().uptimeNanoseconds - started) / (options.timeLimit * 1e9))
            let margin = Double(best.score) * 0.03 * (1 - progress)
            if !candidate.isWorse(than: current) || Double(candidate.score) >= Double(best.score) - margin && candidate.score >= current.score - Int(margin) {
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
            FileHandle.standardError.write(Data("solver: seed \(rng.seedDescription) \(iteration) rounds, best \(best.score) travel \(best.travel)\n".utf8))
        }
        return best
    }

    mutating func initial() -> State {
        var state = State(routes: problem.vehicles.map { _ in Route() }, visited: Array(repeating: false, count: jobCount))
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

    // MARK: timing

    func window(_ stop: Int, vehicle v: Int) -> [TimeWindow] {
        stop >= 0 ? problem.jobs[stop].windows : problem.vehicles[v].breaks[-stop - 1].windows
    }

    func service(_ stop: Int, vehicle v: Int) -> Int {
        stop >= 0 ? problem.jobs[stop].service : problem.vehicles[v].breaks[-stop - 1].service
    }

    /// Recomputes a route's timing caches in O(n).
    func refresh(_ route: inout Route, vehicle v: Int) {
        let vehicle = problem.vehicles[v]
        let n = route.stops.count
        route.arrival = Array(repeating: 0, count: n)
        route.start = Array(repeating: 0, count: n)
        route.wait = Array(repeating: 0, count: n)
        route.maxShift = Array(repeating: 0, count: n)
        route.hasBreaks = false
        route.hasLocatedBreaks = false
        route.feasible = true
        var time = vehicle.window.open
        var location = vehicle.start
        var travel = 0
        var closes = Array(repeating: 0, count: n)
        for (i, stop) in route.stops.enumerated() {
            var arrival = time
            if stop >= 0 {
                let loc = problem.jobs[stop].location
                if let from = location { let leg = problem.travel(from, loc); arrival += leg; travel += leg }
                location = loc
            } else {
                route.hasBreaks = true
                let brk = vehicle.breaks[-stop - 1]
                if !brk.locations.isEmpty {
                    route.hasLocatedBreaks = true
                    // A located break (lunch at a place to eat): travel there first.
                    let next = route.stops[(i + 1)...].first { $0 >= 0 }.map { problem.jobs[$0].location } ?? vehicle.end
                    let place = brk.place(from: location, next: next, in: problem)!
                    if let from = location { let leg = problem.travel(from, place); arrival += leg; travel += leg }
                    location = place
                }
            }
            let windows = window(stop, vehicle: v)
            let w = windows.first { $0.close >= arrival } ?? windows[windows.count - 1]
            if w.close < arrival { route.feasible = false }
            let start = max(arrival, w.open)
            route.arrival[i] = arrival
            route.start[i] = start
            route.wait[i] = start - arrival
            closes[i] = w.close
            time = start + service(stop, vehicle: v)
        }
        if let from = location, let to = vehicle.end { let leg = problem.travel(from, to); time += leg; travel += leg }
        route.endArrival = time
        route.travel = travel
        if time > vehicle.window.close { route.feasible = false }
        if let limit = vehicle.maxTravelTime, travel > limit { route.feasible = false }
        if let limit = vehicle.maxJobs, route.stops.lazy.filter({ $0 >= 0 }).count > limit { route.feasible = false }
        var nextSlack = vehicle.window.close - time  // wait (0) + maxShift of the end
        for i in stride(from: n - 1, through: 0, by: -1) {
            route.maxShift[i] = min(closes[i] - route.start[i], nextSlack)
            nextSlack = route.wait[i] + route.maxShift[i]
        }
    }

    /// Travel added by putting job j at position p (p = 0…count), or nil if it does not fit;
    /// O(1) from the caches for break-free routes, otherwise by evaluating a copy.
    func insertion(_ route: Route, vehicle v: Int, job j: Int, at p: Int) -> Int? {
        insertionCost(route, vehicle: v, job: j, at: p)?.travel
    }

    /// Travel added and time consumed (the shift: travel, waiting and service the visit adds
    /// before the next stop) by putting job j at position p. Unlocated breaks (taken where the
    /// vehicle is) add no travel, so the detour is between the neighbouring jobs either way.
    func insertionCost(_ route: Route, vehicle v: Int, job j: Int, at p: Int) -> (travel: Int, shift: Int)? {
        let vehicle = problem.vehicles[v]
        let job = problem.jobs[j]
        if let limit = vehicle.maxJobs, route.stops.lazy.filter({ $0 >= 0 }).count >= limit { return nil }
        if route.hasLocatedBreaks {
            var trial = route
            trial.stops.insert(j, at: p)
            refresh(&trial, vehicle: v)
            return trial.feasible ? (trial.travel - route.travel, max(0, trial.endArrival - route.endArrival) + job.service) : nil
        }
        let stops = route.stops
        let prevLoc = placeNear(stops, p - 1, vehicle: v, forward: false)
        let nextLoc = placeNear(stops, p, vehicle: v, forward: true)
        let toJob = prevLoc.map { problem.travel($0, job.location) } ?? 0
        let fromJob = nextLoc.map { problem.travel(job.location, $0) } ?? 0
        let direct = (prevLoc != nil && nextLoc != nil) ? problem.travel(prevLoc!, nextLoc!) : 0
        let delta = toJob + fromJob - direct
        if let limit = vehicle.maxTravelTime, route.travel + delta > limit { return nil }
        let depart = p == 0 ? vehicle.window.open : route.start[p - 1] + service(stops[p - 1], vehicle: v)
        let arrival = depart + toJob
        guard let w = job.windows.first(where: { $0.close >= arrival }) else { return nil }
        let leave = max(arrival, w.open) + job.service
        let cost = (delta, leave + fromJob - depart - direct)
        if route.hasBreaks { return fitsAfter(route, vehicle: v, insertedAt: p, leaving: leave, from: job.location) ? cost : nil }
        // No breaks: O(1) from the forward slack ("max shift") of the stop that follows.
        let shift = leave + fromJob - (p == stops.count ? route.endArrival : route.arrival[p])
        if shift > 0 {
            let slack = p == stops.count ? vehicle.window.close - route.endArrival : route.wait[p] + route.maxShift[p]
            if shift > slack { return nil }
        }
        return cost
    }

    /// Whether the stops from p on still keep their windows and the day's end when the vehicle
    /// leaves `location` at `leave` before them. Breaks sit in the route, so the forward slack of
    /// one stop does not cover the next job's extra travel; instead the day is re-timed from p
    /// only until a job starts exactly as before (usually a few stops: the lunch window or a
    /// site's opening absorbs the shift). Copying and re-timing the whole day per candidate was
    /// 80 % of a 5-day plan's solve.
    func fitsAfter(_ route: Route, vehicle v: Int, insertedAt p: Int, leaving leave: Int, from location: Int) -> Bool {
        let stops = route.stops
        var time = leave
        var location = location
        for i in p..<stops.count {
            let stop = stops[i]
            var at = time
            if stop >= 0 {
                let here = problem.jobs[stop].location
                at += problem.travel(location, here)
                location = here
            }
            guard let open = window(stop, vehicle: v).first(where: { $0.close >= at }) else { return false }
            let start = max(at, open.open)
            // Same start at a job (same place): the rest of the day is as it was.
            if stop >= 0 && start == route.start[i] { return true }
            time = start + service(stop, vehicle: v)
        }
        if let end = problem.vehicles[v].end { time += problem.travel(location, end) }
        return time <= problem.vehicles[v].window.close
    }

    // MARK: construction

    /// Greedy insertion by value² / added travel (Vansteenwegen et al.'s ratio), with optional
    /// noise on the ratio so repeated recreates explore. Each job's best place per route is
    /// kept between steps and re-evaluated only on the route that just changed (an insertion
    /// leaves the other days as they were): on 4 routes that made recreate ~4× cheaper.
    mutating func recreate(_ state: inout State, noise: Double) {
        var open = (0..<jobCount).filter { !state.visited[$0] && values.value[$0] > 0 }
        let routeCount = state.routes.count
        var best = [(ratio: Double, position: Int)?]()
        best.reserveCapacity(open.count * routeCount)
        for j in open {
            for r in 0..<routeCount { best.append(bestPlace(state.routes[r], vehicle: r, job: j, noise: noise)) }
        }
        while !open.isEmpty {
            var chosen: (k: Int, r: Int, ratio: Double, position: Int)? = nil
            for k in open.indices {
                for r in 0..<routeCount {
                    if let b = best[k * routeCount + r], chosen == nil || b.ratio > chosen!.ratio { chosen = (k, r, b.ratio, b.position) }
                }
            }
            guard let chosen else { break }
            insert(&state, job: open[chosen.k], route: chosen.r, at: chosen.position)
            open.remove(at: chosen.k)
            best.removeSubrange((chosen.k * routeCount)..<((chosen.k + 1) * routeCount))
            for k in open.indices {
                best[k * routeCount + chosen.r] = bestPlace(state.routes[chosen.r], vehicle: chosen.r, job: open[k], noise: noise)
            }
        }
    }

    /// The position with the best (noisy) ratio for job j on one route, or nil if it fits nowhere.
    mutating func bestPlace(_ route: Route, vehicle r: Int, job j: Int, noise: Double) -> (ratio: Double, position: Int)? {
        let value = Double(values.value[j])
        var best: (ratio: Double, position: Int)? = nil
        for p in 0...route.stops.count {
            guard let cost = insertionCost(route, vehicle: r, job: j, at: p) else { continue }
            var ratio = value * value / Double(max(1, cost.shift) + 1)
            if noise > 0 { ratio *= 1 + noise * (rng.nextDouble() * 2 - 1) }
            if best == nil || ratio > best!.ratio { best = (ratio, p) }
        }
        return best
    }

    func insert(_ state: inout State, job j: Int, route r: Int, at p: Int) {
        state.routes[r].stops.insert(j, at: p)
        refresh(&state.routes[r], vehicle: r)
        state.visited[j] = true
        state.score += values.value[j]
        state.served += 1
        state.travel = state.routes.reduce(0) { $0 + $1.travel }
    }

    /// Removes job stops; a removal that would break the route (possible when travel times
    /// break the triangle inequality) is skipped.
    func remove(_ state: inout State, jobs: Set<Int>) {
        for r in state.routes.indices where state.routes[r].stops.contains(where: { jobs.contains($0) }) {
            var trial = state.routes[r]
            let kept = trial.stops.filter { !jobs.contains($0) }
            trial.stops = kept
            refresh(&trial, vehicle: r)
            guard trial.feasible else { continue }
            for stop in state.routes[r].stops where stop >= 0 && jobs.contains(stop) {
                state.visited[stop] = false
                state.score -= values.value[stop]
                state.served -= 1
            }
            state.routes[r] = trial
        }
        state.travel = state.routes.reduce(0) { $0 + $1.travel }
    }

    // MARK: perturbation

    mutating func ruin(_ state: inout State) {
        let visited = (0..<jobCount).filter { state.visited[$0] && !problem.jobs[$0].mandatory }
        guard !visited.isEmpty else { return }
        // Mostly small ruins; one in ten removes half or more, to jump between clusters.
        let k = rng.next(upTo: 10) == 0
            ? visited.count / 2 + rng.next(upTo: visited.count / 2 + 1)
            : 1 + rng.next(upTo: max(1, min(40, visited.count * 3 / 10)))
        var chosen = Set<Int>()
        switch rng.next(upTo: 3) {
        case 0:  // random sites
            while chosen.count < min(k, visited.count) { chosen.insert(visited[rng.next(upTo: visited.count)]) }
        case 1:  // related: a site and its nearest visited neighbours
            let seed = visited[rng.next(upTo: visited.count)]
            chosen.insert(seed)
            for n in neighbours[seed] where state.visited[n] && !problem.jobs[n].mandatory && chosen.count < k { chosen.insert(n) }
        default:  // a run of consecutive stops on one route (Vansteenwegen's shake)
            let candidates = state.routes.indices.filter { state.routes[$0].stops.contains { $0 >= 0 } }
            let r = candidates[rng.next(upTo: candidates.count)]
            let stops = state.routes[r].stops
            let from = rng.next(upTo: stops.count)
            for stop in stops[from...].prefix(k) where stop >= 0 && !problem.jobs[stop].mandatory { chosen.insert(stop) }
        }
        remove(&state, jobs: chosen)
    }

    /// Half the time, starts the recreate with a random unvisited job that fits somewhere,
    /// so the greedy does not rebuild the route it just left.
    mutating func seedRandomJob(_ state: inout State) {
        guard rng.next(upTo: 2) == 0 else { return }
        let open = (0..<jobCount).filter { !state.visited[$0] && values.value[$0] > 0 }
        guard !open.isEmpty else { return }
        for _ in 0..<10 {
            let j = open[rng.next(upTo: open.count)]
            let r = rng.next(upTo: state.routes.count)
            var best: (Int, Int)? = nil
            for p in 0...state.routes[r].stops.count {
                if let d = insertion(state.routes[r], vehicle: r, job: j, at: p), best == nil || d < best!.1 { best = (p, d) }
            }
            if let (p, _) = best { insert(&state, job: j, route: r, at: p); return }
        }
    }

    // MARK: local search

    mutating func localSearch(_ state: inout State) {
        var improved = true
        var rounds = 0
        while improved && rounds < 50 && !pastDeadline {
            rounds += 1
            improved = false
            for r in state.routes.indices {
                if twoOpt(&state, r) { improved = true }
                if orOpt(&state, r) { improved = true }
            }
            if state.routes.count > 1, relocateBetweenRoutes(&state) { improved = true }
            if state.routes.count > 1, exchangeBetweenRoutes(&state) { improved = true }
            let before = state.score
            recreate(&state, noise: 0)
            if state.score > before { improved = true }
            if replace(&state) { improved = true }
        }
    }

    /// Reverses a segment when that shortens the route and keeps it feasible.
    func twoOpt(_ state: inout State, _ r: Int) -> Bool {
        var route = state.routes[r]
        let n = route.stops.count
        guard n >= 3 else { return false }
        var improved = false
        for i in 0..<(n - 1) {
            for k in (i + 1)..<n {
                if !route.hasLocatedBreaks, travelAfterReversal(route, vehicle: r, from: i, to: k) >= route.travel { continue }
                var trial = route
                trial.stops[i...k].reverse()
                refresh(&trial, vehicle: r)
                if trial.feasible && trial.travel < route.travel { route = trial; improved = true }
            }
        }
        if improved { state.routes[r] = route; state.travel = state.routes.reduce(0) { $0 + $1.travel } }
        return improved
    }

    func leg(_ a: Int?, _ b: Int?) -> Int { if let a, let b { problem.travel(a, b) } else { 0 } }

    /// Route travel after reversing stops[i...k], without re-timing: O(1) for symmetric
    /// matrices, O(k − i) otherwise. Unlocated breaks add no travel, so only the jobs count.
    /// Used to skip candidates that cannot shorten the route.
    func travelAfterReversal(_ route: Route, vehicle v: Int, from i: Int, to k: Int) -> Int {
        let s = route.stops
        guard let firstJob = (i...k).first(where: { s[$0] >= 0 }), let lastJob = (i...k).last(where: { s[$0] >= 0 }) else { return route.travel }
        var inner = 0
        if !symmetric {
            var previous: Int? = nil
            for x in firstJob...lastJob where s[x] >= 0 {
                let here = problem.jobs[s[x]].location
                if let previous { inner += problem.travel(here, previous) - problem.travel(previous, here) }
                previous = here
            }
        }
        let before = placeNear(s, i - 1, vehicle: v, forward: false), after = placeNear(s, k + 1, vehicle: v, forward: true)
        let first = problem.jobs[s[firstJob]].location, last = problem.jobs[s[lastJob]].location
        return route.travel - leg(before, first) - leg(last, after) + leg(before, last) + leg(first, after) + inner
    }

    /// Route travel after moving `segment` to position p of `rest` (the route without it).
    func travelAfterMove(_ route: Route, vehicle v: Int, rest: [Int], segment: [Int], at p: Int) -> Int {
        var stops = rest
        stops.insert(contentsOf: segment, at: p)
        var total = 0
        var previous = problem.vehicles[v].start
        for stop in stops where stop >= 0 {
            let here = problem.jobs[stop].location
            total += leg(previous, here)
            previous = here
        }
        return total + leg(previous, problem.vehicles[v].end)
    }

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
                for p in 0...rest.count where p != i {
                    if !route.hasLocatedBreaks, travelAfterMove(route, vehicle: r, rest: rest, segment: segment, at: p) >= route.travel { continue }
                    var trial = route
                    trial.stops = rest
                    trial.stops.insert(contentsOf: segment, at: p)
                    refresh(&trial, vehicle: r)
                    if trial.feasible && trial.travel < route.travel { route = trial; improved = true; moved = true; break }
                }
                if !moved { i += 1 }
            }
        }
        if improved { state.routes[r] = route; state.travel = state.routes.reduce(0) { $0 + $1.travel } }
        return improved
    }

    /// Moves one job to another route when total travel drops.
    func relocateBetweenRoutes(_ state: inout State) -> Bool {
        var improved = false
        for a in state.routes.indices {
            var i = 0
            while i < state.routes[a].stops.count {
                let j = state.routes[a].stops[i]
                guard j >= 0 else { i += 1; continue }
                var without = state.routes[a]
                without.stops.remove(at: i)
                refresh(&without, vehicle: a)
                guard without.feasible else { i += 1; continue }
                let saving = state.routes[a].travel - without.travel
                var best: (delta: Int, route: Int, position: Int)? = nil
                for b in state.routes.indices where b != a {
                    for p in 0...state.routes[b].stops.count {
                        if let delta = insertion(state.routes[b], vehicle: b, job: j, at: p), delta < saving, best == nil || delta < best!.delta {
                            best = (delta, b, p)
                        }
                    }
                }
                if let best {
                    state.routes[a] = without
                    state.routes[best.route].stops.insert(j, at: best.position)
                    refresh(&state.routes[best.route], vehicle: best.route)
                    state.travel = state.routes.reduce(0) { $0 + $1.travel }
                    improved = true
                } else {
                    i += 1
                }
            }
        }
        return improved
    }

    /// Where the route is just before stop i (or after, `forward`): the nearest job's location,
    /// skipping breaks, or the vehicle's start/end beyond the ends of the route.
    func placeNear(_ stops: [Int], _ i: Int, vehicle v: Int, forward: Bool) -> Int? {
        var x = i
        while x >= 0 && x < stops.count {
            if stops[x] >= 0 { return problem.jobs[stops[x]].location }
            x += forward ? 1 : -1
        }
        return x < 0 ? problem.vehicles[v].start : problem.vehicles[v].end
    }

    /// Swap and cross-exchange: trades a run of 1–2 jobs of one route for a run of 1–2 jobs of
    /// another when total travel drops and both routes stay feasible. The other run starts at
    /// one of the first run's nearest neighbours, so each lands where the other was (close to
    /// its neighbours); an O(1) travel estimate skips the rest before exact re-timing.
    func exchangeBetweenRoutes(_ state: inout State) -> Bool {
        var improved = false
        var placement = [(route: Int, index: Int)?](repeating: nil, count: jobCount)
        func locate() {
            for j in placement.indices { placement[j] = nil }
            for (r, route) in state.routes.enumerated() { for (i, stop) in route.stops.enumerated() where stop >= 0 { placement[stop] = (r, i) } }
        }
        locate()
        for a in state.routes.indices {
            var i = 0
            scan: while i < state.routes[a].stops.count {
                let first = state.routes[a].stops[i]
                guard first >= 0 else { i += 1; continue }
                for other in neighbours[first] {
                    guard let (b, k) = placement[other], b != a else { continue }
                    let routeA = state.routes[a], routeB = state.routes[b]
                    for (la, lb) in [(1, 1), (2, 1), (1, 2), (2, 2)] {
                        guard i + la <= routeA.stops.count, k + lb <= routeB.stops.count else { continue }
                        let runA = routeA.stops[i..<(i + la)], runB = routeB.stops[k..<(k + lb)]
                        guard runA.allSatisfy({ $0 >= 0 }), runB.allSatisfy({ $0 >= 0 }) else { continue }
                        let beforeA = placeNear(routeA.stops, i - 1, vehicle: a, forward: false), afterA = placeNear(routeA.stops, i + la, vehicle: a, forward: true)
                        let beforeB = placeNear(routeB.stops, k - 1, vehicle: b, forward: false), afterB = placeNear(routeB.stops, k + lb, vehicle: b, forward: true)
                        let locA = (problem.jobs[runA.first!].location, problem.jobs[runA.last!].location)
                        let locB = (problem.jobs[runB.first!].location, problem.jobs[runB.last!].location)
                        let old = leg(beforeA, locA.0) + leg(locA.1, afterA) + leg(beforeB, locB.0) + leg(locB.1, afterB)
                        let new = leg(beforeA, locB.0) + leg(locB.1, afterA) + leg(beforeB, locA.0) + leg(locA.1, afterB)
                        if new >= old { continue }  // exact for unlocated breaks; located ones may hide a few moves
                        var trialA = routeA, trialB = routeB
                        trialA.stops.replaceSubrange(i..<(i + la), with: runB)
                        trialB.stops.replaceSubrange(k..<(k + lb), with: runA)
                        refresh(&trialA, vehicle: a)
                        guard trialA.feasible else { continue }
                        refresh(&trialB, vehicle: b)
                        guard trialB.feasible, trialA.travel + trialB.travel < routeA.travel + routeB.travel else { continue }
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

    /// Swaps a visited job for an unvisited one worth more, when the new one fits on the same
    /// route. Only the unvisited job's nearest neighbours are tried for removal: a swap with a
    /// far site rarely fits, and trying all of them made this move O(n³) on large instances.
    func replace(_ state: inout State) -> Bool {
        var improved = false
        let open = (0..<jobCount).filter { !state.visited[$0] && values.value[$0] > 0 }.sorted { values.value[$0] > values.value[$1] }
        for u in open where !state.visited[u] {
            var best: (gain: Int, delta: Int, route: Route, r: Int, removed: Int)? = nil
            let near = Set(neighbours[u])
            for r in state.routes.indices {
                for (i, v) in state.routes[r].stops.enumerated() where v >= 0 && near.contains(v) && !problem.jobs[v].mandatory && values.value[v] < values.value[u] {
                    var without = state.routes[r]
                    without.stops.remove(at: i)
                    refresh(&without, vehicle: r)
                    guard without.feasible else { continue }
                    for p in 0...without.stops.count {
                        guard let delta = insertion(without, vehicle: r, job: u, at: p) else { continue }
                        let gain = values.value[u] - values.value[v]
                        if best == nil || gain > best!.gain || gain == best!.gain && delta < best!.delta {
                            var placed = without
                            placed.stops.insert(u, at: p)
                            best = (gain, delta, placed, r, v)
                        }
                    }
                }
            }
            if let best {
                var route = best.route
                refresh(&route, vehicle: best.r)
                guard route.feasible else { continue }
                state.routes[best.r] = route
                state.visited[best.removed] = false
                state.visited[u] = true
                state.score += best.gain
                state.travel = state.routes.reduce(0) { $0 + $1.travel }
                improved = true
            }
        }
        return improved
    }

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
