/// The languages every text a user reads is written in.
///
/// Each face picks one: the CLI from `--lang`, HTTP from `lang`, else the request's
/// `Accept-Language`, else English; the web app from its own switch (it sends `lang`).
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// The language an `Accept-Language` header prefers among ours (RFC 9110 §12.5.4): the
    /// highest `q` wins, ties go to the one listed first; nil when it names neither.
    /// `zh-CN,zh;q=0.9,en;q=0.8` → zh; `en-US,en;q=0.9,zh;q=0.5` → en; `fr` → nil.
    public init?(acceptLanguage header: String) {
        var best: (language: Language, q: Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let tag = parts.first, !tag.isEmpty else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard q > 0, let language = Language(rawValue: primary) else { continue }
            if best == nil || q > best!.q { best = (language, q) }
        }
        guard let best else { return nil }
        self = best.language
    }
}

/// A text that exists in every language: each phrase enum conforms, and its two properties
/// are exhaustive switches in `English.swift` and `Chinese.swift` — a case added without its
/// translation does not compile.
///
/// Texts name request fields as `«field»` (see GeoCore's `ShowcaseError`): each face spells
/// them its own way, a flag in the CLI, a key over HTTP, a form label in the web app.
public protocol Worded: Sendable {
    var english: String { get }
    var chinese: String { get }
}

extension Worded {
    public func text(_ language: Language) -> String {
        switch language {
        case .en: english
        case .zh: chinese
        }
    }
}
