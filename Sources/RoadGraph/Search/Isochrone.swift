import Foundation
import GeoCore
/// Isochrone polygons that follow the roads: the reached road segments (whole, and the part of
/// each frontier edge the remaining time covers) buffered by a stated distance, on a grid.
///
/// Each grid cell takes the earliest time of any reached road point within the buffer of it;
/// a band is the set of cells at or under its limit, traced into rings along cell edges. A
/// grid keeps every band valid by construction: where only two diagonal cells meet (the one
/// place cell-edge rings could touch themselves), one more cell is filled, so rings never share
/// a vertex, shells run counter-clockwise and holes clockwise, as RFC 7946 asks. Valhalla draws
/// its isochrones from a time grid too; we trace cell edges instead of interpolated contours so
/// validity never depends on floating-point luck.
public enum Isochrone {
    /// One band: polygons as rings of lon/lat (first = shell, rest = holes), closed.
    public struct Band: Sendable {
        public var limit: Int64
        public var polygons: [[[(Double, Double)]]]
        /// Area in square kilometres (cells counted, so exact for what is drawn).
        public var areaKm2: Double
    }

    /// A reached point of road with its travel time (µs).
    public struct Sample: Sendable {
        public var lon: Double
        public var lat: Double
        public var time: Int64
        public init(lon: Double, lat: Double, time: Int64) { self.lon = lon; self.lat = lat; self.time = time }
    }

    /// The buffer used when none is given: 1/50 of how far the reached road extends from its
    /// first point, between 25 m and 2 km. A city block stays out of a 3-minute drive; the
    /// grassland between two roads 2 km apart stays in a 90-minute one, a desert does not.
    public static func automaticBuffer(_ pieces: [(a: Sample, b: Sample)]) -> Double {
        guard let first = pieces.first?.a else { return 25 }
        var radius = 0.0
        for p in pieces {
            radius = max(radius, Distance.haversineMeters(first.lon, first.lat, p.b.lon, p.b.lat))
        }
        return min(2000, max(25, (radius / 50).rounded()))
    }

