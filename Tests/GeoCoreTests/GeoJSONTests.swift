import Foundation
import GeoCore
import Testing

@Suite struct GeoJSONTests {
    private func encodedSorted<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func decodeError(_ json: String) -> String? {
        do { _ = try GeoJSON.decode(Data(json.utf8)); return nil } catch { return error.description }
    }

    @Test func featureCollectionRoundTripsExactly() throws {
        let json =
            #"{"bbox":[111.6466667,40.79806,111.6575,40.79861],"features":[{"geometry":{"coordinates":[111.6466667,40.79806],"type":"Point"},"id":"im-hhht-dazhao-temple","properties":{"kind":"temple","name_en":"Da Zhao Temple","visit_minutes":60},"type":"Feature"},{"geometry":null,"id":7,"properties":null,"type":"Feature","x-source":{"licence":"CC BY 4.0"}}],"name":"sites","type":"FeatureCollection"}"#
        let decoded = try GeoJSON.decode(FeatureCollection.self, from: Data(json.utf8))
        #expect(decoded.features.count == 2)
        #expect(decoded.features[0].id == .string("im-hhht-dazhao-temple"))
        #expect(decoded.features[1].id == .number(7))
        #expect(decoded.features[1].foreignMembers["x-source"]?.objectValue?["licence"] == "CC BY 4.0")
        #expect(decoded.foreignMembers["name"] == "sites")
        #expect(try encodedSorted(decoded) == json)
    }

    @Test func everyGeometryTypeRoundTrips() throws {
        let geometries = [
            #"{"coordinates":[111.5,40.5,1050.25],"type":"Point"}"#,
            #"{"coordinates":[[111,40],[112,41]],"type":"MultiPoint"}"#,
            #"{"coordinates":[[111,40],[112,41],[113,40.5]],"type":"LineString"}"#,
            #"{"coordinates":[[[111,40],[112,41]],[[113,42],[114,43]]],"type":"MultiLineString"}"#,
            #"{"coordinates":[[[110,40],[112,40],[112,42],[110,42],[110,40]],[[110.5,40.5],[110.5,41],[111,41],[110.5,40.5]]],"type":"Polygon"}"#,
            #"{"coordinates":[[[[110,40],[112,40],[112,42],[110,40]]],[[[100,40],[101,40],[101,41],[100,40]]]],"type":"MultiPolygon"}"#,
            #"{"geometries":[{"coordinates":[111,40],"type":"Point"},{"coordinates":[[111,40],[112,41]],"type":"LineString"}],"type":"GeometryCollection"}"#
        ]
        for json in geometries {
            let geometry = try GeoJSON.decode(Geometry.self, from: Data(json.utf8))
            #expect(try encodedSorted(geometry) == json)
        }
    }

