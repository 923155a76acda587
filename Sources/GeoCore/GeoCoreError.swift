/// Why a pair of numbers is not a WGS 84 coordinate; `description` is one line a user can act on.
public enum CoordinateError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFinite(axis: String, value: Double)
    case outOfRange(axis: String, value: Double, range: String)

    public var description: String {
        switch self {
        case let .notFinite(axis, value): "\(axis) \(value) is not a finite number"
        case let .outOfRange(axis, value, range): "\(axis) \(formatForMessage(value)) out of range (\(range))"
        }
    }
}

/// Bad GeoJSON: `path` is the JSON path of the offending member, as in
/// `features[12].geometry.coordinates[3]: latitude 91.2 out of range (-90…90)`.
public struct GeoJSONError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(_ error: DecodingError) {
        switch error {
        case let .dataCorrupted(context):
            self.init(path: JSONPath.format(context.codingPath), reason: context.debugDescription)
        case let .keyNotFound(key, context):
            self.init(path: JSONPath.format(context.codingPath), reason: "missing member '\(key.stringValue)'")
        case let .typeMismatch(type, context):
            self.init(path: JSONPath.format(context.codingPath), reason: "expected \(JSONPath.typeName(type))")
        case let .valueNotFound(type, context):
            self.init(
                path: JSONPath.format(context.codingPath), reason: "expected \(JSONPath.typeName(type)), found null")
        @unknown default:
            self.init(path: "", reason: "\(error)")
        }
    }

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}

public enum BoundingBoxError: Error, Equatable, Sendable, CustomStringConvertible {
    case inverted(west: Double, south: Double, east: Double, north: Double)
    case syntax(String)

    public var description: String {
        switch self {
        case let .inverted(w, s, e, n):
            "bounding box \(w),\(s),\(e),\(n) has west > east or south > north (antimeridian boxes are not supported)"
        case let .syntax(text):
            "bounding box '\(text)' is not MINLON,MINLAT,MAXLON,MAXLAT"
        }
    }
}

extension CoordinateError: ShowcaseError {
    public var code: String { "bad-coordinate" }
    public var category: ErrorCategory { .badInput }
}

extension GeoJSONError: ShowcaseError {
    public var code: String { "bad-geojson" }
    public var category: ErrorCategory { .badInput }
}

extension BoundingBoxError: ShowcaseError {
    public var code: String { "bad-bbox" }
    public var category: ErrorCategory { .badInput }
}
