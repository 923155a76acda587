/// Turn restrictions by node splitting: a junction where some turns are forbidden gets one
/// copy per restricted way of arriving, and that copy simply lacks the forbidden edges.
///
/// Why not an edge-based graph (OSRM's model)? Splitting touches only restricted junctions
/// (a few per thousand nodes), so the graph stays a node graph: Dijkstra, A*, the contraction
/// hierarchy, matrices, snapping and isochrones run unchanged and equally fast, where an
/// edge-based graph would double the nodes everywhere and change every search.
///
/// The state after a move is "which restriction prefix am I in": arriving along a restriction's
/// from-edge lands on the copy for that prefix; a via-way restriction continues through copies
/// for each longer prefix. Leaving a restricted state falls back to the state of the single edge
/// taken, so chains of via-node restrictions compose; overlapping via-way prefixes that start
/// in the middle of another restriction's path are not tracked (rare; documented in the README).
enum TurnRules {
    /// `path` = from-edge then via edges; at its end, `to` edges are forbidden (`only` false)
    /// or the only ones allowed (`only` true).
    struct Rule: Equatable {
        var path: [Int32]
        var to: [Int32]
        var only: Bool
    }

    private struct State {
        var node: Int32
        var at: Int32
        var forbidden: Set<Int32> = []
        var allowed: Set<Int32>?
    }

    /// The edges with restricted arrivals redirected to copies, and for each copy (numbered from
    /// `nodeCount` on) the node it copies.
    static func expand(nodeCount n: Int, edges: [(tail: Int32, head: Int32, cost: Cost)], rules: [Rule])
        -> (edges: [(tail: Int32, head: Int32, cost: Cost)], copyOf: [Int32])
    {
        var firstOut = [Int](repeating: 0, count: n + 1)
        for e in edges { firstOut[Int(e.tail) + 1] += 1 }
        for v in 0..<n { firstOut[v + 1] += firstOut[v] }
        var fill = firstOut
        var outEdge = [Int32](repeating: 0, count: edges.count)
        for (i, e) in edges.enumerated() { outEdge[fill[Int(e.tail)]] = Int32(i); fill[Int(e.tail)] += 1 }

        var states: [State] = []
        var stateOf: [[Int32]: Int] = [:]
        func state(_ prefix: [Int32]) -> Int {
            if let s = stateOf[prefix] { return s }
            states.append(State(node: Int32(n + states.count), at: edges[Int(prefix.last!)].head))
            stateOf[prefix] = states.count - 1
            return states.count - 1
        }
        for rule in rules {
            for i in rule.path.indices {
                let s = state(Array(rule.path[...i]))
                if i + 1 < rule.path.count {
                    // Inside a via path, an only_* restriction allows nothing but the path itself.
                    if rule.only { states[s].allowed = (states[s].allowed ?? []).union([rule.path[i + 1]]) }
                } else if rule.only {
                    states[s].allowed = (states[s].allowed ?? []).union(rule.to)
                } else {
                    states[s].forbidden.formUnion(rule.to)
                }
            }
        }
        func headAfter(_ prefix: [Int32], _ f: Int32) -> Int32 {
            if let s = stateOf[prefix + [f]] { return states[s].node }
            if let s = stateOf[[f]] { return states[s].node }
            return edges[Int(f)].head
        }
        var out = edges
        for i in out.indices { out[i].head = headAfter([], Int32(i)) }
        for (prefix, s) in stateOf.sorted(by: { $0.value < $1.value }) {
            let st = states[s]
            for slot in firstOut[Int(st.at)]..<firstOut[Int(st.at) + 1] {
                let f = outEdge[slot]
                if st.forbidden.contains(f) { continue }
                if let allowed = st.allowed, !allowed.contains(f) { continue }
                out.append((st.node, headAfter(prefix, f), edges[Int(f)].cost))
            }
        }
        return (out, states.map(\.at))
    }
}
