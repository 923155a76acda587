import Foundation
import GeoCore

/// Bad input found while reading what a face was given: a file, standard input or a body.
/// Reads `points.txt:14: expected lon,lat` (the source and, where known, the line).
public struct InputError: ShowcaseError, Sendable {
    public let source: String
    public let line: Int?
    public let reason: String
    public let code: String
    public let category: ErrorCategory

    public init(
        source: String, line: Int? = nil, reason: String, code: String = "bad-input",
        category: ErrorCategory = .badInput
    ) {
        self.source = source; self.line = line; self.reason = reason; self.code = code; self.category = category
    }

    public var description: String {
        if let line { "\(source):\(line): \(reason)" } else { "\(source): \(reason)" }
    }
}

/// A request field that is missing, malformed or out of range: `«days» must be 1 to 14`.
public struct FieldError: ShowcaseError, Sendable {
    /// The field's snake_case name.
    public let field: String
    public let reason: String
    public init(_ field: String, _ reason: String) { self.field = field; self.reason = reason }
    public var code: String { "invalid-field" }
    public var category: ErrorCategory { .badInput }
    public var template: String { "«\(field)» \(reason)" }
    public var description: String { FieldText.plain(template) }
}

/// The service is at its limit of concurrent plans and solves.
public struct BusyError: ShowcaseError, Sendable {
    public init() {}
    public var code: String { "busy" }
    public var category: ErrorCategory { .busy }
    public var description: String {
        "the server is already computing its maximum of plans and solves; try again shortly"
    }
}

/// Reads small text inputs whole, refusing anything over the limit before reading it.
public enum TextInput {
    /// A file, or standard input for nil or "-", as UTF-8 text.
    public static func read(_ path: String?, limit: Int) throws -> (name: String, text: String) {
        let name = path ?? "stdin"
        let data: Data
        if let path, path != "-" {
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
                throw InputError(
                    source: path, reason: "\(size >> 20) MB is over the \(limit >> 20) MB limit for this kind of file",
                    code: "too-large", category: .tooLarge)
            }
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw InputError(source: path, reason: "cannot read the file (\(describe(error)))")
            }
        } else {
            data = (try? FileHandle.standardInput.read(upToCount: limit + 1)) ?? Data()
            guard data.count <= limit else {
                throw InputError(
                    source: name, reason: "standard input is over the \(limit >> 20) MB limit", code: "too-large",
                    category: .tooLarge)
            }
        }
        return (name, try text(data, source: name))
    }

    /// A file's bytes, or standard input's for "-".
    public static func bytes(_ path: String, limit: Int) throws -> (name: String, data: Data) {
        if path == "-" {
            let data = (try? FileHandle.standardInput.read(upToCount: limit + 1)) ?? Data()
            guard data.count <= limit else {
                throw InputError(
                    source: "stdin", reason: "standard input is over the \(limit >> 20) MB limit", code: "too-large",
                    category: .tooLarge)
            }
            return ("stdin", data)
        }
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
            throw InputError(source: path, reason: "cannot read the file (no such file)")
        }
        guard size <= limit else {
            throw InputError(
                source: path, reason: "\(size >> 20) MB is over the \(limit >> 20) MB limit for this kind of file",
                code: "too-large", category: .tooLarge)
        }
        do { return (path, try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw InputError(source: path, reason: "cannot read the file (\(describe(error)))")
        }
    }

    /// Bytes as UTF-8 text, or an error naming the source.
    public static func text(_ data: Data, source: String) throws -> String {
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(source: source, reason: "not UTF-8 text")
        }
        return text
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
        return ns.localizedDescription
    }
}
