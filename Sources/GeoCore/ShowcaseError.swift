import Words

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
    /// The same in a language (Words); errors not yet worded in Chinese give their English.
    func template(in language: Language) -> String
}

extension ShowcaseError {
    /// Messages without placeholders are their own template.
    public var template: String { description }
    public func template(in language: Language) -> String { template }
    /// The message with each `«field»` spelled by `field`.
    public func worded(_ field: (String) -> String) -> String { FieldText.spell(template, field) }
    /// The message in `language`, each `«field»` spelled by `field`.
    public func worded(_ language: Language, _ field: (String) -> String) -> String {
        FieldText.spell(template(in: language), field)
    }
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

/// How a face words what it shows: the reader's language, and how it spells a request field
/// (`--include-coarse` in the CLI, `include_coarse` over HTTP, a form label in the web app).
public struct Voice: Sendable {
    public var language: Language
    public var field: @Sendable (String) -> String

    public init(_ language: Language = .en, field: @escaping @Sendable (String) -> String = { $0 }) {
        self.language = language; self.field = field
    }

    /// A text in this voice: its words in the language, its fields spelled.
    public func say(_ text: some Worded) -> String { FieldText.spell(text.text(language), field) }

    /// An error in this voice.
    public func say(_ error: some ShowcaseError) -> String { error.worded(language, field) }

    /// HTTP's spelling for a client that words fields itself: `«include_coarse»` kept as it is.
    public static func marked(_ language: Language) -> Voice { Voice(language) { "«\($0)»" } }
}
