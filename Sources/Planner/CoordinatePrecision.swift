/// The precision classes of site coordinates (`exact-site (~100 m)` … `league (~150 km; league
/// seat)`), ordered by the distance they state, so a plan can say which of its points is coarsest.
public enum CoordinatePrecision {
    /// The distance a class states, in km (`~100 m` → 0.1, `>10 km` → 10, `~30 km` → 30); nil
    /// for text that states none (an imported file's own words), which is never called coarse.
    public static func km(_ precision: String) -> Double? {
        guard let open = precision.firstIndex(where: { $0 == "~" || $0 == ">" }) else { return nil }
        let rest = precision[precision.index(after: open)...]
        let digits = rest.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(digits) else { return nil }
        let unit = rest.dropFirst(digits.count).drop { $0 == " " }
        return unit.hasPrefix("km") ? value : unit.hasPrefix("m") ? value / 1000 : nil
    }

    /// Whether a point is known only to a county or league seat (coarser than 10 km): the
    /// planner leaves such sites out unless asked, and does not sleep at them.
    public static func isCoarse(_ precision: String?) -> Bool { precision.flatMap(km).map { $0 > 10 } ?? false }

    /// Whether the point is the site's own (within about a kilometre).
    public static func isSiteLevel(_ precision: String) -> Bool { (km(precision) ?? 0) <= 1 }
}
