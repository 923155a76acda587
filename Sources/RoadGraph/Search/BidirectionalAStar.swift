import GeoCore
/// Bidirectional A* with average potentials (Ikeda et al.): both searches share one consistent
/// heuristic, so the search may stop as soon as the two frontiers' keys pass the best route.
///
/// Potentials are whole microseconds, `⌊0.95 · haversine / fastest speed⌋`, doubled keys keep
/// them integral; the 5 % margin absorbs rounding so reduced costs are never negative.
public final class BidirectionalAStar {
    let network: RoadNetwork
    var forward: Labels
    var backward: Labels
    var heapF = MinHeap()
    var heapB = MinHeap()
    var settledF: [Bool]
    var settledB: [Bool]
    var touchedSettled: [Int32] = []

    public init(_ network: RoadNetwork) {
        self.network = network
        forward = Labels(count: network.nodeCount)
        backward = Labels(count: network.nodeCount)
        settledF = [Bool](repeating: false, count: network.nodeCount)
        settledB = settledF
    }

    public func route(from sources: [Seed], to targets: [Seed]) -> NodePath? {
        forward.reset(); backward.reset(); heapF.removeAll(); heapB.removeAll()
        for v in touchedSettled { settledF[Int(v)] = false; settledB[Int(v)] = false }
        touchedSettled.removeAll(keepingCapacity: true)
        guard let s0 = sources.first, let t0 = targets.first else { return nil }
        let n = network
        let sLon = n.longitudes[s0.node], sLat = n.latitudes[s0.node]
        let tLon = n.longitudes[t0.node], tLat = n.latitudes[t0.node]
        let scale = n.maxSpeed > 0 ? 0.95 / (n.maxSpeed * 1e6) : 0 // metres → µs, per µm/µs speed
        @inline(__always) func pot(_ v: Int) -> Int64 {
            // πt(v) − πs(v): forward key = 2·d + pot, backward key = 2·d − pot.
            let ht = Distance.haversineMeters(n.longitudes[v], n.latitudes[v], tLon, tLat) * 1e6 * scale
            let hs = Distance.haversineMeters(n.longitudes[v], n.latitudes[v], sLon, sLat) * 1e6 * scale
            return Int64(ht.rounded(.down)) - Int64(hs.rounded(.down))
        }
        for s in sources where s.cost < forward.cost[s.node] {
            forward.set(s.node, s.cost, parent: -1)
            heapF.push(.init(key: 2 * s.cost.time + pot(s.node), tie: s.cost.length, node: Int32(s.node)))
        }
        for t in targets where t.cost < backward.cost[t.node] {
            backward.set(t.node, t.cost, parent: -1)
            heapB.push(.init(key: 2 * t.cost.time - pot(t.node), tie: t.cost.length, node: Int32(t.node)))
        }
        var best = Cost.infinity
        var meet = -1
        for s in sources where backward.cost[s.node].isFinite {
            let c = forward.cost[s.node] + backward.cost[s.node]
            if c < best { best = c; meet = s.node }
        }
        while true {
            // Drop stale tops so the stopping test sees real keys.
            while let e = heapF.top,
                forward.cost[Int(e.node)].length != e.tie
                    || 2 * forward.cost[Int(e.node)].time + pot(Int(e.node)) != e.key || settledF[Int(e.node)]
            { _ = heapF.pop() }
            while let e = heapB.top,
                backward.cost[Int(e.node)].length != e.tie
                    || 2 * backward.cost[Int(e.node)].time - pot(Int(e.node)) != e.key || settledB[Int(e.node)]
            { _ = heapB.pop() }
            guard let f = heapF.top, let b = heapB.top else { break }
            if best.isFinite, f.key + b.key > 2 * best.time { break }
            let useForward = heapF.items.count <= heapB.items.count
            if useForward {
                let u = Int(heapF.pop()!.node)
                settledF[u] = true; touchedSettled.append(Int32(u))
                let du = forward.cost[u]
                for edge in n.outEdges(u) {
                    let v = Int(n.head[edge])
                    let dv = du + n.cost(edge)
                    if dv < forward.cost[v] {
                        forward.set(v, dv, parent: Int32(edge))
                        heapF.push(.init(key: 2 * dv.time + pot(v), tie: dv.length, node: Int32(v)))
                    }
                    if backward.cost[v].isFinite, forward.cost[v] + backward.cost[v] < best {
                        best = forward.cost[v] + backward.cost[v]; meet = v
                    }
                }
            } else {
                let u = Int(heapB.pop()!.node)
                settledB[u] = true; touchedSettled.append(Int32(u))
                let du = backward.cost[u]
                for slot in n.inEdges(u) {
                    let v = Int(n.inTail[slot])
                    let edge = Int(n.inEdge[slot])
                    let dv = du + n.cost(edge)
                    if dv < backward.cost[v] {
                        backward.set(v, dv, parent: Int32(edge))
                        heapB.push(.init(key: 2 * dv.time - pot(v), tie: dv.length, node: Int32(v)))
                    }
                    if forward.cost[v].isFinite, forward.cost[v] + backward.cost[v] < best {
                        best = forward.cost[v] + backward.cost[v]; meet = v
                    }
                }
            }
        }
        guard meet >= 0 else { return nil }
        var nodes: [Int] = [meet]
        var v = meet
        while forward.parent[v] >= 0 { v = Int(n.inTailOfEdge(Int(forward.parent[v]))); nodes.append(v) }
        nodes.reverse()
        v = meet
        while backward.parent[v] >= 0 { v = Int(n.head[Int(backward.parent[v])]); nodes.append(v) }
        return NodePath(cost: best, nodes: nodes)
    }
}
