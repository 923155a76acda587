import CPROJ
import Foundation
import GeoCore
import Testing
import TestSupport

/// PROJ's geodesic routines (Karney 2013, exact to nanometres) as the independent reference.
private func karneyMeters(_ a: Coordinate, _ b: Coordinate) -> Double {
    var g = geod_geodesic()
    geod_init(&g, Distance.wgs84SemiMajorAxis, Distance.wgs84Flattening)
    var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
    geod_inverse(&g, a.latitude, a.longitude, b.latitude, b.longitude, &s12, &azi1, &azi2)
    return s12
}

@Suite struct DistanceTests {
    @Test func geodesicAgreesWithKarneyToAMillimetreAcrossInnerMongolia() throws {
        var rng = SeededGenerator()
        for _ in 0..<2000 {
            let a = try Coordinate(
                longitude: .random(in: 97.2...126.1, using: &rng), latitude: .random(in: 37.4...53.4, using: &rng))
            let b = try Coordinate(
                longitude: .random(in: 97.2...126.1, using: &rng), latitude: .random(in: 37.4...53.4, using: &rng))
            #expect(abs(Distance.geodesicMeters(a, b) - karneyMeters(a, b)) < 0.001, "\(a) → \(b)")
        }
    }

    @Test func geodesicHandlesShortLegsCoincidentPointsAndTheEquator() throws {
        let hohhot = try Coordinate(longitude: 111.65222, latitude: 40.81056)
        let near = try Coordinate(longitude: 111.65223, latitude: 40.81057)
        #expect(Distance.geodesicMeters(hohhot, hohhot) == 0)
        #expect(abs(Distance.geodesicMeters(hohhot, near) - karneyMeters(hohhot, near)) < 1e-5)
        let e1 = try Coordinate(longitude: 10, latitude: 0), e2 = try Coordinate(longitude: 20, latitude: 0)
        #expect(abs(Distance.geodesicMeters(e1, e2) - karneyMeters(e1, e2)) < 0.001)
    }

    @Test func nearlyAntipodalPointsFallBackWithinHalfAPercent() throws {
        let a = try Coordinate(longitude: 0, latitude: 0.5), b = try Coordinate(longitude: 179.7, latitude: -0.5)
        let reference = karneyMeters(a, b)
        #expect(abs(Distance.geodesicMeters(a, b) - reference) / reference < 0.005)
    }

    @Test func haversineIsExactOnTheSphereAndWithinHalfAPercentOfTheEllipsoid() throws {
        // Along a meridian the sphere distance is R·Δφ exactly.
        let a = try Coordinate(longitude: 111, latitude: 40), b = try Coordinate(longitude: 111, latitude: 41)
        #expect(abs(Distance.haversineMeters(a, b) - Distance.meanEarthRadiusMeters * .pi / 180) < 1e-6)
        var rng = SeededGenerator()
        for _ in 0..<500 {
            let p = try Coordinate(
                longitude: .random(in: 97.2...126.1, using: &rng), latitude: .random(in: 37.4...53.4, using: &rng))
            let q = try Coordinate(
                longitude: .random(in: 97.2...126.1, using: &rng), latitude: .random(in: 37.4...53.4, using: &rng))
            let exact = karneyMeters(p, q)
            guard exact > 1 else { continue }
            #expect(abs(Distance.haversineMeters(p, q) - exact) / exact < 0.005)
        }
    }

    @Test(arguments: [
        (200.0, 40.0, "longitude 200 out of range (-180…180)"),
        (111.0, 91.2, "latitude 91.2 out of range (-90…90)"),
        (Double.nan, 40.0, "longitude nan is not a finite number")
    ])
    func coordinatesOutOfRangeAreRejected(lon: Double, lat: Double, message: String) {
        #expect(throws: CoordinateError.self) { try Coordinate(longitude: lon, latitude: lat) }
        do { _ = try Coordinate(longitude: lon, latitude: lat) } catch { #expect(error.description == message) }
    }

    @Test func boundingBoxParsesAndRefusesInvertedBoxes() throws {
        let box = try BoundingBox(parsing: "110,40,112,41.5")
        #expect(box.contains(try Coordinate(longitude: 111.65, latitude: 40.81)))
        #expect(!box.contains(try Coordinate(longitude: 109, latitude: 40.81)))
        #expect(throws: BoundingBoxError.self) { try BoundingBox(parsing: "112,40,110,41") }
        #expect(throws: BoundingBoxError.self) { try BoundingBox(parsing: "110,40,112") }
        #expect(throws: BoundingBoxError.self) { try BoundingBox(parsing: "110,40,nan,41") }
    }
}
