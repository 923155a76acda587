import Foundation

// The GeoJSON model of RFC 7946 (https://www.rfc-editor.org/rfc/rfc7946).
//
// Input is checked while it is decoded (ranges, ring closure, member types) and every failure
// names the JSON path of the bad member. Output follows the RFC's "SHOULD"s: right-hand winding,
// no `crs`, coordinates rounded to 7 decimals (about 1 cm, RFC 7946 §11.2).

/// One GeoJSON position: longitude, latitude and an optional altitude in metres.
public struct Position: Hashable, Sendable, Codable {
    public var coordinate: Coordinate
    public var altitude: Double?

    public init(_ coordinate: Coordinate, altitude: Double? = nil) {
        self.coordinate = coordinate
        self.altitude = altitude
    }

    public var longitude: Double { coordinate.longitude }
    public var latitude: Double { coordinate.latitude }

    public init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        guard let count = c.count, count >= 2 else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a position needs longitude and latitude, found \(c.count ?? 0) number(s)"))
        }
        let lon = try c.decode(Double.self), lat = try c.decode(Double.self)
        altitude = count >= 3 ? try c.decode(Double.self) : nil // further elements are ignored (RFC 7946 §3.1.1)
        do {
            coordinate = try Coordinate(longitude: lon, latitude: lat)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: Encoder) throws { try jsonValue.encode(to: encoder) }

    /// Rounded to 7 decimals (altitude to millimetres).
    public var jsonValue: JSONValue {
        var items: [JSONValue] = [.number(GeoJSON.rounded(longitude)), .number(GeoJSON.rounded(latitude))]
        if let altitude { items.append(.number((altitude * 1000).rounded() / 1000)) }
        return .array(items)
    }
}

/// A GeoJSON geometry. Polygons are lists of linear rings, the first one the exterior.
public indirect enum Geometry: Hashable, Sendable {
    case point(Position)
    case multiPoint([Position])
    case lineString([Position])
    case multiLineString([[Position]])
    case polygon([[Position]])
    case multiPolygon([[[Position]]])
    case geometryCollection([Geometry])

    /// The RFC 7946 `type` member.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// Every position, in order, for bounding boxes and counting.
    public var positions: [Position] {
        switch self {
        case let .point(p): [p]
        case let .multiPoint(ps), let .lineString(ps): ps
        case let .multiLineString(lines), let .polygon(lines): lines.flatMap { $0 }
        case let .multiPolygon(polys): polys.flatMap { $0.flatMap { $0 } }
        case let .geometryCollection(gs): gs.flatMap(\.positions)
        }
    }
}

