import Foundation

/// A path cost compared lexicographically: travel time first, then length (docs/car-profile.md §6).
///
/// Both are integers (microseconds, micrometres) so that sums are exact and equal routes tie
/// exactly whatever order a search adds them in; rounding is below 1 µs and 1 µm per segment.
public struct Cost: Comparable, Hashable, Sendable {
    public var time: Int64
    public var length: Int64

    public static let zero = Cost(time: 0, length: 0)
    public static let infinity = Cost(time: .max, length: .max)

    @inline(__always) public init(time: Int64, length: Int64) { self.time = time; self.length = length }

    @inline(__always)
    public static func < (a: Cost, b: Cost) -> Bool { a.time < b.time || (a.time == b.time && a.length < b.length) }

    @inline(__always)
    public static func + (a: Cost, b: Cost) -> Cost { Cost(time: a.time &+ b.time, length: a.length &+ b.length) }

    public var seconds: Double { Double(time) / 1e6 }
    public var meters: Double { Double(length) / 1e6 }
    public var isFinite: Bool { time != .max }
}

/// A directed road graph for one profile, in compressed-sparse-row arrays.
///
/// Every OSM segment is one edge (no chain merging), so an edge's geometry is the straight line
/// between its nodes and snapping works on edges directly. Parallel edges are kept.
///
/// Nodes `0..<baseNodeCount` are the OSM nodes, sorted by id. Nodes after them are copies of a
/// base node at the same place (`copyOf`): one per restricted way of arriving at a junction
/// (see `TurnRules`), or one per road end at a barrier that blocks the profile.
public struct RoadNetwork: Sendable {
    public var profile: String
    public var osmIDs: [Int64]
    public var longitudes: [Double]
    public var latitudes: [Double]
    /// Outgoing edges of node `v` are `firstOut[v] ..< firstOut[v+1]`.
    public var firstOut: [Int32]
    public var head: [Int32]
    public var time: [Int64]
    public var length: [Int64]
    /// Incoming edges of `v`: `firstIn[v] ..< firstIn[v+1]`, each naming its tail and its forward edge.
    public var firstIn: [Int32]
    public var inTail: [Int32]
    public var inEdge: [Int32]
    /// The fastest speed anywhere in the graph, in metres per microsecond (A*'s bound).
    public var maxSpeed: Double
    public var baseNodeCount: Int
    /// For node `baseNodeCount + i`, the base node it copies.
    public var copyOf: [Int32]
    /// The copies of each base node that has any.
    let copies: [Int32: [Int32]]

    static func copies(_ copyOf: [Int32], base: Int) -> [Int32: [Int32]] {
        var map: [Int32: [Int32]] = [:]
        for (i, b) in copyOf.enumerated() { map[b, default: []].append(Int32(base + i)) }
        return map
    }

    /// The OSM node a graph node stands for.
    @inline(__always) public func base(_ v: Int) -> Int { v < baseNodeCount ? v : Int(copyOf[v - baseNodeCount]) }
    /// A base node and all its copies.
    public func variants(_ v: Int) -> [Int] { [v] + (copies[Int32(v)] ?? []).map(Int.init) }

    public var nodeCount: Int { osmIDs.count }
    public var edgeCount: Int { head.count }

    @inline(__always) public func cost(_ e: Int) -> Cost { Cost(time: time[e], length: length[e]) }
    @inline(__always) public func outEdges(_ v: Int) -> Range<Int> { Int(firstOut[v])..<Int(firstOut[v + 1]) }
    @inline(__always) public func inEdges(_ v: Int) -> Range<Int> { Int(firstIn[v])..<Int(firstIn[v + 1]) }

