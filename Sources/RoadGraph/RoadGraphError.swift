import GeoCore
import Words

/// Errors of road import and routing, each one line a user can act on.
public enum RoadGraphError: Error, CustomStringConvertible, Equatable {
    case badProfile(String)
    case badInput(String)
    case noRoads(String)
    case badGraph(String)
    /// A point the graph cannot reach (`RoadProblem`), after `context` (which field or location).
    case offRoad(RoadProblem, context: String = "")
    case noRoute(String)

    /// The message with `«field»` placeholders (see `ShowcaseError`).
    public var template: String { template(in: .en) }

    /// Points off the road are said in each language; the other cases (import and graph
    /// problems, met by operators at the CLI) in English.
    public func template(in language: Language) -> String {
        switch self {
        case .badProfile(let m), .badInput(let m), .noRoads(let m), .badGraph(let m), .noRoute(let m): m
        case let .offRoad(problem, context): context + problem.text(language)
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
        case .offRoad(.tooFarFromRoad, _): "too-far-from-road"
        case .offRoad(.noRoads, _): "no-roads"
        case .noRoute: "no-route"
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .badProfile, .badInput, .noRoads, .offRoad(.noRoads, _): .badInput
        case .badGraph: .notFound
        case .offRoad(.tooFarFromRoad, _), .noRoute: .unsatisfiable
        }
    }
}
