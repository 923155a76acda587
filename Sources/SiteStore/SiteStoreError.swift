import GeoCore

/// One-line store errors a user can act on.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case notAGeoPackage(path: String, reason: String)
    case noSuchSite(String)

    public var description: String {
        switch self {
        case let .notAGeoPackage(path, reason): "\(path): not a showcase GeoPackage (\(reason))"
        case let .noSuchSite(id): "no site with id '\(id)' (search the sites by name to find its id)"
        }
    }
}

/// Bad import input: `sites.csv:line 14: latitude 91.2 out of range (-90…90)`.
public struct SiteImportError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let location: String?
    public let reason: String

    /// One line, always: text quoted from the file (a header cell may hold a line break) is
    /// shown with its control characters escaped.
    public var description: String { FieldText.plain(template) }

    /// With `«crs»` where the message names the option.
    public var template: String {
        let reason = Self.oneLine(self.reason)
        guard let location else { return "\(file): \(reason)" }
        if location.hasPrefix("line ") { return "\(file):\(location.dropFirst(5)): \(reason)" }
        return "\(file): \(location): \(reason)"
    }

    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.flatMap { s -> [Unicode.Scalar] in
                    s.properties.generalCategory == .control ? Array(s.escaped(asASCII: false).unicodeScalars) : [s]
                }))
    }
}

/// A field that does not hold what the column needs; the reader adds file and line.
public struct SiteFieldError: Error, Equatable, CustomStringConvertible {
    public let field: String
    public let reason: String
    public var description: String { "\(field): \(reason)" }
}

public enum ShippedDataError: Error, CustomStringConvertible {
    case notFound(looked: [String])
    public var description: String { FieldText.plain(template) }
    public var template: String {
        "cannot find the shipped data folder GeoData/ (looked in: \(looked.joined(separator: "; "))); run from the project folder, or give «data» DIR or set SHOWCASE_DATA"
    }
    private var looked: [String] { if case let .notFound(l) = self { l } else { [] } }
}

extension StoreError: ShowcaseError {
    public var code: String {
        switch self {
        case .notAGeoPackage: "not-a-geopackage"
        case .noSuchSite: "unknown-site"
        }
    }
    public var category: ErrorCategory {
        switch self {
        case .notAGeoPackage: .badInput
        case .noSuchSite: .notFound
        }
    }
}

extension SiteImportError: ShowcaseError {
    public var code: String { "bad-site-file" }
    public var category: ErrorCategory { .badInput }
}

extension SiteFieldError: ShowcaseError {
    public var code: String { "bad-field" }
    public var category: ErrorCategory { .badInput }
}

extension ShippedDataError: ShowcaseError {
    public var code: String { "no-shipped-data" }
    public var category: ErrorCategory { .notFound }
}
