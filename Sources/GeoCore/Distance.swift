import Foundation

/// Distances between WGS 84 coordinates.
///
/// - `haversineMeters` — a sphere of the mean Earth radius (IUGG R₁ = 6,371,008.8 m); error up to
///   about 0.5 %. Used where speed matters more than the last metre: spatial search (`near`),
///   last-mile estimates, heuristics (A*), the solver's fallback matrix.
/// - `geodesicMeters` — the WGS 84 ellipsoid (Vincenty's inverse formula, sub-millimetre where it
///   converges). Used where a length is reported or stored: road edge lengths, leg distances.
public enum Distance {
    /// IUGG mean Earth radius R₁ in metres.
    public static let meanEarthRadiusMeters = 6_371_008.8

    /// WGS 84 semi-major axis and flattening.
    public static let wgs84SemiMajorAxis = 6_378_137.0
    public static let wgs84Flattening = 1 / 298.257223563

    /// Great-circle distance on the mean-radius sphere.
    @inlinable
    public static func haversineMeters(_ a: Coordinate, _ b: Coordinate) -> Double {
        haversineMeters(a.longitude, a.latitude, b.longitude, b.latitude)
    }

    /// The same on raw degrees (lon, lat, lon, lat), for hot loops over already-valid positions.
    @inlinable
    public static func haversineMeters(_ lon1: Double, _ lat1: Double, _ lon2: Double, _ lat2: Double) -> Double {
        let toRadians = Double.pi / 180
        let phi1 = lat1 * toRadians, phi2 = lat2 * toRadians
        let dPhi = phi2 - phi1
        let dLambda = (lon2 - lon1) * toRadians
        let h = sin(dPhi / 2) * sin(dPhi / 2) + cos(phi1) * cos(phi2) * sin(dLambda / 2) * sin(dLambda / 2)
        return 2 * meanEarthRadiusMeters * asin(min(1, sqrt(h)))
    }

    /// Ellipsoidal distance on WGS 84 by Vincenty's inverse method.
    ///
    /// Vincenty does not converge for nearly antipodal points (more than ~19,900 km apart); there
    /// the haversine distance scaled to the ellipsoid is returned, which is within 0.5 % — no
    /// itinerary in this project spans half the globe.
    public static func geodesicMeters(_ p: Coordinate, _ q: Coordinate) -> Double {
        let a = wgs84SemiMajorAxis, f = wgs84Flattening, b = a * (1 - f)
        let toRadians = Double.pi / 180
        let L = (q.longitude - p.longitude) * toRadians
        let U1 = atan((1 - f) * tan(p.latitude * toRadians))
        let U2 = atan((1 - f) * tan(q.latitude * toRadians))
        let sinU1 = sin(U1), cosU1 = cos(U1), sinU2 = sin(U2), cosU2 = cos(U2)

        var lambda = L
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            let sinSigma = sqrt(
                (cosU2 * sinLambda) * (cosU2 * sinLambda)
                    + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) * (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda))
            if sinSigma == 0 { return 0 } // coincident points
            let cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            let sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            let cosSqAlpha = 1 - sinAlpha * sinAlpha
            let cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0 // equatorial line
            let C = f / 16 * cosSqAlpha * (4 + f * (4 - 3 * cosSqAlpha))
            let previous = lambda
            lambda =
                L + (1 - C) * f * sinAlpha
                * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-12 {
                let uSq = cosSqAlpha * (a * a - b * b) / (b * b)
                let A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)))
                let B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)))
                let deltaSigma =
                    B * sinSigma
                    * (cos2SigmaM + B / 4
                        * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
                            - B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
                return b * A * (sigma - deltaSigma)
            }
        }
        return haversineMeters(p, q) * (a * (1 - f / 3)) / meanEarthRadiusMeters
    }
}