extension Geometry: Codable {
    enum Keys: String, CodingKey { case type, coordinates, geometries }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "Point":
            self = .point(try c.decode(Position.self, forKey: .coordinates))
        case "MultiPoint":
            self = .multiPoint(try c.decode([Position].self, forKey: .coordinates))
        case "LineString":
            let line = try c.decode([Position].self, forKey: .coordinates)
            try Geometry.checkLine(line, path: c.codingPath + [Keys.coordinates])
            self = .lineString(line)
        case "MultiLineString":
            let lines = try c.decode([[Position]].self, forKey: .coordinates)
            for (i, line) in lines.enumerated() {
                try Geometry.checkLine(line, path: c.codingPath + [Keys.coordinates, AnyCodingKey(intValue: i)!])
            }
            self = .multiLineString(lines)
        case "Polygon":
            let rings = try c.decode([[Position]].self, forKey: .coordinates)
            try Geometry.checkPolygon(rings, path: c.codingPath + [Keys.coordinates])
            self = .polygon(rings)
        case "MultiPolygon":
            let polygons = try c.decode([[[Position]]].self, forKey: .coordinates)
            for (i, rings) in polygons.enumerated() {
                try Geometry.checkPolygon(rings, path: c.codingPath + [Keys.coordinates, AnyCodingKey(intValue: i)!])
            }
            self = .multiPolygon(polygons)
        case "GeometryCollection":
            self = .geometryCollection(try c.decode([Geometry].self, forKey: .geometries))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: c,
                debugDescription:
                    "unknown geometry type '\(type)' (expected Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)"
            )
        }
    }

    public func encode(to encoder: Encoder) throws { try jsonValue.encode(to: encoder) }

    /// The geometry as written: `type` first, polygons with right-hand winding.
    public var jsonValue: JSONValue {
        func line(_ ps: [Position]) -> JSONValue { .array(ps.map(\.jsonValue)) }
        func lines(_ ls: [[Position]]) -> JSONValue { .array(ls.map(line)) }
        var object: JSONObject = ["type": .string(typeName)]
        switch self {
        case let .point(p): object["coordinates"] = p.jsonValue
        case let .multiPoint(ps), let .lineString(ps): object["coordinates"] = line(ps)
        case let .multiLineString(ls): object["coordinates"] = lines(ls)
        case let .polygon(rings): object["coordinates"] = lines(Geometry.rightHanded(rings))
        case let .multiPolygon(polys): object["coordinates"] = .array(polys.map { lines(Geometry.rightHanded($0)) })
        case let .geometryCollection(gs): object["geometries"] = .array(gs.map(\.jsonValue))
        }
        return .object(object)
    }

    static func checkLine(_ line: [Position], path: [CodingKey]) throws {
        guard line.count >= 2 else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: path,
                    debugDescription: "a LineString needs at least 2 positions, found \(line.count)"))
        }
    }

    static func checkPolygon(_ rings: [[Position]], path: [CodingKey]) throws {
        for (i, ring) in rings.enumerated() {
            let ringPath = path + [AnyCodingKey(intValue: i)!]
            guard ring.count >= 4 else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: ringPath,
                        debugDescription: "a linear ring needs at least 4 positions, found \(ring.count)"))
            }
            guard ring.first!.coordinate == ring.last!.coordinate else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: ringPath,
                        debugDescription:
                            "linear ring is not closed (first position \(ring.first!.coordinate) ≠ last \(ring.last!.coordinate))"
                    ))
            }
        }
    }

    /// Twice the signed area in degree² (shoelace) of the ring as written (7 decimals), so that
    /// writing what was written keeps its order; positive means counterclockwise.
    static func signedArea(_ ring: [Position]) -> Double {
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            let (x0, y0) = (GeoJSON.rounded(ring[i].longitude), GeoJSON.rounded(ring[i].latitude))
            let (x1, y1) = (GeoJSON.rounded(ring[i + 1].longitude), GeoJSON.rounded(ring[i + 1].latitude))
            sum += x0 * y1 - x1 * y0
        }
        return sum
    }

    /// RFC 7946 §3.1.6: exterior rings counterclockwise, holes clockwise. A ring without area
    /// (collinear points) has no orientation and is left as it is.
    static func rightHanded(_ rings: [[Position]]) -> [[Position]] {
        rings.enumerated().map { i, ring in
            let area = signedArea(ring)
            guard area != 0 else { return ring }
            return (i == 0) == (area > 0) ? ring : ring.reversed()
        }
    }
}

/// A Feature's `id`: RFC 7946 allows a string or a number.
public enum FeatureID: Hashable, Sendable, Codable, CustomStringConvertible {
    case string(String)
    case number(Double)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "id must be a string or a number"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case let .string(s): try JSONValue.string(s).encode(to: encoder)
        case let .number(n): try JSONValue.number(n).encode(to: encoder)
        }
    }

    public var description: String {
        switch self {
        case let .string(s): s
        case let .number(n): formatForMessage(n)
        }
    }
}

/// A GeoJSON Feature. Members the RFC does not define are kept in `foreignMembers`.
public struct Feature: Hashable, Sendable {
    public var id: FeatureID?
    public var geometry: Geometry?
    public var properties: JSONObject?
    public var bbox: [Double]?
    public var foreignMembers: JSONObject

    public init(
        id: FeatureID? = nil, geometry: Geometry?, properties: JSONObject? = [:],
        bbox: [Double]? = nil, foreignMembers: JSONObject = [:]
    ) {
        self.id = id; self.geometry = geometry; self.properties = properties
        self.bbox = bbox; self.foreignMembers = foreignMembers
    }
}

