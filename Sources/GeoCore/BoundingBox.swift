/// A longitude/latitude rectangle (west, south, east, north), the order of RFC 7946 `bbox`.
///
/// Boxes crossing the antimeridian (west > east) are not supported: this project's data lies in
/// China, and a box that needs them is rejected rather than silently misread.
public struct BoundingBox: Hashable, Sendable, CustomStringConvertible {
    public let west: Double
    public let south: Double
    public let east: Double
    public let north: Double

    /// - Throws: `CoordinateError` when a corner is out of range, or `BoundingBoxError.inverted`.
    public init(west: Double, south: Double, east: Double, north: Double) throws {
        _ = try Coordinate(longitude: west, latitude: south)
        _ = try Coordinate(longitude: east, latitude: north)
        guard west <= east, south <= north else {
            throw BoundingBoxError.inverted(west: west, south: south, east: east, north: north)
        }
        self.west = west; self.south = south; self.east = east; self.north = north
    }

    /// The smallest box holding every coordinate; nil for none.
    public init?<S: Sequence>(covering coordinates: S) where S.Element == Coordinate {
        var west = Double.infinity, south = Double.infinity
        var east = -Double.infinity, north = -Double.infinity
        for c in coordinates {
            west = min(west, c.longitude); east = max(east, c.longitude)
            south = min(south, c.latitude); north = max(north, c.latitude)
        }
        guard west.isFinite else { return nil }
        self.west = west; self.south = south; self.east = east; self.north = north
    }

    public func contains(_ c: Coordinate) -> Bool {
        (west...east).contains(c.longitude) && (south...north).contains(c.latitude)
    }

    /// Parses `MINLON,MINLAT,MAXLON,MAXLAT`, the form used by the CLI and OGC API `bbox`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 4 else { throw BoundingBoxError.syntax(text) }
        let numbers = try parts.map { part -> Double in
            guard let v = parseDecimal(part.trimmingCharacters(in: .whitespaces)) else {
                throw BoundingBoxError.syntax(text)
            }
            return v
        }
        try self.init(west: numbers[0], south: numbers[1], east: numbers[2], north: numbers[3])
    }

    public var description: String { "\(west),\(south),\(east),\(north)" }
}
