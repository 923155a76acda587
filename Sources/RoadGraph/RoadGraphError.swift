import GeoCore

/// Errors of road import and routing, each one line a user can act on.
public enum RoadGraphError: Error, CustomStringConvertible, Equatable {
    case badProfile(String)
    case badInput(String)
    case noRoads(String)
    case badGraph(String)
    case tooFarFromRoad(String)
    case noRoute(String)

    /// The message with `«field»` placeholders (see `ShowcaseError`).
    public var template: String {
        switch self {
        case .badProfile(let m), .badInput(let m), .noRoads(let m), .badGraph(let m), .tooFarFromRoad(let m),
            .noRoute(let m):
            m
        }
    }

    public var description: String { FieldText.plain(template) }
}

extension RoadGraphError: ShowcaseError {

    public var code: String {
        switch self {
        case .badProfile: "bad-profile"
        case .badInput: "bad-road-file"
        case .noRoads: "no-roads"
        case .badGraph: "no-graph"
        case .tooFarFromRoad: "too-far-from-road"
        case .noRoute: "no-route"
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .badProfile, .badInput, .noRoads: .badInput
        case .badGraph: .notFound
        case .tooFarFromRoad, .noRoute: .unsatisfiable
        }
    }
}
