import Foundation
import Synchronization

/// The plain TSP inside a problem: one route that can take every job, windows that never bind,
/// a symmetric matrix. The general search re-times a route in O(n) per move and rescans every
/// insertion, which suits days of 5–50 stops; a 1,000-city tour needs millions of O(1) moves, so
/// such problems get this search first (2-opt, Or-opt and sequential 3-opt over neighbour lists
/// with don't-look bits, iterated with local double-bridge kicks). Its answer is kept only when the checker
/// accepts it (the day may still be too short for every job; then the general search runs).
enum PlainTour {
    /// Neighbours per node: enough for 2-opt/Or-opt to find nearly every improving move.
    static let neighbourCount = 10

    /// The tour as a solution, or nil when the problem is not a plain TSP or the tour breaks a
    /// limit (day length, travel cap).
    static func solve(_ problem: Problem, options: SolverOptions) -> Solution? {
        guard let data = TourData(problem) else { return nil }
        let services = problem.jobs.reduce(0) { $0 + $1.service }
        let vehicle = problem.vehicles[0]
        let dayLength = vehicle.window.close - vehicle.window.open
        if services > dayLength { return nil }
        let results = TourResults(count: options.threads)
        DispatchQueue.concurrentPerform(iterations: options.threads) { t in
            let search = TourSearch(data, seed: options.seed &+ UInt64(t))
            search.run(options, giveUpAbove: dayLength - services)
            results.set(t, (search.length, search.order()))
        }
        guard let best = results.best() else { return nil }
        // Node 0 is the depot; the jobs follow in tour order (either direction costs the same).
        let zero = best.order.firstIndex(of: 0)!
        let jobs = (best.order[(zero + 1)...] + best.order[..<zero]).map { Solution.Stop.job(Int($0) - 1) }
        let solution = Solution(routes: [Array(jobs)])
        return Checker.violations(problem, solution).isEmpty ? solution : nil
    }
}

/// The symmetric matrix over the tour's nodes and each node's nearest neighbours, shared
/// read-only by the threads. Node 0 is the vehicle's start (= end), or, for a route without
/// either, a free node at distance 0 from every job; node k ≥ 1 is job k − 1.
final class TourData: @unchecked Sendable {
    let n: Int
    let dist: UnsafeMutableBufferPointer<Int32>
    let near: UnsafeMutableBufferPointer<Int32>
    let k: Int

    init?(_ problem: Problem) {
        guard problem.vehicles.count == 1, let vehicle = problem.vehicles.first, vehicle.breaks.isEmpty,
            vehicle.start == vehicle.end, problem.jobs.count >= 7
        else { return nil }
        if let limit = vehicle.maxJobs, limit < problem.jobs.count { return nil }
        // Priority 0 next to positive ones means "not worth a detour" (see Solver): not a TSP.
        let allZero = problem.jobs.allSatisfy { $0.priority == 0 }
        guard allZero || problem.jobs.allSatisfy({ $0.priority > 0 }) else { return nil }
        // Windows that cannot bind: open by the start of the day, open until its end.
        guard
            problem.jobs.allSatisfy({
                $0.windows.count == 1 && $0.windows[0].open <= vehicle.window.open
                    && $0.windows[0].close >= vehicle.window.close
            })
        else { return nil }
        let locations = [vehicle.start] + problem.jobs.map { Optional($0.location) }
        n = locations.count
        k = min(PlainTour.neighbourCount, n - 1)
        dist = .allocate(capacity: n * n)
        near = .allocate(capacity: n * k)
        func travel(_ a: Int, _ b: Int) -> Int {
            if let from = locations[a], let to = locations[b] { problem.travel(from, to) } else { 0 }
        }
        for a in 0..<n {
            for b in 0..<n {
                let value = travel(a, b)
                guard value < 1 << 28, value == travel(b, a) else { return nil } // deinit frees the buffers
                dist[a * n + b] = Int32(value)
            }
        }
        // The k nearest by insertion into a short sorted list (sorting all n was most of the set-up).
        var best = [(distance: Int32, node: Int32)]()
        best.reserveCapacity(k + 1)
        for a in 0..<n {
            best.removeAll(keepingCapacity: true)
            for b in 0..<n where b != a {
                let value = dist[a * n + b]
                if best.count == k, value >= best[k - 1].distance { continue }
                var i = best.count
                while i > 0, best[i - 1].distance > value { i -= 1 }
                best.insert((value, Int32(b)), at: i)
                if best.count > k { best.removeLast() }
            }
            for i in 0..<k { near[a * k + i] = best[i].node }
        }
    }

