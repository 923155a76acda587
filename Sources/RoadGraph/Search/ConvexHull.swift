/// The convex hull of points (Andrew's monotone chain), counter-clockwise and closed, as
/// RFC 7946 wants an exterior ring. Used for reachability areas: honest about its limits
/// (it covers concave gaps between roads) and never misses a reached road.
public enum ConvexHull {
    public static func of(_ points: [(Double, Double)]) -> [(Double, Double)] {
        let p = points.sorted { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        guard p.count >= 3 else { return p }
        func cross(_ o: (Double, Double), _ a: (Double, Double), _ b: (Double, Double)) -> Double {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        }
        var lower: [(Double, Double)] = [], upper: [(Double, Double)] = []
        for q in p {
            while lower.count >= 2, cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
            lower.append(q)
        }
        for q in p.reversed() {
            while upper.count >= 2, cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
            upper.append(q)
        }
        let ring = Array(lower.dropLast()) + Array(upper.dropLast())
        return ring.count >= 3 ? ring + [ring[0]] : ring
    }
}
