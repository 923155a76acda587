import Crypto
import Foundation
import Hummingbird
import Service

/// Someone a bearer token stands for: their name (written into the edit history) and role.
public struct Editor: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        /// May read and write.
        case editor
        /// May read; a write is refused with 403 (a token for tools that only look).
        case reader
    }
    public let name: String
    public let role: Role

    public init(name: String, role: Role) { self.name = name; self.role = role }
}

/// Checks the bearer token of every request against the editors and refuses a write
/// endpoint (access `.editor` in the endpoint table) to anyone but an editor: 403 when the server
/// has no editors (read-only) or the token is a reader's, 401 without a known token.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ShowcaseRequestContext
    let table: EndpointTable
    let editors: Editors

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            context.editor = editors.editor(token: String(header.dropFirst(7)))
        }
        let method = request.method == .head ? .get : request.method
        let access = table.at(request.uri.path).first { $0.method == method }?.access ?? .anyone
        if access == .editor {
            guard !editors.isEmpty else {
                throw HTTPProblem(
                    status: .forbidden, title: "Read-only",
                    detail: "this server is read-only; start it with SHOWCASE_TOKEN or --token-file to allow writes",
                    code: "read-only")
            }
            guard let editor = context.editor else {
                throw HTTPProblem(
                    status: .unauthorized, title: "Unauthorized",
                    detail: "writes need the header Authorization: Bearer <token> with an editor's token",
                    code: "unauthorized")
            }
            guard editor.role == .editor else {
                throw HTTPProblem(
                    status: .forbidden, title: "Forbidden",
                    detail: "\(editor.name) holds a reader's token: reads only", code: "reader-token")
            }
        }
        return try await next(request, context)
    }
}

/// The people who may use the server with a token, each by a SHA-256 hash of their token: the
/// server (and its editors file) never holds a token itself.
public struct Editors: Sendable {
    private let byHash: [String: Editor]

    /// Nobody: the server is read-only.
    public init() { byHash = [:] }

    /// One editor holding `token` (what `SHOWCASE_TOKEN` and `--token-file` give).
    public init(token: String, name: String = "operator") {
        byHash = [Self.hash(token): Editor(name: name, role: .editor)]
    }

    init(_ byHash: [String: Editor]) { self.byHash = byHash }

    /// These editors and `other`'s (for a token the same as one here, `other`'s entry).
    public func adding(_ other: Editors) -> Editors { Editors(byHash.merging(other.byHash) { $1 }) }

    /// Reads an editors file: one person a line, `NAME ROLE sha256:HEX` (role `editor` or
    /// `reader`; `showcase editors add` writes such lines); `#` starts a comment.
    /// - Throws: `InputError` naming the file and line.
    public static func load(path: String) throws -> Editors {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError(source: path, reason: "cannot read the editors file")
        }
        var byHash: [String: Editor] = [:]
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.isEmpty { continue }
            func fail(_ why: String) -> InputError { InputError(source: path, line: i + 1, reason: why) }
            guard words.count == 3 else { throw fail("expected NAME ROLE sha256:HEX, found \(words.count) words") }
            guard let role = Editor.Role(rawValue: words[1]) else {
                throw fail("role '\(words[1])' is not editor or reader")
            }
            let hash = words[2].lowercased()
            guard hash.hasPrefix("sha256:"), hash.count == 71, hash.dropFirst(7).allSatisfy(\.isHexDigit) else {
                throw fail("'\(words[2])' is not sha256: and 64 hex digits (the file holds hashes, never tokens)")
            }
            if let other = byHash[hash] { throw fail("the same token as \(other.name)'s") }
            byHash[hash] = Editor(name: words[0], role: role)
        }
        return Editors(byHash)
    }

    /// A new random token (256 bits, hex) and the editors-file line for it.
    public static func newToken(name: String, role: Editor.Role) -> (token: String, line: String) {
        let token = SymmetricKey(size: .bits256).withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        return (token, "\(name) \(role.rawValue) \(hash(token))")
    }

    public var isEmpty: Bool { byHash.isEmpty }
    public var count: Int { byHash.count }

    /// The editor whose token this is, or nil.
    public func editor(token: String) -> Editor? { byHash[Self.hash(token)] }

    /// `sha256:` and the token's SHA-256 in hex, as the editors file writes it.
    public static func hash(_ token: String) -> String {
        "sha256:" + SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