    deinit { dist.deallocate(); near.deallocate() }
}

/// The tour each thread found.
private final class TourResults: Sendable {
    private let found: Mutex<[(length: Int, order: [Int32])?]>
    init(count: Int) { found = Mutex(Array(repeating: nil, count: count)) }
    func set(_ i: Int, _ result: (Int, [Int32])) { found.withLock { $0[i] = result } }
    func best() -> (length: Int, order: [Int32])? {
        found.withLock { $0.compactMap { $0 }.min { $0.length < $1.length } }
    }
}

/// One thread's tour: an array of nodes plus each node's position, so a 2-opt move is one
/// reversal (of the shorter side). Raw buffers, not arrays: this is the hot path (millions of
/// moves in 2 s; most of the solve in `perf`), and unchecked access skips the bounds and
/// uniqueness checks of Swift arrays (not measured against an array version).
final class TourSearch {
    /// Owns the matrix and neighbour buffers read below (kept alive as long as this search).
    let data: TourData
    let n: Int
    private let dist: UnsafeMutableBufferPointer<Int32>
    private let near: UnsafeMutableBufferPointer<Int32>
    private let k: Int
    private let tour: UnsafeMutableBufferPointer<Int32>
    private let pos: UnsafeMutableBufferPointer<Int32>
    private let savedTour: UnsafeMutableBufferPointer<Int32>
    private let savedPos: UnsafeMutableBufferPointer<Int32>
    private let bestTour: UnsafeMutableBufferPointer<Int32>
    /// Nodes whose surroundings may still improve (the complement of don't-look bits).
    private let queue: UnsafeMutableBufferPointer<Int32>
    private let queued: UnsafeMutableBufferPointer<Bool>
    private var head = 0, count = 0
    private var rng: SplitMix64
    private(set) var length = 0
    private(set) var kicks = 0

    init(_ data: TourData, seed: UInt64) {
        self.data = data
        n = data.n; dist = data.dist; near = data.near; k = data.k
        tour = .allocate(capacity: n); pos = .allocate(capacity: n)
        savedTour = .allocate(capacity: n); savedPos = .allocate(capacity: n); bestTour = .allocate(capacity: n)
        queue = .allocate(capacity: n); queued = .allocate(capacity: n)
        queued.initialize(repeating: false)
        rng = SplitMix64(seed: seed)
        nearestNeighbourTour()
    }

    deinit {
        for buffer in [tour, pos, savedTour, savedPos, bestTour, queue] { buffer.deallocate() }
        queued.deallocate()
    }

    /// The nodes in tour order.
    func order() -> [Int32] { Array(bestTour) }

    @inline(__always) private func d(_ a: Int32, _ b: Int32) -> Int { Int(dist[Int(a) * n + Int(b)]) }
    @inline(__always) private func next(_ a: Int32) -> Int32 {
        let p = Int(pos[Int(a)]) + 1; return tour[p == n ? 0 : p]
    }
    @inline(__always) private func prev(_ a: Int32) -> Int32 {
        let p = Int(pos[Int(a)]); return tour[p == 0 ? n - 1 : p - 1]
    }
    /// The node after (before) `a` when reading the tour forwards, or backwards if not `forward`.
    @inline(__always) private func ahead(_ a: Int32, _ forward: Bool) -> Int32 { forward ? next(a) : prev(a) }
    @inline(__always) private func behind(_ a: Int32, _ forward: Bool) -> Int32 { forward ? prev(a) : next(a) }

