/// Point-to-point and many-to-many queries on a `ContractionHierarchy`.
///
/// Both searches only climb; stall-on-demand skips nodes that a higher neighbour already
/// reaches more cheaply (their labels cannot lie on a shortest path).
public final class CHQuery {
    let ch: ContractionHierarchy
    var fwd: Side
    var bwd: Side

    struct Side {
        var cost: [Cost]
        var parentArc: [Int32]
        var parentNode: [Int32]
        var touched: [Int32] = []
        var heap = MinHeap()

        init(count: Int) {
            cost = [Cost](repeating: .infinity, count: count)
            parentArc = [Int32](repeating: -1, count: count)
            parentNode = [Int32](repeating: -1, count: count)
        }
        mutating func reset() {
            for v in touched { cost[Int(v)] = .infinity; parentArc[Int(v)] = -1; parentNode[Int(v)] = -1 }
            touched.removeAll(keepingCapacity: true)
            heap.removeAll()
        }
        @inline(__always) mutating func set(_ v: Int, _ c: Cost, arc: Int32, from: Int32) {
            if !cost[v].isFinite { touched.append(Int32(v)) }
            cost[v] = c; parentArc[v] = arc; parentNode[v] = from
        }
        mutating func seed(_ seeds: [Seed]) {
            for s in seeds where s.cost < cost[s.node] {
                set(s.node, s.cost, arc: -1, from: -1)
                heap.push(.init(key: s.cost.time, tie: s.cost.length, node: Int32(s.node)))
            }
        }
        /// Pops the next live entry, or nil when the heap is exhausted.
        @inline(__always) mutating func popLive() -> (Int, Cost)? {
            while let e = heap.pop() {
                let u = Int(e.node)
                if cost[u].time == e.key, cost[u].length == e.tie { return (u, cost[u]) }
            }
            return nil
        }
    }

    public init(_ ch: ContractionHierarchy) {
        self.ch = ch
        fwd = Side(count: ch.rank.count)
        bwd = Side(count: ch.rank.count)
    }

    /// One search step: settle `u` at `du` on `arcs`, unless a higher node stalls it.
    @inline(__always)
    static func scan(
        _ side: inout Side, _ u: Int, _ du: Cost, arcs: ContractionHierarchy.ArcSet,
        stallArcs: ContractionHierarchy.ArcSet
    ) -> Bool {
        for a in stallArcs.arcs(u) {
            let x = Int(stallArcs.head[a])
            if side.cost[x].isFinite, side.cost[x] + stallArcs.cost(a) < du { return false }
        }
        for a in arcs.arcs(u) {
            let v = Int(arcs.head[a])
            let dv = du + arcs.cost(a)
            if dv < side.cost[v] {
                side.set(v, dv, arc: Int32(a), from: Int32(u))
                side.heap.push(.init(key: dv.time, tie: dv.length, node: Int32(v)))
            }
        }
        return true
    }

    public func route(from sources: [Seed], to targets: [Seed]) -> NodePath? {
        fwd.reset(); bwd.reset()
        fwd.seed(sources); bwd.seed(targets)
        var best = Cost.infinity
        var meet = -1
        var forwardDone = false, backwardDone = false
        var turn = true
        while !(forwardDone && backwardDone) {
            if turn && !forwardDone || backwardDone {
                if let (u, du) = fwd.popLive(), du < best {
                    if bwd.cost[u].isFinite, du + bwd.cost[u] < best { best = du + bwd.cost[u]; meet = u }
                    _ = CHQuery.scan(&fwd, u, du, arcs: ch.up, stallArcs: ch.down)
                } else {
                    forwardDone = true
                }
            } else {
                if let (u, du) = bwd.popLive(), du < best {
                    if fwd.cost[u].isFinite, du + fwd.cost[u] < best { best = du + fwd.cost[u]; meet = u }
                    _ = CHQuery.scan(&bwd, u, du, arcs: ch.down, stallArcs: ch.up)
                } else {
                    backwardDone = true
                }
            }
            turn.toggle()
        }
        guard meet >= 0 else { return nil }
        var nodes: [Int] = [meet]
        // Forward half: arcs u → x in `up`, walked back from the meeting node.
        var v = meet
        var forwardArcs: [(Int, Int)] = []
        while fwd.parentArc[v] >= 0 {
            let u = Int(fwd.parentNode[v]); forwardArcs.append((u, Int(fwd.parentArc[v]))); v = u
        }
        nodes = [v]
        for (u, a) in forwardArcs.reversed() {
            unpack(from: u, to: Int(ch.up.head[a]), middle: Int(ch.up.middle[a]), into: &nodes)
        }
        v = meet
        while bwd.parentArc[v] >= 0 {
            let w = Int(bwd.parentNode[v]) // arc v → w, stored at w in `down` (head v)
            let a = Int(bwd.parentArc[v])
            unpack(from: v, to: w, middle: Int(ch.down.middle[a]), into: &nodes)
            v = w
        }
        return NodePath(cost: best, nodes: nodes)
    }

