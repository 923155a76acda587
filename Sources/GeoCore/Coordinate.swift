/// A WGS 84 position in GIS order: longitude first, as RFC 7946 and this project use everywhere.
///
/// The throwing initialiser is the one place where ranges are checked, so every `Coordinate`
/// that exists is finite and in range.
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    public let longitude: Double
    public let latitude: Double

    /// - Throws: `CoordinateError` naming the value that is out of range or not finite.
    public init(longitude: Double, latitude: Double) throws(CoordinateError) {
        guard longitude.isFinite else { throw .notFinite(axis: "longitude", value: longitude) }
        guard latitude.isFinite else { throw .notFinite(axis: "latitude", value: latitude) }
        guard (-180...180).contains(longitude) else {
            throw .outOfRange(axis: "longitude", value: longitude, range: "-180…180")
        }
        guard (-90...90).contains(latitude) else {
            throw .outOfRange(axis: "latitude", value: latitude, range: "-90…90")
        }
        self.longitude = longitude
        self.latitude = latitude
    }

    /// For values already known to be valid (constants, results of our own arithmetic).
    public init(uncheckedLongitude longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    public var description: String { "\(longitude),\(latitude)" }
}

/// Prints a number as a user typed it (no trailing ".0" on whole numbers).
func formatForMessage(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}