    func recomputedLength() -> Int { (0..<n).reduce(0) { $0 + d(tour[$1], tour[($1 + 1) % n]) } }

    private func nearestNeighbourTour() {
        var used = [Bool](repeating: false, count: n)
        var current: Int32 = 0
        used[0] = true
        tour[0] = 0
        for i in 1..<n {
            var best: Int32 = -1
            for j in 0..<k where !used[Int(near[Int(current) * k + j])] { best = near[Int(current) * k + j]; break }
            if best < 0 {
                var bestDistance = Int.max
                for b in 0..<n where !used[b] && d(current, Int32(b)) < bestDistance {
                    bestDistance = d(current, Int32(b)); best = Int32(b)
                }
            }
            used[Int(best)] = true
            tour[i] = best
            current = best
        }
        for i in 0..<n { pos[Int(tour[i])] = Int32(i) }
        length = recomputedLength()
    }

    // MARK: moves

    /// Reverses tour positions i…j (cyclic, inclusive), or the rest of the tour when that is
    /// shorter: the same cycle either way, read in the other direction.
    private func reverse(_ i: Int, _ j: Int) {
        var span = j - i
        if span < 0 { span += n }
        span += 1
        var a = i, b = j
        if 2 * span > n {
            a = j + 1 == n ? 0 : j + 1
            b = i == 0 ? n - 1 : i - 1
            span = n - span
        }
        for _ in 0..<(span / 2) {
            let x = tour[a], y = tour[b]
            tour[a] = y; pos[Int(y)] = Int32(a)
            tour[b] = x; pos[Int(x)] = Int32(b)
            a += 1; if a == n { a = 0 }
            b -= 1; if b < 0 { b = n - 1 }
        }
    }

    /// Replaces tour edges {a,b} and {c,d} by {a,c} and {b,d}; b follows a as d follows c, in
    /// either direction of the tour.
    private func twoOptMove(_ a: Int32, _ b: Int32, _ c: Int32, _ d: Int32) {
        if next(a) == b {
            reverse(Int(pos[Int(b)]), Int(pos[Int(c)]))
        } else {
            reverse(Int(pos[Int(c)]), Int(pos[Int(b)]))
        }
    }

    private func push(_ a: Int32) {
        guard !queued[Int(a)] else { return }
        queued[Int(a)] = true
        var tail = head + count
        if tail >= n { tail -= n }
        queue[tail] = a
        count += 1
    }

    private func pop() -> Int32 {
        let a = queue[head]
        head += 1; if head == n { head = 0 }
        count -= 1
        queued[Int(a)] = false
        return a
    }

    /// Improves until no queued node has an improving 2-opt or Or-opt move.
    func localSearch() {
        while count > 0 {
            let a = pop()
            if twoOpt(from: a) || orOpt(from: a) || threeOpt(from: a) { push(a) }
        }
        assert(length == recomputedLength(), "tour length bookkeeping drifted")
    }

    private func twoOpt(from a: Int32) -> Bool {
        for forward in [true, false] {
            let b = ahead(a, forward)
            let ab = d(a, b)
            for j in 0..<k {
                let c = near[Int(a) * k + j]
                let ac = d(a, c)
                if ac >= ab { break }
                let dd = ahead(c, forward)
                if c == b || dd == a { continue }
                let gain = ab + d(c, dd) - ac - d(b, dd)
                if gain > 0 {
                    twoOptMove(a, b, c, dd)
                    length -= gain
                    push(b); push(c); push(dd)
                    return true
                }
            }
        }
        return false
    }

