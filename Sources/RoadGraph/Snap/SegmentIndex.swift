import Foundation
import GeoCore

/// A packed Hilbert R-tree over the road segments, for snapping points onto the nearest edge.
///
/// Segments are sorted along a Hilbert curve and grouped 16 at a time, level by level, so the
/// tree is three flat arrays per level (no pointers) and is built in one sort.
public struct SegmentIndex: Sendable {
    public static let fanout = 16
    /// Each indexed segment is edge `tail → head` of the network (one per undirected pair).
    public var segmentTail: [Int32]
    public var segmentHead: [Int32]
    /// Boxes per level, level 0 = the segments themselves; 4 Doubles each (minLon, minLat, maxLon, maxLat).
    public var levels: [[Double]]

    public init(network g: RoadNetwork) {
        var tails: [Int32] = [], heads: [Int32] = []
        var seenCopyPairs = Set<UInt64>()
        for u in 0..<g.nodeCount {
            for e in g.outEdges(u) {
                let v = Int(g.head[e])
                let bu = g.base(u), bv = g.base(v)
                if bu == bv { continue }
                if u < g.baseNodeCount && v < g.baseNodeCount {
                    // Index each road once: u < v, or a one-way edge whose reverse does not exist.
                    if u < v || g.edge(from: v, to: u) == nil { tails.append(Int32(u)); heads.append(Int32(v)) }
                } else if g.edge(from: bu, to: bv) == nil, g.edge(from: bv, to: bu) == nil {
                    // A road whose ends are copies (turn restriction, barrier): once, between the base nodes.
                    let key = UInt64(min(bu, bv)) << 32 | UInt64(max(bu, bv))
                    if seenCopyPairs.insert(key).inserted { tails.append(Int32(bu)); heads.append(Int32(bv)) }
                }
            }
        }
        var keyed: [(UInt64, Int)] = []
        keyed.reserveCapacity(tails.count)
        for i in tails.indices {
            let a = Int(tails[i]), b = Int(heads[i])
            let x = (g.longitudes[a] + g.longitudes[b]) / 2, y = (g.latitudes[a] + g.latitudes[b]) / 2
            keyed.append((SegmentIndex.hilbert(x: (x + 180) / 360, y: (y + 90) / 180), i))
        }
        keyed.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        segmentTail = keyed.map { tails[$0.1] }
        segmentHead = keyed.map { heads[$0.1] }
        var level0 = [Double]()
        level0.reserveCapacity(keyed.count * 4)
        for i in segmentTail.indices {
            let a = Int(segmentTail[i]), b = Int(segmentHead[i])
            level0 += [
                min(g.longitudes[a], g.longitudes[b]), min(g.latitudes[a], g.latitudes[b]),
                max(g.longitudes[a], g.longitudes[b]), max(g.latitudes[a], g.latitudes[b])
            ]
        }
        levels = [level0]
        while levels.last!.count > 4 {
            let below = levels.last!
            let count = below.count / 4
            var above = [Double]()
            var i = 0
            while i < count {
                let end = min(i + SegmentIndex.fanout, count)
                var box = [Double.infinity, .infinity, -Double.infinity, -Double.infinity]
                for j in i..<end {
                    box[0] = min(box[0], below[4 * j]); box[1] = min(box[1], below[4 * j + 1])
                    box[2] = max(box[2], below[4 * j + 2]); box[3] = max(box[3], below[4 * j + 3])
                }
                above += box
                i = end
            }
            levels.append(above)
        }
    }

    init(segmentTail: [Int32], segmentHead: [Int32], levels: [[Double]]) {
        self.segmentTail = segmentTail; self.segmentHead = segmentHead; self.levels = levels
    }

    /// A point's projection onto its nearest segment.
    public struct Snap: Sendable {
        public var tail: Int
        public var head: Int
        /// Position along `tail → head`, 0…1.
        public var fraction: Double
        public var longitude: Double
        public var latitude: Double
        /// Haversine metres from the query point to the snapped point.
        public var distance: Double
    }

    /// The nearest segment to (lon, lat): best-first search, boxes measured in a local
    /// equirectangular frame around the query (exact enough at snapping distances).
    public func nearest(longitude lon: Double, latitude lat: Double, in g: RoadNetwork) -> Snap? {
        guard !segmentTail.isEmpty else { return nil }
        let kx = cos(lat * .pi / 180) * 111_319.49, ky = 110_574.0
        func boxDistance(_ box: [Double], _ i: Int) -> Double {
            let dx = max(box[4 * i] - lon, 0, lon - box[4 * i + 2]) * kx
            let dy = max(box[4 * i + 1] - lat, 0, lat - box[4 * i + 3]) * ky
            return (dx * dx + dy * dy).squareRoot()
        }
        var heap = MinHeap()
        let top = levels.count - 1
        // Entries encode (level, index) in `node`/`tie`: tie = level, node = index.
        for i in 0..<levels[top].count / 4 {
            heap.push(.init(key: Int64(boxDistance(levels[top], i) * 1000), tie: Int64(top), node: Int32(i)))
        }
        var best: (d: Double, seg: Int, t: Double) = (.infinity, -1, 0)
        while let e = heap.pop() {
            if Double(e.key) / 1000 > best.d + 0.001 { break }
            let level = Int(e.tie), index = Int(e.node)
            if level == 0 {
                let a = Int(segmentTail[index]), b = Int(segmentHead[index])
                let ax = (g.longitudes[a] - lon) * kx, ay = (g.latitudes[a] - lat) * ky
                let bx = (g.longitudes[b] - lon) * kx, by = (g.latitudes[b] - lat) * ky
                let dx = bx - ax, dy = by - ay
                let len2 = dx * dx + dy * dy
                let t = len2 > 0 ? min(1, max(0, -(ax * dx + ay * dy) / len2)) : 0
                let px = ax + t * dx, py = ay + t * dy
                let d = (px * px + py * py).squareRoot()
                if d < best.d || (d == best.d && index < best.seg) { best = (d, index, t) }
                continue
            }
            let lower = levels[level - 1]
            let start = index * SegmentIndex.fanout
            for j in start..<min(start + SegmentIndex.fanout, lower.count / 4) {
                heap.push(.init(key: Int64(boxDistance(lower, j) * 1000), tie: Int64(level - 1), node: Int32(j)))
            }
        }
        guard best.seg >= 0 else { return nil }
        let a = Int(segmentTail[best.seg]), b = Int(segmentHead[best.seg])
        let plon = g.longitudes[a] + best.t * (g.longitudes[b] - g.longitudes[a])
        let plat = g.latitudes[a] + best.t * (g.latitudes[b] - g.latitudes[a])
        return Snap(
            tail: a, head: b, fraction: best.t, longitude: plon, latitude: plat,
            distance: Distance.haversineMeters(lon, lat, plon, plat))
    }

    /// Position along a Hilbert curve of order 16 for x, y in 0…1.
    static func hilbert(x: Double, y: Double) -> UInt64 {
        let n: UInt64 = 1 << 16
        var xi = UInt64(max(0, min(Double(n - 1), x * Double(n))))
        var yi = UInt64(max(0, min(Double(n - 1), y * Double(n))))
        var d: UInt64 = 0
        var s = n / 2
        while s > 0 {
            let rx: UInt64 = (xi & s) > 0 ? 1 : 0
            let ry: UInt64 = (yi & s) > 0 ? 1 : 0
            d += s * s * ((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 { xi = n &- 1 &- xi; yi = n &- 1 &- yi }
                swap(&xi, &yi)
            }
            s /= 2
        }
        return d
    }
}
