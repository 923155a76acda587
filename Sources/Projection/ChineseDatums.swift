import Foundation

/// GCJ-02 and BD-09, the datums of Chinese web maps (Amap, Tencent, Baidu), which PROJ does not know.
///
/// Forward (WGS 84 → GCJ-02 → BD-09) is the public closed-form algorithm. The inverses have no
/// closed form and are solved by fixed-point iteration until the forward of the answer matches
/// the input to 1e-12°, far below the 1e-9° the project promises.
///
/// **Outside China.** "China" is the rectangle lon 72.004–137.8347, lat 0.8293–55.8271 (bounds
/// inclusive) used by prcoords, eviltransform, coord-convert and gcoord. Outside it every function
/// here returns its input unchanged — GCJ-02 equals WGS 84 there, and BD-09 does too, because
/// Baidu's maps use WGS 84 abroad. The test is made on the value handed in (the GCJ-02 or BD-09
/// value when inverting), as those libraries do. The box is coarse (it holds all of Mongolia),
/// which matters only for points across Inner Mongolia's borders.
public enum ChineseDatums {
    /// Krasovsky 1940 semi-major axis and first eccentricity squared, as the algorithm uses them.
    static let krasovskyA = 6_378_245.0
    static let krasovskyE2 = 0.00669342162296594323
    static let baiduXPi = Double.pi * 3000.0 / 180.0

    /// True when (lon, lat) lies in the rectangle treated as China.
    @inlinable
    public static func isInChinaBox(longitude: Double, latitude: Double) -> Bool {
        (72.004...137.8347).contains(longitude) && (0.8293...55.8271).contains(latitude)
    }

    // MARK: GCJ-02

    /// WGS 84 → GCJ-02.
    public static func wgs84ToGCJ02(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        guard isInChinaBox(longitude: longitude, latitude: latitude) else { return (longitude, latitude) }
        let (dLon, dLat) = gcjOffset(longitude: longitude, latitude: latitude)
        return (longitude + dLon, latitude + dLat)
    }

    /// GCJ-02 → WGS 84, iterated to 1e-12°.
    public static func gcj02ToWGS84(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        guard isInChinaBox(longitude: longitude, latitude: latitude) else { return (longitude, latitude) }
        return invert(longitude, latitude) { lon, lat in
            let (dLon, dLat) = gcjOffset(longitude: lon, latitude: lat)
            return (lon + dLon, lat + dLat)
        }
    }

    /// The GCJ-02 offset in degrees at a WGS 84 point: polynomial plus sine terms in metres around
    /// 105 °E, 35 °N, turned into degrees with Krasovsky's radii of curvature at that latitude.
    static func gcjOffset(longitude: Double, latitude: Double) -> (Double, Double) {
        let x = longitude - 105.0, y = latitude - 35.0
        let pi = Double.pi
        let waves = (20.0 * sin(6.0 * x * pi) + 20.0 * sin(2.0 * x * pi)) * 2.0 / 3.0

        var northMeters = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
        northMeters += waves
        northMeters += (20.0 * sin(y * pi) + 40.0 * sin(y / 3.0 * pi)) * 2.0 / 3.0
        northMeters += (160.0 * sin(y / 12.0 * pi) + 320.0 * sin(y * pi / 30.0)) * 2.0 / 3.0

        var eastMeters = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
        eastMeters += waves
        eastMeters += (20.0 * sin(x * pi) + 40.0 * sin(x / 3.0 * pi)) * 2.0 / 3.0
        eastMeters += (150.0 * sin(x / 12.0 * pi) + 300.0 * sin(x / 30.0 * pi)) * 2.0 / 3.0

        let phi = latitude / 180.0 * pi
        let s = sin(phi)
        let w = 1 - krasovskyE2 * s * s
        let sqrtW = sqrt(w)
        let dLat = (northMeters * 180.0) / ((krasovskyA * (1 - krasovskyE2)) / (w * sqrtW) * pi)
        let dLon = (eastMeters * 180.0) / (krasovskyA / sqrtW * cos(phi) * pi)
        return (dLon, dLat)
    }

    // MARK: BD-09

    /// GCJ-02 → BD-09 (Baidu's perturbation of GCJ-02, no box test: used inside chains).
    static func gcj02ToBD09Unchecked(longitude x: Double, latitude y: Double) -> (longitude: Double, latitude: Double) {
        let z = sqrt(x * x + y * y) + 0.00002 * sin(y * baiduXPi)
        let theta = atan2(y, x) + 0.000003 * cos(x * baiduXPi)
        return (z * cos(theta) + 0.0065, z * sin(theta) + 0.006)
    }

    /// WGS 84 → BD-09: GCJ-02 then Baidu's step; unchanged outside the box.
    public static func wgs84ToBD09(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        guard isInChinaBox(longitude: longitude, latitude: latitude) else { return (longitude, latitude) }
        let g = wgs84ToGCJ02(longitude: longitude, latitude: latitude)
        return gcj02ToBD09Unchecked(longitude: g.longitude, latitude: g.latitude)
    }

    /// BD-09 → WGS 84, one iteration over the whole chain (so the widely copied, 0.2 m-inexact
    /// closed-form BD-09 → GCJ-02 shortcut is never used).
    public static func bd09ToWGS84(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        guard isInChinaBox(longitude: longitude, latitude: latitude) else { return (longitude, latitude) }
        return invert(longitude, latitude) { lon, lat in
            let (dLon, dLat) = gcjOffset(longitude: lon, latitude: lat)
            return gcj02ToBD09Unchecked(longitude: lon + dLon, latitude: lat + dLat)
        }
    }

    /// Solves forward(w) = target by w ← w − (forward(w) − target); the offsets vary slowly, so
    /// each step gains 2–3 digits and 1e-12° takes about five steps.
    static func invert(
        _ lon: Double, _ lat: Double,
        forward: (Double, Double) -> (Double, Double)
    ) -> (longitude: Double, latitude: Double) {
        var wLon = lon, wLat = lat
        for _ in 0..<30 {
            let (fLon, fLat) = forward(wLon, wLat)
            let dLon = fLon - lon, dLat = fLat - lat
            wLon -= dLon
            wLat -= dLat
            if abs(dLon) < 1e-12 && abs(dLat) < 1e-12 { break }
        }
        return (wLon, wLat)
    }
}
