import Dispatch
import Foundation

/// Contraction hierarchies (Geisberger et al. 2008): nodes are contracted one by one, least
/// important first, adding shortcuts that keep every shortest path; a query then only climbs.
///
/// Arcs are kept per node in two CSR sets, both pointing to higher-ranked nodes: `up` holds
/// `u → x` for the forward search, `down` holds `x → u` (stored at `u`) for the backward one.
public struct ContractionHierarchy: Sendable {
    public var rank: [Int32]
    public var up: ArcSet
    public var down: ArcSet

    /// Arcs in CSR form; `middle` is the node a shortcut skips, or -1 for a road edge.
    public struct ArcSet: Sendable {
        public var first: [Int32]
        public var head: [Int32]
        public var time: [Int64]
        public var length: [Int64]
        public var middle: [Int32]
        @inline(__always) func arcs(_ v: Int) -> Range<Int> { Int(first[v])..<Int(first[v + 1]) }
        @inline(__always) func cost(_ a: Int) -> Cost { Cost(time: time[a], length: length[a]) }
        public var count: Int { head.count }
    }

    public var shortcutCount: Int { up.middle.filter { $0 >= 0 }.count + down.middle.filter { $0 >= 0 }.count }

    /// Contracts `network`; `progress` gets (contracted, total) now and then.
    public static func build(_ network: RoadNetwork, progress: ((Int, Int) -> Void)? = nil) -> ContractionHierarchy {
        let builder = CHBuilder(network)
        return builder.run(progress: progress)
    }
}

private struct Arc { var other: Int32; var cost: Cost; var middle: Int32 }

/// The mutable state of one contraction run.
private final class CHBuilder: @unchecked Sendable {
    let n: Int
    var outArcs: [[Arc]]
    var inArcs: [[Arc]]
    var contracted: [Bool]
    var deleted: [Int32]
    var level: [Int32]
    var upLists: [[Arc]]
    var downLists: [[Arc]]

    init(_ g: RoadNetwork) {
        n = g.nodeCount
        outArcs = Array(repeating: [], count: n)
        inArcs = Array(repeating: [], count: n)
        contracted = Array(repeating: false, count: n)
        deleted = Array(repeating: 0, count: n)
        level = Array(repeating: 0, count: n)
        upLists = Array(repeating: [], count: n)
        downLists = Array(repeating: [], count: n)
        for u in 0..<n {
            for e in g.outEdges(u) {
                let v = Int(g.head[e])
                if v != u { addArc(u, v, g.cost(e), middle: -1) }
            }
        }
    }

    /// Adds `u → v` or lowers an existing one (parallel arcs collapse to the cheapest).
    func addArc(_ u: Int, _ v: Int, _ c: Cost, middle: Int32) {
        if let i = outArcs[u].firstIndex(where: { Int($0.other) == v }) {
            guard c < outArcs[u][i].cost else { return }
            outArcs[u][i].cost = c; outArcs[u][i].middle = middle
            let j = inArcs[v].firstIndex(where: { Int($0.other) == u })!
            inArcs[v][j].cost = c; inArcs[v][j].middle = middle
            return
        }
        outArcs[u].append(Arc(other: Int32(v), cost: c, middle: middle))
        inArcs[v].append(Arc(other: Int32(u), cost: c, middle: middle))
    }

    /// The shortcuts contracting `v` would need (witness searches bounded by `settleLimit`).
    func shortcuts(for v: Int, witness: WitnessSearch, settleLimit: Int) -> [(Int, Int, Cost)] {
        var result: [(Int, Int, Cost)] = []
        let outs = outArcs[v]
        guard !outs.isEmpty else { return result }
        for a in inArcs[v] {
            let u = Int(a.other)
            var maxCost = Cost.zero
            var any = false
            for b in outs where Int(b.other) != u {
                let via = a.cost + b.cost
                if maxCost < via { maxCost = via }
                any = true
            }
            guard any else { continue }
            witness.run(from: u, avoiding: v, maxCost: maxCost, settleLimit: settleLimit, arcs: outArcs)
            for b in outs where Int(b.other) != u {
                let w = Int(b.other)
                let via = a.cost + b.cost
                if via < witness.distance(w) { result.append((u, w, via)) }
            }
        }
        return result
    }

    func priority(_ v: Int, witness: WitnessSearch) -> Int64 {
        let added = shortcuts(for: v, witness: witness, settleLimit: 40).count
        let removed = inArcs[v].count + outArcs[v].count
        return Int64(2 * (added - removed)) + Int64(deleted[v]) + Int64(level[v])
    }

