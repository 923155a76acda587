import Foundation
import RoadGraph
import Testing
import TestSupport

@Suite struct IsochroneTests {
    /// Bands of 1, 2, 3 and 5 minutes by car from central Helsinki (the plain graph, as the oracle
    /// implements it): each a valid MultiPolygon by GEOS, nested, holding at least 95 % of the
    /// nodes the independent oracle reaches in time within 100 m, and well under their convex hull
    /// (the sea and the blocks between roads stay out).
    @Test func helsinkiBandsFollowTheRoads() throws {
        let (graph, _) = try RoadImport.compile(helsinki, profile: try profile("car"), options: .literal)
        let g = graph.network
        let router = Router(graph)
        let near = try router.locate(longitude: 24.9384, latitude: 60.1699)
        let source = near.snap.tail
        let start = try router.locate(longitude: g.longitudes[source], latitude: g.latitudes[source])
        let limits: [Int64] = [60_000_000, 120_000_000, 180_000_000, 300_000_000]
        let pieces = router.reachedPieces(from: start, limit: limits.last!)
        let buffer = Isochrone.automaticBuffer(pieces)
        #expect(buffer == 25) // a 5-minute drive in a city centre reaches about a kilometre
        let (bands, _) = Isochrone.bands(pieces: pieces, limits: limits, bufferMeters: buffer)
        let ids = Array(g.osmIDs[0..<g.baseNodeCount])
        let reference = try oracle(profile: "car", sources: [g.osmIDs[source]], targets: ids)
        var request: [[String: Any]] = []
        for (band, limit) in zip(bands, limits) {
            let reached = ids.indices.filter { reference.costs[0][$0].map { $0[0] <= Double(limit) / 1e6 } ?? false }
            #expect(reached.count > 50)
            let geometry: [String: Any] = [
                "type": "MultiPolygon", "coordinates": band.polygons.map { $0.map { $0.map { [$0.0, $0.1] } } }
            ]
            request.append(["geometry": geometry, "points": reached.map { [g.longitudes[$0], g.latitudes[$0]] }])
        }
        let out = try toolOutput(
            ["python3", fixtures.appendingPathComponent("check_isochrone.py").path],
            stdin: try JSONSerialization.data(withJSONObject: ["bands": request]))
        let answer = try JSONSerialization.jsonObject(with: out) as! [String: Any]
        let checked = answer["bands"] as! [[String: Any]]
        #expect(answer["nested"] as? Bool == true)
        for (k, b) in checked.enumerated() {
            #expect(b["valid"] as? String == "Valid Geometry", "band \(k)")
            #expect((b["within_100m"] as! Double) >= 0.95, "band \(k)")
            let ratio = (b["area_m2"] as! Double) / (b["hull_m2"] as! Double)
            print(
                "helsinki isochrone \(limits[k] / 60_000_000) min: area / convex hull = \(ratio), \(b["within_100m"]!) of oracle nodes within 100 m"
            )
            // GEOS measures what we counted.
            #expect(abs((b["area_m2"] as! Double) / 1e6 - bands[k].areaKm2) < 0.01 * bands[k].areaKm2)
        }
        let largest = checked.last!
        #expect((largest["area_m2"] as! Double) / (largest["hull_m2"] as! Double) < 0.85)
    }

    /// Cells that touch only at a corner would make rings touch themselves; they are filled, and
    /// a ring of cells round an unreached block leaves a hole.
    @Test func diagonalCellsAndHolesGiveValidPolygons() throws {
        func s(_ x: Double, _ y: Double, _ t: Int64) -> Isochrone.Sample {
            Isochrone.Sample(lon: 10 + x * 0.001, lat: y * 0.001, time: t)
        }
        // A square of road 1 km a side (a hole in the middle) and a diagonal spur.
        let pieces = [
            (s(0, 0, 0), s(10, 0, 10)), (s(10, 0, 10), s(10, 10, 20)), (s(10, 10, 20), s(0, 10, 30)),
            (s(0, 10, 30), s(0, 0, 40)),
            (s(10, 10, 20), s(14, 14, 25))
        ]
        let (bands, _) = Isochrone.bands(pieces: pieces, limits: [15, 100], bufferMeters: 100)
        #expect(bands[1].polygons.count == 1)
        #expect(bands[1].polygons[0].count == 2) // shell and the unreached middle
        #expect(bands[0].polygons.count >= 1)
        let request: [[String: Any]] = bands.map { band in
            [
                "geometry": [
                    "type": "MultiPolygon", "coordinates": band.polygons.map { $0.map { $0.map { [$0.0, $0.1] } } }
                ],
                "points": [[10.0, 0.0]]
            ]
        }
        let out = try toolOutput(
            ["python3", fixtures.appendingPathComponent("check_isochrone.py").path],
            stdin: try JSONSerialization.data(withJSONObject: ["bands": request]))
        let answer = try JSONSerialization.jsonObject(with: out) as! [String: Any]
        for b in answer["bands"] as! [[String: Any]] { #expect(b["valid"] as? String == "Valid Geometry") }
        #expect(answer["nested"] as? Bool == true)
    }
}