    /// Bands for each limit (ascending) from reached road pieces: `pieces` are straight
    /// segments `a → b` with the time at `a` and at `b` (only the reached part). The grid's
    /// cell is `bufferMeters / 2`, coarsened so the grid stays within `maxCells` a side.
    public static func bands(
        pieces: [(a: Sample, b: Sample)], limits: [Int64], bufferMeters: Double, maxCells: Int = 1500
    ) -> (bands: [Band], cellMeters: Double) {
        guard let first = pieces.first else { return (limits.map { Band(limit: $0, polygons: [], areaKm2: 0) }, 0) }
        let r = 6_371_008.8
        let lat0 = first.a.lat, lon0 = first.a.lon
        let kx = r * cos(lat0 * .pi / 180) * .pi / 180, ky = r * .pi / 180
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in pieces {
            for s in [p.a, p.b] {
                let x = (s.lon - lon0) * kx, y = (s.lat - lat0) * ky
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        let extent = max(maxX - minX, maxY - minY) + 2 * bufferMeters
        let cell = max(bufferMeters / 2, extent / Double(maxCells - 4), 1)
        let buffer = max(bufferMeters, cell)
        let originX = minX - buffer - cell, originY = minY - buffer - cell
        let cols = Int(((maxX - originX + buffer) / cell).rounded(.up)) + 2
        let rows = Int(((maxY - originY + buffer) / cell).rounded(.up)) + 2
        var time = [Int64](repeating: .max, count: cols * rows)
        let reach = Int((buffer / cell).rounded(.up))
        let reachSq = (buffer + cell / 2) * (buffer + cell / 2)
        for p in pieces {
            let ax = (p.a.lon - lon0) * kx - originX, ay = (p.a.lat - lat0) * ky - originY
            let bx = (p.b.lon - lon0) * kx - originX, by = (p.b.lat - lat0) * ky - originY
            let steps = max(1, Int((hypot(bx - ax, by - ay) / (cell / 2)).rounded(.up)))
            for k in 0...steps {
                let f = Double(k) / Double(steps)
                let x = ax + f * (bx - ax), y = ay + f * (by - ay)
                let t = p.a.time + Int64((Double(p.b.time - p.a.time) * f).rounded())
                let ci = Int(x / cell), cj = Int(y / cell)
                for j in max(0, cj - reach)...min(rows - 1, cj + reach) {
                    let dy = (Double(j) + 0.5) * cell - y
                    for i in max(0, ci - reach)...min(cols - 1, ci + reach) {
                        let dx = (Double(i) + 0.5) * cell - x
                        if dx * dx + dy * dy <= reachSq, t < time[j * cols + i] { time[j * cols + i] = t }
                    }
                }
            }
        }
        func toLonLat(_ vx: Int, _ vy: Int) -> (Double, Double) {
            (lon0 + (originX + Double(vx) * cell) / kx, lat0 + (originY + Double(vy) * cell) / ky)
        }
        var out: [Band] = []
        for limit in limits {
            var inside = time.map { $0 <= limit }
            fillSaddles(&inside, cols: cols, rows: rows)
            let rings = trace(inside, cols: cols, rows: rows)
            let count = inside.reduce(0) { $0 + ($1 ? 1 : 0) }
            let polygons = nest(rings).map { polygon in polygon.map { ring in ring.map { toLonLat($0.0, $0.1) } } }
            out.append(Band(limit: limit, polygons: polygons, areaKm2: Double(count) * cell * cell / 1e6))
        }
        return (out, cell)
    }

    /// Fills one outside cell of every 2×2 block whose inside cells touch only at a corner.
    static func fillSaddles(_ inside: inout [Bool], cols: Int, rows: Int) {
        var changed = true
        while changed {
            changed = false
            for j in 0..<(rows - 1) {
                for i in 0..<(cols - 1) {
                    let a = inside[j * cols + i], b = inside[j * cols + i + 1]
                    let c = inside[(j + 1) * cols + i], d = inside[(j + 1) * cols + i + 1]
                    if a && d && !b && !c { inside[j * cols + i + 1] = true; changed = true }
                    if b && c && !a && !d { inside[j * cols + i] = true; changed = true }
                }
            }
        }
    }

    /// Rings of cell-edge vertices with the inside on the left, straight runs merged.
    static func trace(_ inside: [Bool], cols: Int, rows: Int) -> [[(Int, Int)]] {
        let vcols = cols + 1
        var next = [Int32](repeating: -1, count: vcols * (rows + 1))
        @inline(__always) func isIn(_ i: Int, _ j: Int) -> Bool {
            i >= 0 && j >= 0 && i < cols && j < rows && inside[j * cols + i]
        }
        for j in 0..<rows {
            for i in 0..<cols where inside[j * cols + i] {
                if !isIn(i, j - 1) { next[j * vcols + i] = Int32(j * vcols + i + 1) }
                if !isIn(i + 1, j) { next[j * vcols + i + 1] = Int32((j + 1) * vcols + i + 1) }
                if !isIn(i, j + 1) { next[(j + 1) * vcols + i + 1] = Int32((j + 1) * vcols + i) }
                if !isIn(i - 1, j) { next[(j + 1) * vcols + i] = Int32(j * vcols + i) }
            }
        }
        var rings: [[(Int, Int)]] = []
        for start in next.indices where next[start] >= 0 {
            var ring: [(Int, Int)] = []
            var v = start
            while next[v] >= 0 {
                ring.append((v % vcols, v / vcols))
                let w = Int(next[v]); next[v] = -1; v = w
            }
            // Keep only corners: a vertex between two edges in the same direction is dropped.
            var corners: [(Int, Int)] = []
            for k in ring.indices {
                let p = ring[(k + ring.count - 1) % ring.count], q = ring[k], s = ring[(k + 1) % ring.count]
                if (q.0 - p.0) * (s.1 - q.1) != (q.1 - p.1) * (s.0 - q.0) { corners.append(q) }
            }
            corners.append(corners[0])
            rings.append(corners)
        }
        return rings
    }

    static func signedArea(_ ring: [(Int, Int)]) -> Double {
        var a = 0.0
        for (p, q) in zip(ring, ring.dropFirst()) { a += Double(p.0 * q.1 - q.0 * p.1) }
        return a / 2
    }

    /// Shells (counter-clockwise) each with the holes (clockwise) they enclose most tightly.
    static func nest(_ rings: [[(Int, Int)]]) -> [[[(Int, Int)]]] {
        let areas = rings.map(signedArea)
        let shells = rings.indices.filter { areas[$0] > 0 }.sorted { areas[$0] < areas[$1] }
        var polygons = shells.map { [rings[$0]] }
        let boxes = shells.map { s in
            rings[s].reduce((Int.max, Int.max, Int.min, Int.min)) { b, p in
                (min(b.0, p.0), min(b.1, p.1), max(b.2, p.0), max(b.3, p.1))
            }
        }
        for h in rings.indices where areas[h] < 0 {
            // Test the middle of the hole's first edge: it lies on no other ring (rings share no vertex).
            let p = rings[h][0], q = rings[h][1]
            let x = Double(p.0 + q.0) / 2, y = Double(p.1 + q.1) / 2
            for (k, s) in shells.enumerated() {
                let b = boxes[k]
                guard x > Double(b.0), x < Double(b.2), y > Double(b.1), y < Double(b.3), contains(rings[s], x, y)
                else { continue }
                polygons[k].append(rings[h])
                break
            }
        }
        return polygons.reversed() // largest first
    }

    static func contains(_ ring: [(Int, Int)], _ x: Double, _ y: Double) -> Bool {
        var inside = false
        for (p, q) in zip(ring, ring.dropFirst()) {
            let (x1, y1, x2, y2) = (Double(p.0), Double(p.1), Double(q.0), Double(q.1))
            if (y1 > y) != (y2 > y), x < x1 + (y - y1) * (x2 - x1) / (y2 - y1) { inside.toggle() }
        }
        return inside
    }
}