    @Test func polygonsAreWrittenWithRightHandWinding() throws {
        // Exterior clockwise and hole counterclockwise on input: both are reversed on output.
        let clockwise =
            #"{"type":"Polygon","coordinates":[[[110,40],[110,42],[112,42],[112,40],[110,40]],[[110.5,40.5],[111,41],[110.5,41],[110.5,40.5]]]}"#
        let geometry = try GeoJSON.decode(Geometry.self, from: Data(clockwise.utf8))
        #expect(
            try encodedSorted(geometry)
                == #"{"coordinates":[[[110,40],[112,40],[112,42],[110,42],[110,40]],[[110.5,40.5],[110.5,41],[111,41],[110.5,40.5]]],"type":"Polygon"}"#
        )
    }

    /// Found by fuzzing (Fuzz/FuzzGeoJSON): a ring without area was reversed on every write, and
    /// decoded members came out in hash order, different from run to run.
    @Test func writingIsAFixedPointForFlatRingsAndDecodedMembers() throws {
        let input =
            #"{"type":"Feature","zz":1,"aa":2,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[6,0],[0,0]]]},"properties":{"b":1,"a":2,"c":3}}"#
        let once = GeoJSON.text(try GeoJSON.decode(Data(input.utf8)))
        #expect(
            once
                == #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[6,0],[0,0]]]},"properties":{"a":2,"b":1,"c":3},"aa":2,"zz":1}"#
        )
        #expect(GeoJSON.text(try GeoJSON.decode(Data(once.utf8))) == once)
    }

    @Test func outputHasAtMostSevenDecimals() throws {
        let point = Geometry.point(Position(try Coordinate(longitude: 111.123456789123, latitude: 40.987654321987)))
        #expect(try encodedSorted(point) == #"{"coordinates":[111.1234568,40.9876543],"type":"Point"}"#)
    }

    @Test func membersKeepTheirOrderWhenEncoded() throws {
        let feature = Feature(id: .string("a"), geometry: nil, properties: ["zeta": 1, "alpha": "x", "mid": true])
        let text = GeoJSON.text(.feature(feature))
        #expect(text == #"{"type":"Feature","id":"a","geometry":null,"properties":{"zeta":1,"alpha":"x","mid":true}}"#)
    }

    @Test func legacyWGS84CRSIsDroppedAndOthersAreRefused() throws {
        let wgs =
            #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}"#
        let decoded = try GeoJSON.decode(FeatureCollection.self, from: Data(wgs.utf8))
        #expect(try encodedSorted(decoded) == #"{"features":[],"type":"FeatureCollection"}"#)
        let gk = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4546"}},"features":[]}"#
        #expect(decodeError(gk)?.hasPrefix("crs: crs 'EPSG:4546' is not WGS 84") == true)
    }

    @Test(arguments: [
        (
            #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[111,40]},"properties":{}},{"type":"Feature","geometry":{"type":"LineString","coordinates":[[111,40],[111,40.5],[111,41],[111,91.2]]},"properties":{}}]}"#,
            "features[1].geometry.coordinates[3]: latitude 91.2 out of range (-90…90)"
        ),
        (#"{"type":"Point","coordinates":[181,40]}"#, "coordinates: longitude 181 out of range (-180…180)"),
        (
            #"{"type":"Point","coordinates":[111]}"#,
            "coordinates: a position needs longitude and latitude, found 1 number(s)"
        ),
        (#"{"type":"Point","coordinates":["111",40]}"#, "coordinates[0]: expected a number"),
        (
            #"{"type":"LineString","coordinates":[[111,40]]}"#,
            "coordinates: a LineString needs at least 2 positions, found 1"
        ),
        (
            #"{"type":"Polygon","coordinates":[[[110,40],[112,40],[112,42],[110,42]]]}"#,
            "coordinates[0]: linear ring is not closed (first position 110.0,40.0 ≠ last 110.0,42.0)"
        ),
        (
            #"{"type":"Polygon","coordinates":[[[110,40],[112,40],[110,40]]]}"#,
            "coordinates[0]: a linear ring needs at least 4 positions, found 3"
        ),
        (
            #"{"type":"Circle","coordinates":[111,40]}"#,
            "type: unknown geometry type 'Circle' (expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)"
        ),
        (#"{"type":"Feature","properties":{}}"#, "missing member 'geometry'"),
        (#"{"type":"Feature","geometry":null,"properties":[1]}"#, "properties: expected an object"),
        (
            #"{"type":"FeatureCollection","features":[],"bbox":[1,2,3]}"#,
            "bbox: bbox must hold 4 or 6 finite numbers, found 3"
        ),
        (#"{"type":"FeatureCollection"}"#, "missing member 'features'")
    ])
    func malformedInputNamesTheJSONPath(json: String, message: String) {
        #expect(decodeError(json) == message)
    }

    @Test func truncatedJSONIsReportedAsInvalid() {
        #expect(
            decodeError("{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feat")
                == "not valid JSON at line 2, column 26: unexpected end of input inside a string")
        #expect(
            decodeError("{\"type\": \"Point\", \"coordinates\": [1 2]}")
                == "not valid JSON at line 1, column 37: expected ',' or ']'")
        #expect(decodeError("") == "not valid JSON at line 1, column 1: empty input")
    }
}
