import Foundation
import Projection
import Testing
import TestSupport

/// Runs Debian's `cs2cs` (PROJ's own command-line tool) as the independent reference. cs2cs
/// speaks the authority's axis order, so the test swaps where the CRS says so; our Transformer
/// must give GIS order without being told.
func cs2cs(from: String, to: String, points: [(Double, Double)], swapInput: Bool, swapOutput: Bool) throws -> [(
    Double, Double
)] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["cs2cs", "-d", "12", from, to]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let text = points.map { swapInput ? "\($0.1) \($0.0)" : "\($0.0) \($0.1)" }.joined(separator: "\n") + "\n"
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
        let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }
        return swapOutput ? (f[1], f[0]) : (f[0], f[1])
    }
}

/// A family of CRSs that cover Inner Mongolia, with how to pick the member for a longitude.
struct CRSFamily: CustomTestStringConvertible, Sendable {
    let name: String
    let code: @Sendable (Double) -> String
    /// True when the authority lists northing (or latitude) first.
    let northingFirst: Bool
    let geographic: Bool
    /// Longitudes the family is tested on.
    let longitudes: ClosedRange<Double>
    var testDescription: String { name }
}

let innerMongoliaFamilies: [CRSFamily] = [
    CRSFamily(
        name: "CGCS2000 geographic (EPSG:4490)", code: { _ in "EPSG:4490" }, northingFirst: true, geographic: true,
        longitudes: 97.2...126.1),
    CRSFamily(
        name: "CGCS2000 3° GK, zone in easting (EPSG:4513–4533)",
        code: { lon in "EPSG:\(4513 + Int((lon / 3).rounded()) - 25)" },
        northingFirst: true, geographic: false, longitudes: 97.2...126.1),
    CRSFamily(
        name: "CGCS2000 3° GK, CM only (EPSG:4534–4554)",
        code: { lon in "EPSG:\(4534 + Int((lon / 3).rounded()) - 25)" },
        northingFirst: true, geographic: false, longitudes: 97.2...126.1),
    CRSFamily(
        name: "CGCS2000 6° GK, zone in easting (EPSG:4491–4501)",
        code: { lon in "EPSG:\(4491 + Int(lon / 6) + 1 - 13)" },
        northingFirst: true, geographic: false, longitudes: 97.2...126.1),
    CRSFamily(
        name: "CGCS2000 6° GK, CM only (EPSG:4502–4512)", code: { lon in "EPSG:\(4502 + Int(lon / 6) + 1 - 13)" },
        northingFirst: true, geographic: false, longitudes: 97.2...126.1),
    CRSFamily(
        name: "WGS 84 / UTM 47N–51N (EPSG:32647–32651)", code: { lon in "EPSG:\(32600 + Int((lon + 180) / 6) + 1)" },
        northingFirst: false, geographic: false, longitudes: 97.2...125.99),
    CRSFamily(
        name: "Web Mercator (EPSG:3857)", code: { _ in "EPSG:3857" }, northingFirst: false, geographic: false,
        longitudes: 97.2...126.1)
]

