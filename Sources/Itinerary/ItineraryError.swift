import GeoCore

/// A problem the solver cannot take, with the JSON path of the bad member.
public enum ProblemError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(path: String, reason: String)
    case tooLarge(String)
    case unsupported(path: String, what: String)
    case infeasibleMandatory(jobID: Int, reason: String)
    /// vehicles[index] cannot go from start to end with only its breaks (so no answer exists).
    case impossibleVehicle(index: Int, Violation)

    public var description: String {
        switch self {
        case let .invalid(path, reason): path.isEmpty ? reason : "\(path): \(reason)"
        case let .tooLarge(what): what
        case let .unsupported(path, what): "\(path): \(what) is not supported"
        case let .infeasibleMandatory(id, reason): "mandatory job \(id) cannot be visited: \(reason)"
        case let .impossibleVehicle(v, violation):
            "vehicles[\(v)]: even a day without visits breaks its limits (\(violation)); widen its time_window or move its breaks"
        }
    }
}

extension ProblemError: ShowcaseError {
    public var code: String {
        switch self {
        case .invalid: "bad-problem"
        case .tooLarge: "too-large"
        case .unsupported: "unsupported"
        case .infeasibleMandatory, .impossibleVehicle: "unsatisfiable"
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .invalid, .unsupported: .badInput
        case .tooLarge: .tooLarge
        case .infeasibleMandatory, .impossibleVehicle: .unsatisfiable
        }
    }
}