    /// Moves a run of 1–3 nodes starting at `a` (in either direction) between two neighbours of
    /// its ends, as it is or reversed.
    private func orOpt(from a: Int32) -> Bool {
        for forward in [true, false] {
            var s2 = a
            for _ in 1...3 {
                let s1 = a
                let p = behind(s1, forward)
                let nx = ahead(s2, forward)
                if nx == p { break }
                let removed = d(p, s1) + d(s2, nx) - d(p, nx)
                if removed > 0 {
                    for end in [s1, s2] {
                        for j in 0..<k {
                            let c = near[Int(end) * k + j]
                            if d(end, c) >= removed { break }
                            if inSegment(c, from: s1, to: s2, forward: forward) { continue }
                            for after in [true, false] {
                                // The edge (x, y) with y after x in the segment's direction.
                                let x = after == forward ? c : behind(c, forward)
                                let y = ahead(x, forward)
                                if x == s2 || y == s1 { continue }
                                if inSegment(x, from: s1, to: s2, forward: forward)
                                    || inSegment(y, from: s1, to: s2, forward: forward)
                                {
                                    continue
                                }
                                let reversedCost = d(x, s2) + d(s1, y)
                                let keptCost = d(x, s1) + d(s2, y)
                                let gain = removed + d(x, y) - min(reversedCost, keptCost)
                                if gain > 0 {
                                    // p s1…s2 nx … x y → p nx … x s2…s1 y, then flip the run if kept is cheaper.
                                    twoOptMove(p, s1, x, y)
                                    twoOptMove(p, x, nx, s2)
                                    if keptCost < reversedCost { twoOptMove(x, s2, s1, y) }
                                    length -= gain
                                    push(p); push(nx); push(s1); push(s2); push(x); push(y)
                                    return true
                                }
                            }
                        }
                    }
                }
                s2 = ahead(s2, forward)
                if s2 == a { break }
            }
        }
        return false
    }

    /// Whether x lies on the way from a to b (both included) in the given direction.
    @inline(__always) private func between(_ a: Int32, _ x: Int32, _ b: Int32, forward: Bool) -> Bool {
        let pa = Int(pos[Int(a)]), px = Int(pos[Int(x)]), pb = Int(pos[Int(b)])
        var toX = forward ? px - pa : pa - px, toB = forward ? pb - pa : pa - pb
        if toX < 0 { toX += n }
        if toB < 0 { toB += n }
        return toX <= toB
    }

    /// The sequential 3-opt move that 2-opt cannot make (Lin–Kernighan's third level): drop
    /// (t1,t2) and (t3,t4) with t4 after t3, which leaves the run t2…t3 as a loop; break that
    /// loop at (t5,t6) and reconnect t4–t5 and t6–t1. The run comes back either as two
    /// swapped pieces or as two pieces reversed in place.
    private func threeOpt(from t1: Int32) -> Bool {
        for forward in [true, false] {
            let t2 = ahead(t1, forward)
            let removed12 = d(t1, t2)
            for j in 0..<k {
                let t3 = near[Int(t2) * k + j]
                let g1 = removed12 - d(t2, t3)
                if g1 <= 0 { break }
                if t3 == t1 { continue }
                let t4 = ahead(t3, forward)
                if t4 == t2 { continue }
                let g2 = g1 + d(t3, t4)
                for i in 0..<k {
                    let t5 = near[Int(t4) * k + i]
                    let g3 = g2 - d(t4, t5)
                    if g3 <= 0 { break }
                    if t5 == t4 || t5 == t1 || !between(t2, t5, t3, forward: forward) { continue }
                    if t5 != t3 {
                        // t1 [t2…t5][t6…t3] t4 → t1 [t6…t3][t2…t5] t4
                        let t6 = ahead(t5, forward)
                        let gain = g3 + d(t5, t6) - d(t6, t1)
                        if gain > 0 {
                            twoOptMove(t1, t2, t3, t4)
                            twoOptMove(t1, t3, t6, t5)
                            twoOptMove(t3, t5, t2, t4)
                            length -= gain
                            for x in [t2, t3, t4, t5, t6] { push(x) }
                            return true
                        }
                    }
                    if t5 != t2 {
                        // t1 [t2…t6][t5…t3] t4 → t1 [t6…t2][t3…t5] t4
                        let t6 = behind(t5, forward)
                        let gain = g3 + d(t6, t5) - d(t6, t1)
                        if gain > 0 {
                            twoOptMove(t1, t2, t6, t5)
                            twoOptMove(t2, t5, t3, t4)
                            length -= gain
                            for x in [t2, t3, t4, t5, t6] { push(x) }
                            return true
                        }
                    }
                }
            }
        }
        return false
    }

