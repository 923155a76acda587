import Foundation
import GeoCore
import Hummingbird
import Service
import Words

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

    /// The voice of an answer's texts: the language of `lang`, else the request's
    /// `Accept-Language`, else English; request fields named as keys, or kept as `«key»` with
    /// `fields=marked` (for a client that words them itself, as the web app does with its labels).
    func voice(_ request: Request) throws -> Voice {
        let language: Language
        if let lang = string("lang") {
            guard let l = Language(rawValue: lang) else { throw FieldError("lang", "must be zh or en") }
            language = l
        } else {
            language = Self.language(of: request)
        }
        switch string("fields") ?? "keys" {
        case "keys": return Voice(language)
        case "marked": return .marked(language)
        default: throw FieldError("fields", "must be keys or marked")
        }
    }

    /// The language a request asks for without failing: a valid `lang`, else `Accept-Language`,
    /// else English (how problem JSON chooses, whatever else is wrong with the request).
    static func language(of request: Request) -> Language {
        if let lang = request.uri.queryParameters.get("lang"), let l = Language(rawValue: lang) { return l }
        return request.headers[.acceptLanguage].flatMap { Language(acceptLanguage: $0) } ?? .en
    }

    /// Fields as keys, or kept `«marked»` when `fields=marked` asks for it (problem JSON).
    static func marksFields(_ request: Request) -> Bool { request.uri.queryParameters.get("fields") == "marked" }
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
