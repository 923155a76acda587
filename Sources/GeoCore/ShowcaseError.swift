/// What kind of failure an error is, which every face maps the same way (the CLI to its exit
/// status, HTTP to a status code), so a request refused by one face is refused by the other.
public enum ErrorCategory: Sendable, Equatable {
    /// The request or a file in it is malformed or out of range (HTTP 400).
    case badInput
    /// A place, site, feature or graph the request names does not exist (HTTP 404).
    case notFound
    /// Well-formed, but the data cannot satisfy it: no route, no plan that keeps the rules (HTTP 422).
    case unsatisfiable
    /// Over a documented limit (HTTP 413).
    case tooLarge
    /// The service is at its limit of concurrent work; try again (HTTP 503).
    case busy
    /// A bug of ours, e.g. a checker refused an answer (HTTP 500).
    case internalError
    /// An edit made against a version that is no longer the current one (HTTP 412): nothing written.
    case stale
    /// An edit that contradicts what is stored, e.g. creating an id that exists (HTTP 409).
    case conflict
    /// The store (a database server) does not answer; try again (HTTP 503).
    case unavailable
}

/// An error each face words for its own reader.
///
/// Library messages never name a CLI flag: they name request fields as `«field»` (the snake_case
/// key of plan files and HTTP requests). The CLI spells them `--field`, HTTP as the field name.
/// `code` is stable for programs (problem JSON's `code` member); the words may change.
public protocol ShowcaseError: Error, CustomStringConvertible {
    var code: String { get }
    var category: ErrorCategory { get }
    /// The message with `«field»` placeholders; `description` spells them plainly.
    var template: String { get }
}

extension ShowcaseError {
    /// Messages without placeholders are their own template.
    public var template: String { description }
    /// The message with each `«field»` spelled by `field`.
    public func worded(_ field: (String) -> String) -> String { FieldText.spell(template, field) }
}

/// Messages that mention request fields as `«field»`.
public enum FieldText {
    /// Replaces every `«name»` in `text` by `field(name)`.
    public static func spell(_ text: String, _ field: (String) -> String) -> String {
        guard text.contains("«") else { return text }
        var out = "", rest = Substring(text)
        while let open = rest.firstIndex(of: "«"), let close = rest[open...].firstIndex(of: "»") {
            out += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            out +=
                name.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "." }) && !name.isEmpty
                ? field(String(name)) : String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The plain spelling (HTTP, logs): the field's own name.
    public static func plain(_ text: String) -> String { spell(text) { $0 } }
}
