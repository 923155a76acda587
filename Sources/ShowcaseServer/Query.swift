import Foundation
import Hummingbird
import Service

/// A request's query parameters, read by name with the same words as the CLI's flags in
/// snake_case; a parameter the endpoint does not know is a 400 naming the known ones.
struct Query {
    let parameters: Hummingbird.Parameters

    init(_ request: Request, known: [String]) throws {
        parameters = request.uri.queryParameters
        let allowed = Set(known + ["f", "format"])
        if let unknown = parameters.map({ String($0.key) }).sorted().first(where: { !allowed.contains($0) }) {
            throw FieldError(
                unknown,
                "is not a parameter of \(request.uri.path) (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ name: String) -> String? { parameters.get(name) }
    func all(_ name: String) -> [String] { parameters.getAll(name) }

    func required(_ name: String, _ what: String) throws -> String {
        guard let v = string(name), !v.isEmpty else { throw FieldError(name, "is missing (\(what))") }
        return v
    }

    func double(_ name: String) throws -> Double? {
        guard let v = string(name) else { return nil }
        guard let d = Double(v), d.isFinite else { throw FieldError(name, "must be a number (got \"\(v)\")") }
        return d
    }

    func int(_ name: String) throws -> Int? {
        guard let v = string(name) else { return nil }
        guard let i = Int(v) else { throw FieldError(name, "must be a whole number (got \"\(v)\")") }
        return i
    }

    func uint(_ name: String) throws -> UInt64? {
        guard let v = string(name) else { return nil }
        guard let i = UInt64(v) else { throw FieldError(name, "must be a whole number ≥ 0 (got \"\(v)\")") }
        return i
    }

    func bool(_ name: String) throws -> Bool? {
        guard let v = string(name) else { return nil }
        switch v {
        case "true", "1", "": return true;
        case "false", "0": return false
        default: throw FieldError(name, "must be true or false (got \"\(v)\")")
        }
    }

    /// The output format: `f` (the OGC API's name) or `format` (the CLI's), one of `allowed`.
    func format<F: RawRepresentable & CaseIterable>(_: F.Type, default value: F) throws -> F
    where F.RawValue == String {
        guard let text = string("f") ?? string("format") else { return value }
        guard let f = F(rawValue: text) else {
            throw FieldError(
                "f", "must be one of \(F.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(text)\")")
        }
        return f
    }
}