    /// Builds the CSR arrays from directed edges `(tail, head, cost)` on nodes `0..<n`.
    init(
        profile: String, osmIDs: [Int64], longitudes: [Double], latitudes: [Double],
        edges: [(tail: Int32, head: Int32, cost: Cost)], baseNodeCount: Int? = nil, copyOf: [Int32] = []
    ) {
        self.baseNodeCount = baseNodeCount ?? osmIDs.count
        self.copyOf = copyOf
        self.copies = RoadNetwork.copies(copyOf, base: baseNodeCount ?? osmIDs.count)
        self.profile = profile
        self.osmIDs = osmIDs
        self.longitudes = longitudes
        self.latitudes = latitudes
        let n = osmIDs.count
        // Counting sort by tail: linear, and stable, so equal inputs give equal graphs.
        var firstOut = [Int32](repeating: 0, count: n + 1)
        for e in edges { firstOut[Int(e.tail) + 1] += 1 }
        for v in 0..<n { firstOut[v + 1] += firstOut[v] }
        var slotOf = firstOut
        var head = [Int32](repeating: 0, count: edges.count)
        var time = [Int64](repeating: 0, count: edges.count)
        var length = [Int64](repeating: 0, count: edges.count)
        var sorted = [(tail: Int32, head: Int32, cost: Cost)](repeating: (0, 0, .zero), count: edges.count)
        for e in edges {
            let slot = Int(slotOf[Int(e.tail)]); slotOf[Int(e.tail)] += 1
            head[slot] = e.head; time[slot] = e.cost.time; length[slot] = e.cost.length
            sorted[slot] = e
        }
        self.firstOut = firstOut
        self.head = head
        self.time = time
        self.length = length
        var firstIn = [Int32](repeating: 0, count: n + 1)
        for e in sorted { firstIn[Int(e.head) + 1] += 1 }
        for v in 0..<n { firstIn[v + 1] += firstIn[v] }
        var fill = firstIn
        var inTail = [Int32](repeating: 0, count: sorted.count)
        var inEdge = [Int32](repeating: 0, count: sorted.count)
        for (i, e) in sorted.enumerated() {
            let slot = Int(fill[Int(e.head)]); fill[Int(e.head)] += 1
            inTail[slot] = e.tail
            inEdge[slot] = Int32(i)
        }
        self.firstIn = firstIn
        self.inTail = inTail
        self.inEdge = inEdge
        var best = 0.0
        for e in sorted where e.cost.time > 0 { best = max(best, Double(e.cost.length) / 1e6 / Double(e.cost.time)) }
        maxSpeed = best
    }

    init(
        profile: String, osmIDs: [Int64], longitudes: [Double], latitudes: [Double], firstOut: [Int32], head: [Int32],
        time: [Int64], length: [Int64], firstIn: [Int32], inTail: [Int32], inEdge: [Int32], maxSpeed: Double,
        baseNodeCount: Int, copyOf: [Int32]
    ) {
        self.baseNodeCount = baseNodeCount; self.copyOf = copyOf
        self.copies = RoadNetwork.copies(copyOf, base: baseNodeCount)
        self.profile = profile; self.osmIDs = osmIDs; self.longitudes = longitudes; self.latitudes = latitudes
        self.firstOut = firstOut; self.head = head; self.time = time; self.length = length
        self.firstIn = firstIn; self.inTail = inTail; self.inEdge = inEdge; self.maxSpeed = maxSpeed
    }

    /// The node with this OSM id, if it is in the graph (base ids are sorted ascending).
    public func node(osmID: Int64) -> Int? {
        var lo = 0, hi = baseNodeCount
        while lo < hi { let mid = (lo + hi) >> 1; if osmIDs[mid] < osmID { lo = mid + 1 } else { hi = mid } }
        return lo < baseNodeCount && osmIDs[lo] == osmID ? lo : nil
    }

    /// Edges from any variant of base node `u` to any variant of base node `v`.
    public func edges(fromBase u: Int, toBase v: Int) -> [Int] {
        var out: [Int] = []
        for x in variants(u) { for e in outEdges(x) where base(Int(head[e])) == v { out.append(e) } }
        return out
    }

    /// The cheapest edge between the places of base nodes `u` and `v`, if any.
    public func baseEdge(from u: Int, to v: Int) -> Int? {
        edges(fromBase: u, toBase: v).min { cost($0) < cost($1) }
    }

    /// The cheapest edge `u → v`, if any.
    public func edge(from u: Int, to v: Int) -> Int? {
        var best: Int?
        for e in outEdges(u) where Int(head[e]) == v { if best == nil || cost(e) < cost(best!) { best = e } }
        return best
    }
}