    /// Appends the road nodes of arc `a → b` (excluding `a`) to `nodes`.
    private func unpack(from a: Int, to b: Int, middle: Int, into nodes: inout [Int]) {
        if middle < 0 { nodes.append(b); return }
        let (m1, _) = arcMiddle(a, middle)
        unpack(from: a, to: middle, middle: m1, into: &nodes)
        let (m2, _) = arcMiddle(middle, b)
        unpack(from: middle, to: b, middle: m2, into: &nodes)
    }

    /// The cheapest arc `a → b` in the hierarchy: its middle node and cost.
    private func arcMiddle(_ a: Int, _ b: Int) -> (Int, Cost) {
        var best: (Int, Cost) = (-1, .infinity)
        if ch.rank[b] > ch.rank[a] {
            for x in ch.up.arcs(a) where Int(ch.up.head[x]) == b && ch.up.cost(x) < best.1 {
                best = (Int(ch.up.middle[x]), ch.up.cost(x))
            }
        } else {
            for x in ch.down.arcs(b) where Int(ch.down.head[x]) == a && ch.down.cost(x) < best.1 {
                best = (Int(ch.down.middle[x]), ch.down.cost(x))
            }
        }
        precondition(best.1.isFinite, "contraction hierarchy is missing arc \(a)→\(b)")
        return best
    }

    /// Costs from every source to every target (bucket-based many-to-many, Knopp et al. 2007).
    /// `nil` entries have no route.
    public func matrix(sources: [[Seed]], targets: [[Seed]]) -> [[Cost?]] {
        // Backward searches leave (target, cost) in buckets at the nodes they settle.
        var bucketEntries: [(node: Int32, target: Int32, cost: Cost)] = []
        for (t, seeds) in targets.enumerated() {
            bwd.reset(); bwd.seed(seeds)
            while let (u, du) = bwd.popLive() {
                if CHQuery.scan(&bwd, u, du, arcs: ch.down, stallArcs: ch.up) {
                    bucketEntries.append((Int32(u), Int32(t), du))
                }
            }
        }
        let n = ch.rank.count
        var start = [Int32](repeating: 0, count: n + 1)
        for e in bucketEntries { start[Int(e.node) + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        var fill = start
        var bucketTarget = [Int32](repeating: 0, count: bucketEntries.count)
        var bucketCost = [Cost](repeating: .zero, count: bucketEntries.count)
        for e in bucketEntries {
            let slot = Int(fill[Int(e.node)]); fill[Int(e.node)] += 1
            bucketTarget[slot] = e.target; bucketCost[slot] = e.cost
        }
        var result = [[Cost?]](repeating: [Cost?](repeating: nil, count: targets.count), count: sources.count)
        var row = [Cost](repeating: .infinity, count: targets.count)
        for (s, seeds) in sources.enumerated() {
            for i in row.indices { row[i] = .infinity }
            fwd.reset(); fwd.seed(seeds)
            while let (u, du) = fwd.popLive() {
                guard CHQuery.scan(&fwd, u, du, arcs: ch.up, stallArcs: ch.down) else { continue }
                for slot in Int(start[u])..<Int(start[u + 1]) {
                    let c = du + bucketCost[slot]
                    let t = Int(bucketTarget[slot])
                    if c < row[t] { row[t] = c }
                }
            }
            result[s] = row.map { $0.isFinite ? $0 : nil }
        }
        return result
    }
}
