import GeoCore

/// What went wrong while setting up or running a transformation; `description` is one line and
/// carries PROJ's own wording where PROJ was the one that refused.
public enum ProjectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// PROJ does not know the CRS text (`reason` is PROJ's message).
    case unknownCRS(String, reason: String)
    /// The text names something that is not a CRS (an ellipsoid, an operation …).
    case notACRS(String, kind: String)
    /// PROJ found no way between two CRSs.
    case noTransformation(from: String, to: String, reason: String)
    /// One point could not be transformed, for example outside the projection's domain.
    case pointFailed(index: Int, x: Double, y: Double, reason: String)
    /// The x and y arrays of a batch differ in length.
    case lengthMismatch(x: Int, y: Int)

    public var description: String {
        switch self {
        case let .unknownCRS(crs, reason):
            "unknown CRS '\(crs)': \(reason) (try an EPSG code such as EPSG:4546, a PROJ string, WKT, GCJ02 or BD09)"
        case let .notACRS(crs, kind):
            "'\(crs)' is a \(kind), not a coordinate reference system"
        case let .noTransformation(from, to, reason):
            "no transformation from \(from) to \(to): \(reason)"
        case let .pointFailed(index, x, y, reason):
            "point \(index + 1) (\(x) \(y)) could not be transformed: \(reason)"
        case let .lengthMismatch(x, y):
            "batch has \(x) x values but \(y) y values"
        }
    }
}

extension ProjectionError: ShowcaseError {
    public var code: String {
        switch self {
        case .unknownCRS: "unknown-crs"
        case .notACRS: "not-a-crs"
        case .noTransformation: "no-transformation"
        case .pointFailed: "point-failed"
        case .lengthMismatch: "internal"
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .unknownCRS, .notACRS, .pointFailed: .badInput
        case .noTransformation: .unsatisfiable
        case .lengthMismatch: .internalError
        }
    }
}