    func run(progress: ((Int, Int) -> Void)?) -> ContractionHierarchy {
        // Initial priorities on all cores: the graph is only read here.
        let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        nonisolated(unsafe) let prio = UnsafeMutableBufferPointer<Int64>.allocate(capacity: max(n, 1))
        defer { prio.deallocate() }
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let witness = WitnessSearch(count: n)
            var v = t
            while v < n { prio[v] = priority(v, witness: witness); v += threads }
        }
        var heap = MinHeap()
        for v in 0..<n { heap.push(.init(key: prio[v], tie: Int64(v), node: Int32(v))) }
        let witness = WitnessSearch(count: n)
        var rank = [Int32](repeating: 0, count: n)
        var next: Int32 = 0
        while let e = heap.pop() {
            let v = Int(e.node)
            // Lazy update: re-evaluate; if it got worse than the next candidate, requeue.
            let p = priority(v, witness: witness)
            if let top = heap.top, p > top.key {
                heap.push(.init(key: p, tie: Int64(v), node: Int32(v)))
                continue
            }
            let added = shortcuts(for: v, witness: witness, settleLimit: 500)
            upLists[v] = outArcs[v]
            downLists[v] = inArcs[v]
            for a in outArcs[v] {
                let w = Int(a.other)
                inArcs[w].removeAll { Int($0.other) == v }
                deleted[w] += 1; level[w] = max(level[w], level[v] + 1)
            }
            for a in inArcs[v] {
                let u = Int(a.other)
                outArcs[u].removeAll { Int($0.other) == v }
                deleted[u] += 1; level[u] = max(level[u], level[v] + 1)
            }
            outArcs[v] = []; inArcs[v] = []
            for (u, w, c) in added { addArc(u, w, c, middle: Int32(v)) }
            contracted[v] = true
            rank[v] = next
            next += 1
            if let progress, next % 50_000 == 0 { progress(Int(next), n) }
        }
        progress?(n, n)
        return ContractionHierarchy(rank: rank, up: pack(upLists), down: pack(downLists))
    }

    func pack(_ lists: [[Arc]]) -> ContractionHierarchy.ArcSet {
        var first = [Int32](repeating: 0, count: n + 1)
        for v in 0..<n { first[v + 1] = first[v] + Int32(lists[v].count) }
        let total = Int(first[n])
        var set = ContractionHierarchy.ArcSet(first: first, head: [], time: [], length: [], middle: [])
        set.head.reserveCapacity(total); set.time.reserveCapacity(total)
        set.length.reserveCapacity(total); set.middle.reserveCapacity(total)
        for list in lists {
            for a in list {
                set.head.append(a.other); set.time.append(a.cost.time); set.length.append(a.cost.length);
                set.middle.append(a.middle)
            }
        }
        return set
    }
}

/// A small Dijkstra over the not-yet-contracted graph that looks for paths avoiding one node.
private final class WitnessSearch {
    var dist: [Cost]
    var stamp: [UInt32]
    var current: UInt32 = 0
    var heap = MinHeap()

    init(count: Int) {
        dist = [Cost](repeating: .infinity, count: count)
        stamp = [UInt32](repeating: 0, count: count)
    }

    @inline(__always) func distance(_ v: Int) -> Cost { stamp[v] == current ? dist[v] : .infinity }

    func run(from source: Int, avoiding skip: Int, maxCost: Cost, settleLimit: Int, arcs: [[Arc]]) {
        current &+= 1
        if current == 0 { for i in stamp.indices { stamp[i] = 0 }; current = 1 }
        heap.removeAll()
        dist[source] = .zero; stamp[source] = current
        heap.push(.init(key: 0, tie: 0, node: Int32(source)))
        var settled = 0
        while let e = heap.pop() {
            let u = Int(e.node)
            let du = dist[u]
            guard du.time == e.key, du.length == e.tie else { continue }
            if maxCost < du { break }
            settled += 1
            if settled > settleLimit { break }
            for a in arcs[u] {
                let v = Int(a.other)
                if v == skip { continue }
                let dv = du + a.cost
                if dv < distance(v) {
                    dist[v] = dv; stamp[v] = current
                    heap.push(.init(key: dv.time, tie: dv.length, node: Int32(v)))
                }
            }
        }
    }
}
