import GeoCore
import Words

/// Why a plan request failed, in one line with what to do. Fields are named `«field»` (see
/// `ShowcaseError`), so the CLI shows its flags and HTTP its keys.
public struct PlanError: ShowcaseError, Sendable {
    public enum Kind: String, Sendable {
        /// A field is missing, malformed or out of range.
        case invalidRequest = "invalid-request"
        /// A plan or route file that cannot be read (its line named).
        case badFile = "bad-file"
        /// A place that is not lon,lat, a site, a town or a site name.
        case unknownPlace = "unknown-place"
        /// A site id the data does not have.
        case unknownSite = "unknown-site"
        /// Well-formed, but no plan keeps every rule (closed sites, days too short, no road).
        case unsatisfiable = "unsatisfiable"
        /// A checker refused an answer: a bug of ours.
        case internalError = "internal"
    }

    public let kind: Kind
    /// What is wrong, in every language (nil for the texts still made in English only: a plan
    /// or route file's syntax, which its author reads at the CLI).
    public let problem: PlanProblem?
    /// The message with `«field»` placeholders, in English.
    public let template: String

    public init(_ kind: Kind, _ template: String) { self.kind = kind; self.template = template; problem = nil }
    public init(_ kind: Kind, _ problem: PlanProblem) {
        self.kind = kind; self.problem = problem; template = problem.english
    }
    /// A request the data cannot satisfy.
    public init(_ problem: PlanProblem) { self.init(.unsatisfiable, problem) }

    public func template(in language: Language) -> String { problem?.text(language) ?? template }

    public var code: String { kind.rawValue }
    public var category: ErrorCategory {
        switch kind {
        case .invalidRequest, .badFile: .badInput
        case .unknownPlace, .unknownSite: .notFound
        case .unsatisfiable: .unsatisfiable
        case .internalError: .internalError
        }
    }
    public var message: String { description }
    public var description: String { FieldText.plain(template) }
}