@Suite struct Cs2csAgreementTests {
    @Test(arguments: innerMongoliaFamilies)
    func forwardAndInverseAgreeWithCs2cs(family: CRSFamily) throws {
        var rng = SeededGenerator()
        let points = (0..<300).map { _ in
            (Double.random(in: family.longitudes, using: &rng), Double.random(in: 37.4...53.4, using: &rng))
        }
        let byCRS = Dictionary(grouping: points.indices, by: { family.code(points[$0].0) })
        let tolerance = family.geographic ? 1e-9 : 1e-3 // 1e-9 degree or 1 mm
        for (crs, indices) in byCRS {
            let input = indices.map { points[$0] }
            let expected = try cs2cs(
                from: "EPSG:4326", to: crs, points: input, swapInput: true, swapOutput: family.northingFirst)
            #expect(expected.count == input.count)

            let transformer = try Transformer(from: "EPSG:4326", to: crs)
            #expect(transformer.targetIsGeographic == family.geographic)
            var x = input.map(\.0), y = input.map(\.1)
            try transformer.transform(x: &x, y: &y)
            for i in input.indices {
                #expect(
                    abs(x[i] - expected[i].0) <= tolerance && abs(y[i] - expected[i].1) <= tolerance,
                    "\(crs): \(input[i]) → (\(x[i]), \(y[i])), cs2cs (\(expected[i].0), \(expected[i].1))")
            }

            // Back again: the inverse of cs2cs's output is the input, to 1e-9°.
            var bx = expected.map(\.0), by = expected.map(\.1)
            try transformer.transform(x: &bx, y: &by, direction: .inverse)
            for i in input.indices {
                #expect(
                    abs(bx[i] - input[i].0) <= 1e-9 && abs(by[i] - input[i].1) <= 1e-9,
                    "\(crs) inverse of \(expected[i])")
            }
            let reverse = try cs2cs(
                from: crs, to: "EPSG:4326", points: expected, swapInput: family.northingFirst, swapOutput: true)
            let inverseTransformer = try Transformer(from: crs, to: "EPSG:4326")
            var rx = expected.map(\.0), ry = expected.map(\.1)
            try inverseTransformer.transform(x: &rx, y: &ry)
            for i in input.indices {
                #expect(abs(rx[i] - reverse[i].0) <= 1e-9 && abs(ry[i] - reverse[i].1) <= 1e-9)
            }
        }
    }

    @Test func parallelBatchEqualsSerialBatch() throws {
        var rng = SeededGenerator()
        let n = 50_000
        let lon = (0..<n).map { _ in Double.random(in: 109.5...112.5, using: &rng) }
        let lat = (0..<n).map { _ in Double.random(in: 37.4...53.4, using: &rng) }
        let t = try Transformer(from: "EPSG:4326", to: "EPSG:4546")
        var sx = lon, sy = lat, px = lon, py = lat
        try t.transform(x: &sx, y: &sy)
        try t.transformInParallel(x: &px, y: &py, threads: 4)
        #expect(sx == px && sy == py)
    }

    @Test func otherCRSKindsWork() throws {
        // ESRI Albers and a PROJ string without +type=crs, both checked against cs2cs.
        let albers = try Transformer(from: "EPSG:4326", to: "ESRI:102025")
        let ref = try cs2cs(
            from: "EPSG:4326", to: "ESRI:102025", points: [(111.65222, 40.81056)], swapInput: true, swapOutput: false)
        let p = try albers.transform(x: 111.65222, y: 40.81056)
        #expect(abs(p.x - ref[0].0) < 1e-3 && abs(p.y - ref[0].1) < 1e-3)
        let utm = try Transformer(from: "+proj=longlat +datum=WGS84", to: "+proj=utm +zone=49 +datum=WGS84")
        let q = try utm.transform(x: 111, y: 40)
        #expect(abs(q.x - 500_000) < 1e-6)
    }
}

@Suite struct ProjectionErrorTests {
    @Test func unknownCRSCarriesPROJsReason() {
        #expect(throws: ProjectionError.unknownCRS("EPSG:999999", reason: "proj_create: crs not found")) {
            try Transformer(from: "EPSG:999999", to: "EPSG:4326")
        }
    }

    @Test func approximateNamesAreNotGuessed() {
        do {
            _ = try Transformer(from: "EPSG:4326", to: "foo")
            Issue.record("'foo' was accepted")
        } catch {
            #expect(error.description.contains("'Amersfoort' (EPSG:4289)"))
        }
    }

    @Test func somethingThatIsNotACRSIsNamed() {
        // A pipeline is a coordinate operation, not a CRS.
        #expect(throws: ProjectionError.notACRS("+proj=pipeline +step +proj=unitconvert", kind: "coordinate operation"))
        {
            try Transformer(from: "EPSG:4326", to: "+proj=pipeline +step +proj=unitconvert")
        }
    }

    @Test func aPointOutsideTheZoneFailsWithItsIndex() throws {
        // A zone-prefixed easting fed to the CM-only CRS lies 37,000 km east: PROJ's inverse refuses.
        let t = try Transformer(from: "EPSG:4546", to: "EPSG:4326")
        var x = [555_031.6404, 37_555_031.6404], y = [4_519_740.3005, 4_519_740.3005]
        #expect(
            throws: ProjectionError.pointFailed(
                index: 1, x: .infinity, y: .infinity, reason: "Point outside of projection domain")
        ) {
            try t.transform(x: &x, y: &y)
        }
    }
}