extension Feature: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        try GeoJSON.expectType("Feature", in: c)
        try GeoJSON.checkCRS(in: c)
        id = try c.decodeIfPresent(FeatureID.self, forKey: AnyCodingKey("id"))
        // `geometry` must be present (it may be null): RFC 7946 §3.2.
        guard c.contains(AnyCodingKey("geometry")) else {
            throw DecodingError.keyNotFound(
                AnyCodingKey("geometry"),
                .init(codingPath: c.codingPath, debugDescription: "a Feature needs a geometry member (null is allowed)")
            )
        }
        geometry = try c.decodeIfPresent(Geometry.self, forKey: AnyCodingKey("geometry"))
        properties = try GeoJSON.decodeProperties(in: c)
        bbox = try GeoJSON.decodeBBox(in: c)
        foreignMembers = try GeoJSON.foreignMembers(
            in: c, known: ["type", "id", "geometry", "properties", "bbox", "crs"])
    }

    public func encode(to encoder: Encoder) throws { try jsonValue.encode(to: encoder) }

    public var jsonValue: JSONValue {
        var object: JSONObject = ["type": "Feature"]
        switch id {
        case let .string(s)?: object["id"] = .string(s)
        case let .number(n)?: object["id"] = .number(n)
        case nil: break
        }
        if let bbox { object["bbox"] = .array(bbox.map { .number(GeoJSON.rounded($0)) }) }
        object["geometry"] = geometry?.jsonValue ?? .null
        object["properties"] = properties.map(JSONValue.object) ?? .null
        for (key, value) in foreignMembers.members where object[key] == nil { object[key] = value }
        return .object(object)
    }
}

/// A GeoJSON FeatureCollection.
public struct FeatureCollection: Hashable, Sendable {
    public var features: [Feature]
    public var bbox: [Double]?
    public var foreignMembers: JSONObject

    public init(features: [Feature], bbox: [Double]? = nil, foreignMembers: JSONObject = [:]) {
        self.features = features; self.bbox = bbox; self.foreignMembers = foreignMembers
    }
}

extension FeatureCollection: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        try GeoJSON.expectType("FeatureCollection", in: c)
        try GeoJSON.checkCRS(in: c)
        features = try c.decode([Feature].self, forKey: AnyCodingKey("features"))
        bbox = try GeoJSON.decodeBBox(in: c)
        foreignMembers = try GeoJSON.foreignMembers(in: c, known: ["type", "features", "bbox", "crs"])
    }

    public func encode(to encoder: Encoder) throws { try jsonValue.encode(to: encoder) }

    public var jsonValue: JSONValue {
        var object: JSONObject = ["type": "FeatureCollection"]
        for (key, value) in foreignMembers.members where key != "type" && key != "features" { object[key] = value }
        if let bbox { object["bbox"] = .array(bbox.map { .number(GeoJSON.rounded($0)) }) }
        object["features"] = .array(features.map(\.jsonValue))
        return .object(object)
    }
}

/// Any GeoJSON text: a geometry, a Feature or a FeatureCollection.
public enum GeoJSON: Hashable, Sendable {
    case geometry(Geometry)
    case feature(Feature)
    case featureCollection(FeatureCollection)

    /// Output precision: 7 decimals of a degree, about 1 cm (RFC 7946 §11.2).
    public static let decimals = 7

    @inlinable
    public static func rounded(_ degrees: Double) -> Double { (degrees * 1e7).rounded() / 1e7 }

    /// Decodes any GeoJSON object.
    /// - Throws: `GeoJSONError` whose description names the JSON path of the bad member.
    public static func decode(_ data: Data) throws(GeoJSONError) -> GeoJSON {
        try decode(GeoJSONAny.self, from: data).value
    }