    @inline(__always) private func inSegment(_ x: Int32, from s1: Int32, to s2: Int32, forward: Bool) -> Bool {
        var node = s1
        while true {
            if node == x { return true }
            if node == s2 { return false }
            node = ahead(node, forward)
        }
    }

    /// A double bridge inside a window of the tour: a B C d → a C B d, with B and C short runs.
    /// Local kicks keep the following repair local, so a kick costs microseconds.
    private func kick() {
        let span = max(1, min(50, (n - 2) / 3))
        let lb = 1 + rng.next(upTo: span), lc = 1 + rng.next(upTo: span)
        let i = rng.next(upTo: n)
        func at(_ offset: Int) -> Int32 { tour[(i + offset) % n] }
        let a = at(0), b1 = at(1), b2 = at(lb), c1 = at(lb + 1), c2 = at(lb + lc), dd = at(lb + lc + 1)
        length += d(a, c1) + d(c2, b1) + d(b2, dd) - d(a, b1) - d(b2, c1) - d(c2, dd)
        var moved = [Int32]()
        moved.reserveCapacity(lb + lc)
        for o in (lb + 1)...(lb + lc) { moved.append(at(o)) }
        for o in 1...lb { moved.append(at(o)) }
        for (o, node) in moved.enumerated() {
            let p = (i + 1 + o) % n
            tour[p] = node; pos[Int(node)] = Int32(p)
        }
        for x in [a, b1, b2, c1, c2, dd] { push(x) }
    }

    private func save() {
        _ = savedTour.update(fromContentsOf: tour)
        _ = savedPos.update(fromContentsOf: pos)
    }

    private func restore() {
        _ = tour.update(fromContentsOf: savedTour)
        _ = pos.update(fromContentsOf: savedPos)
    }

    /// Local search from every node, then kicks until the time limit, the iteration limit
    /// (`maxIterations` × nodes kicks) or max(`patience` × 2, 500 × nodes) kicks without a
    /// shorter tour (small tours stop early; large ones use their time). Gives up
    /// early when the first local optimum is far beyond `giveUpAbove` (the day cannot hold it).
    func run(_ options: SolverOptions, giveUpAbove: Int) {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(options.timeLimit * 1e9)
        for a in 0..<n { push(tour[a]) }
        localSearch()
        if Double(length) * 0.9 > Double(giveUpAbove) { return }
        save()
        _ = bestTour.update(fromContentsOf: tour)
        var best = length, current = length
        var stagnant = 0
        let kickLimit = options.maxIterations.map { $0 * n } ?? Int.max
        let patience = max(options.patience * 2, 500 * n)
        // Accept a kicked tour up to 0.3 of an average edge longer than the current one: a
        // little drift escapes local optima that strict descent stays in (measured on pcb442,
        // rat783, pr1002 and pr2392 over three seeds: mean gap 0.27 % → 0.18 %).
        let threshold = best / n * 3 / 10
        while kicks < kickLimit && stagnant < patience {
            if kicks & 15 == 0, DispatchTime.now().uptimeNanoseconds > deadline { break }
            kicks += 1
            kick()
            localSearch()
            if length < best {
                best = length; stagnant = 0
                _ = bestTour.update(fromContentsOf: tour)
            } else {
                stagnant += 1
            }
            if length <= current + threshold { current = length; save() } else { restore(); length = current }
        }
        length = best
        if ProcessInfo.processInfo.environment["SHOWCASE_SOLVER_TRACE"] != nil {
            FileHandle.standardError.write(
                Data("tour: seed \(rng.seedDescription) \(kicks) kicks, length \(best)\n".utf8))
        }
    }
}
