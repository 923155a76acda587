/// A binary min-heap of (key, tie, node) with lazy deletion: stale entries are skipped on pop.
/// Cheaper than decrease-key on road graphs, where few nodes are pushed more than twice.
struct MinHeap {
    struct Entry { var key: Int64; var tie: Int64; var node: Int32 }
    private(set) var items: [Entry] = []

    var isEmpty: Bool { items.isEmpty }
    var top: Entry? { items.first }
    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    @inline(__always)
    static func less(_ a: Entry, _ b: Entry) -> Bool { a.key < b.key || (a.key == b.key && a.tie < b.tie) }

    mutating func push(_ e: Entry) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) >> 1
            guard MinHeap.less(e, items[p]) else { break }
            items[i] = items[p]
            i = p
        }
        items[i] = e
    }

    mutating func pop() -> Entry? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return first }
        var i = 0
        let n = items.count
        while true {
            var c = 2 * i + 1
            if c >= n { break }
            if c + 1 < n, MinHeap.less(items[c + 1], items[c]) { c += 1 }
            guard MinHeap.less(items[c], last) else { break }
            items[i] = items[c]
            i = c
        }
        items[i] = last
        return first
    }
}

/// Where a search starts or ends: a graph node and the cost between it and the actual point.
public struct Seed: Sendable, Equatable {
    public var node: Int
    public var cost: Cost
    public init(node: Int, cost: Cost) { self.node = node; self.cost = cost }
}

/// Per-node labels that reset in O(touched) between queries, so one workspace serves many.
struct Labels {
    var cost: [Cost]
    var parent: [Int32]
    var touched: [Int32] = []

    init(count: Int) {
        cost = [Cost](repeating: .infinity, count: count)
        parent = [Int32](repeating: -1, count: count)
    }

    mutating func reset() {
        for v in touched { cost[Int(v)] = .infinity; parent[Int(v)] = -1 }
        touched.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func set(_ v: Int, _ c: Cost, parent p: Int32) {
        if !cost[v].isFinite { touched.append(Int32(v)) }
        cost[v] = c
        parent[v] = p
    }
}

/// A found route: its cost and the graph nodes it passes, source side first.
public struct NodePath: Sendable {
    public var cost: Cost
    public var nodes: [Int]
}

/// Dijkstra's algorithm on the plain graph: the reference the other searches are tested against.
public final class DijkstraSearch {
    let network: RoadNetwork
    var labels: Labels
    var heap = MinHeap()

    public init(_ network: RoadNetwork) {
        self.network = network
        labels = Labels(count: network.nodeCount)
    }

    /// The cheapest route from any source seed to any target seed.
    public func route(from sources: [Seed], to targets: [Seed]) -> NodePath? {
        labels.reset(); heap.removeAll()
        var targetCost = [Int: Cost]()
        for t in targets where t.cost < (targetCost[t.node] ?? .infinity) { targetCost[t.node] = t.cost }
        for s in sources where s.cost < labels.cost[s.node] {
            labels.set(s.node, s.cost, parent: -1)
            heap.push(.init(key: s.cost.time, tie: s.cost.length, node: Int32(s.node)))
        }
        var best = Cost.infinity
        var bestNode = -1
        while let e = heap.pop() {
            let u = Int(e.node)
            let du = labels.cost[u]
            guard du.time == e.key, du.length == e.tie else { continue }
            if !(du < best) { break }
            if let extra = targetCost[u], du + extra < best { best = du + extra; bestNode = u }
            for edge in network.outEdges(u) {
                let v = Int(network.head[edge])
                let dv = du + network.cost(edge)
                if dv < labels.cost[v] {
                    labels.set(v, dv, parent: Int32(edge))
                    heap.push(.init(key: dv.time, tie: dv.length, node: Int32(v)))
                }
            }
        }
        guard bestNode >= 0 else { return nil }
        var nodes = [bestNode]
        var v = bestNode
        while labels.parent[v] >= 0 {
            let edge = Int(labels.parent[v])
            v = Int(network.inTailOfEdge(edge))
            nodes.append(v)
        }
        return NodePath(cost: best, nodes: nodes.reversed())
    }

    /// Every node reachable within `limit` microseconds, with its cost (for isochrones).
    public func reach(from sources: [Seed], limit: Int64) -> [(node: Int, cost: Cost)] {
        labels.reset(); heap.removeAll()
        for s in sources where s.cost < labels.cost[s.node] && s.cost.time <= limit {
            labels.set(s.node, s.cost, parent: -1)
            heap.push(.init(key: s.cost.time, tie: s.cost.length, node: Int32(s.node)))
        }
        var settled: [(Int, Cost)] = []
        while let e = heap.pop() {
            let u = Int(e.node)
            let du = labels.cost[u]
            guard du.time == e.key, du.length == e.tie else { continue }
            settled.append((u, du))
            for edge in network.outEdges(u) {
                let v = Int(network.head[edge])
                let dv = du + network.cost(edge)
                if dv.time <= limit, dv < labels.cost[v] {
                    labels.set(v, dv, parent: Int32(edge))
                    heap.push(.init(key: dv.time, tie: dv.length, node: Int32(v)))
                }
            }
        }
        return settled
    }
}

extension RoadNetwork {
    /// The tail of forward edge `e` (binary search on `firstOut`).
    func inTailOfEdge(_ e: Int) -> Int32 {
        var lo = 0, hi = nodeCount
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(firstOut[mid + 1]) <= e { lo = mid + 1 } else { hi = mid }
        }
        return Int32(lo)
    }
}