    /// Decodes a specific GeoJSON type (`Feature.self`, `FeatureCollection.self`, `Geometry.self`).
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(GeoJSONError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            if let syntax = JSONSyntax.firstError(in: [UInt8](data)) {
                throw GeoJSONError(path: "", reason: "not valid JSON at \(syntax)")
            }
            throw GeoJSONError(error)
        } catch {
            throw GeoJSONError(path: "", reason: "\(error)")
        }
    }

    /// Compact GeoJSON text with members in a fixed, readable order (`type` first).
    public static func text(_ value: GeoJSON) -> String {
        JSONWriter.string(value.jsonValue)
    }

    public var jsonValue: JSONValue {
        switch self {
        case let .geometry(g): g.jsonValue
        case let .feature(f): f.jsonValue
        case let .featureCollection(fc): fc.jsonValue
        }
    }

    // MARK: helpers shared by Feature and FeatureCollection

    static func expectType(_ expected: String, in c: KeyedDecodingContainer<AnyCodingKey>) throws {
        let type = try c.decode(String.self, forKey: AnyCodingKey("type"))
        guard type == expected else {
            throw DecodingError.dataCorruptedError(
                forKey: AnyCodingKey("type"), in: c,
                debugDescription: "expected type '\(expected)', found '\(type)'")
        }
    }

    /// RFC 7946 removed `crs`: coordinates are WGS 84 lon/lat. A legacy `crs` naming WGS 84 is
    /// accepted and dropped; any other CRS is an error, since the numbers would be misread.
    static func checkCRS(in c: KeyedDecodingContainer<AnyCodingKey>) throws {
        let key = AnyCodingKey("crs")
        guard c.contains(key), let crs = try c.decodeIfPresent(JSONValue.self, forKey: key) else { return }
        let name = crs.objectValue?["properties"]?.objectValue?["name"]?.stringValue ?? ""
        let wgs84 = [
            "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"
        ]
        guard wgs84.contains(name) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription:
                    "crs '\(name)' is not WGS 84; RFC 7946 GeoJSON is always lon/lat WGS 84 — reproject the file first (e.g. ogr2ogr -t_srs EPSG:4326)"
            )
        }
    }

    static func decodeProperties(in c: KeyedDecodingContainer<AnyCodingKey>) throws -> JSONObject? {
        let key = AnyCodingKey("properties")
        guard let value = try c.decodeIfPresent(JSONValue.self, forKey: key) else { return nil }
        guard case let .object(object) = value else {
            throw DecodingError.typeMismatch(
                JSONObject.self,
                .init(codingPath: c.codingPath + [key], debugDescription: "properties must be an object or null"))
        }
        return object
    }

    static func decodeBBox(in c: KeyedDecodingContainer<AnyCodingKey>) throws -> [Double]? {
        let key = AnyCodingKey("bbox")
        guard let bbox = try c.decodeIfPresent([Double].self, forKey: key) else { return nil }
        guard bbox.count == 4 || bbox.count == 6, bbox.allSatisfy(\.isFinite) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c,
                debugDescription: "bbox must hold 4 or 6 finite numbers, found \(bbox.count)")
        }
        return bbox
    }

    static func foreignMembers(in c: KeyedDecodingContainer<AnyCodingKey>, known: Set<String>) throws -> JSONObject {
        try JSONObject(from: c, skipping: known)
    }
}

/// Decodes whichever GeoJSON object the `type` member names.
private struct GeoJSONAny: Decodable {
    let value: GeoJSON
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        switch try c.decode(String.self, forKey: AnyCodingKey("type")) {
        case "Feature": value = .feature(try Feature(from: decoder))
        case "FeatureCollection": value = .featureCollection(try FeatureCollection(from: decoder))
        default: value = .geometry(try Geometry(from: decoder))
        }
    }
}

extension GeoJSON: Encodable {
    public func encode(to encoder: Encoder) throws { try jsonValue.encode(to: encoder) }
}

/// Formats coding paths the way people write JSON paths: `features[12].geometry.coordinates[3]`.
public enum JSONPath {
    public static func format(_ path: [CodingKey]) -> String {
        var out = ""
        for key in path {
            if let i = key.intValue {
                out += "[\(i)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type, is Int.Type, is Int64.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [Any].Type, is [Position].Type, is [[Position]].Type, is [[[Position]]].Type, is [Double].Type,
            is [Feature].Type, is [Geometry].Type:
            "an array"
        default: "an object"
        }
    }
}
