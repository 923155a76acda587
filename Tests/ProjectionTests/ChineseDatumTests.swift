import Foundation
import Projection
import Testing

/// One row of Fixtures/datum_vectors.csv, made by make_datum_vectors.py with prcoords 1.0.2.
struct DatumVector {
    let lon, lat, gcjLon, gcjLat, bdLon, bdLat, gcjInvLon, gcjInvLat, bdInvLon, bdInvLat: Double
    let label: String

    static let all: [DatumVector] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/datum_vectors.csv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let n = f.prefix(10).map { Double($0)! }
            return DatumVector(
                lon: n[0], lat: n[1], gcjLon: n[2], gcjLat: n[3], bdLon: n[4], bdLat: n[5],
                gcjInvLon: n[6], gcjInvLat: n[7], bdInvLon: n[8], bdInvLat: n[9], label: String(f[10]))
        }
    }()
}

@Suite struct ChineseDatumTests {
    @Test func forwardMatchesPrcoordsToANanodegree() {
        #expect(DatumVector.all.count == 306)
        for v in DatumVector.all {
            let g = ChineseDatums.wgs84ToGCJ02(longitude: v.lon, latitude: v.lat)
            #expect(abs(g.longitude - v.gcjLon) < 1e-9 && abs(g.latitude - v.gcjLat) < 1e-9, "\(v.label) GCJ-02")
            let b = ChineseDatums.wgs84ToBD09(longitude: v.lon, latitude: v.lat)
            #expect(abs(b.longitude - v.bdLon) < 1e-9 && abs(b.latitude - v.bdLat) < 1e-9, "\(v.label) BD-09")
        }
    }

    @Test func inversesMatchPrcoordsAndRoundTripExactly() {
        for v in DatumVector.all {
            let w = ChineseDatums.gcj02ToWGS84(longitude: v.lon, latitude: v.lat)
            #expect(
                abs(w.longitude - v.gcjInvLon) < 1e-7 && abs(w.latitude - v.gcjInvLat) < 1e-7,
                "\(v.label) GCJ-02 inverse")
            let back = ChineseDatums.wgs84ToGCJ02(longitude: w.longitude, latitude: w.latitude)
            #expect(
                abs(back.longitude - v.lon) < 1e-9 && abs(back.latitude - v.lat) < 1e-9, "\(v.label) GCJ-02 round trip")

            let wb = ChineseDatums.bd09ToWGS84(longitude: v.lon, latitude: v.lat)
            #expect(
                abs(wb.longitude - v.bdInvLon) < 1e-7 && abs(wb.latitude - v.bdInvLat) < 1e-7,
                "\(v.label) BD-09 inverse")
            let backB = ChineseDatums.wgs84ToBD09(longitude: wb.longitude, latitude: wb.latitude)
            #expect(
                abs(backB.longitude - v.lon) < 1e-9 && abs(backB.latitude - v.lat) < 1e-9, "\(v.label) BD-09 round trip"
            )
        }
    }

    @Test(arguments: [
        (106.9, 47.9, "Ulaanbaatar"), (37.6, 55.75, "Moscow"), (140.0, 40.0, "Akita"), (111.0, 56.0, "north of the box")
    ])
    func pointsOutsideTheChinaBoxFollowTheDocumentedRule(lon: Double, lat: Double, place: String) {
        let inBox = ChineseDatums.isInChinaBox(longitude: lon, latitude: lat)
        for f in [
            ChineseDatums.wgs84ToGCJ02, ChineseDatums.gcj02ToWGS84, ChineseDatums.wgs84ToBD09, ChineseDatums.bd09ToWGS84
        ] {
            let r = f(lon, lat)
            // Inside the box (Ulaanbaatar is: the box is coarse) points move; outside they do not.
            #expect((r.longitude == lon && r.latitude == lat) == !inBox, "\(place)")
        }
        #expect(ChineseDatums.isInChinaBox(longitude: 106.9, latitude: 47.9))
        #expect(!ChineseDatums.isInChinaBox(longitude: 37.6, latitude: 55.75))
    }

    @Test func pseudoCRSNamesChainWithPROJ() throws {
        // GCJ02 → EPSG:4547 equals GCJ02 → WGS 84 followed by PROJ's WGS 84 → EPSG:4547.
        let v = DatumVector.all[0]
        let chained = try Transformer(from: "GCJ02", to: "EPSG:4547").transform(x: v.gcjLon, y: v.gcjLat)
        let direct = try Transformer(from: "EPSG:4326", to: "EPSG:4547").transform(x: v.lon, y: v.lat)
        #expect(abs(chained.x - direct.x) < 1e-4 && abs(chained.y - direct.y) < 1e-4)
        let bd = try Transformer(from: "bd-09", to: "gcj-02").transform(x: v.bdLon, y: v.bdLat)
        #expect(abs(bd.x - v.gcjLon) < 1e-9 && abs(bd.y - v.gcjLat) < 1e-9)
        let inverse = try Transformer(from: "EPSG:4326", to: "BD09").transform(
            x: v.bdLon, y: v.bdLat, direction: .inverse)
        #expect(abs(inverse.x - v.lon) < 1e-9 && abs(inverse.y - v.lat) < 1e-9)
    }
}
