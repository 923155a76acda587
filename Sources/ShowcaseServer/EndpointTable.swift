import Foundation
import GeoCore
import Hummingbird

/// The request context of every handler: Hummingbird's core, plus who the access middleware
/// found behind the request's token (nil: nobody, a read).
public struct ShowcaseRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The editor (or reader) the bearer token belongs to, set by `AccessMiddleware`.
    public var editor: Editor?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// One endpoint of the service: its method, its path, who may call it, how the OpenAPI
/// document describes it, and its handler. The router, the method check (405 with `Allow`,
/// `OPTIONS`), the access check and `/api` are all derived from one list of these, so adding an
/// endpoint is adding one entry (`ShowcaseServer.endpoints`).
struct Endpoint: Sendable {
    typealias Handler = @Sendable (Request, ShowcaseRequestContext) async throws -> Response

    /// Who may call an endpoint: anyone, or a holder of an editor's token.
    enum Access: Sendable { case anyone, editor }

    let method: HTTPRequest.Method
    /// The path as OpenAPI writes it: `/collections/sites/items/{featureId}`.
    let path: String
    let access: Access
    /// The OpenAPI operation object (summary, parameters, requestBody, responses); nil: a
    /// file of the web app, left out of `/api`.
    let operation: JSONObject?
    let handler: Handler

    init(
        _ method: HTTPRequest.Method, _ path: String, access: Access = .anyone, operation: JSONObject?,
        handler: @escaping Handler
    ) {
        self.method = method; self.path = path; self.access = access; self.operation = operation
        self.handler = handler
    }

    /// The path in Hummingbird's spelling: `{featureId}` → `:featureId`.
    var routerPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
        }.joined(separator: "/")
    }

    /// Whether `requestPath` is this endpoint's path (a `{name}` segment matches any one segment).
    func matches(_ requestPath: String) -> Bool {
        let want = path.split(separator: "/"), have = requestPath.split(separator: "/")
        guard want.count == have.count else { return false }
        return zip(want, have).allSatisfy { w, h in (w.hasPrefix("{") && w.hasSuffix("}")) || w == h }
    }
}

/// The endpoints, looked up by request path.
struct EndpointTable: Sendable {
    let endpoints: [Endpoint]

    /// The endpoints at a path, one per method (constant paths win over `{name}` ones, as in the router).
    func at(_ path: String) -> [Endpoint] {
        let matching = endpoints.filter { $0.matches(path) }
        let constant = matching.filter { !$0.path.contains("{") }
        let byMethod = Dictionary(grouping: matching, by: \.method)
        return byMethod.values.map { candidates in
            candidates.first { c in constant.contains { $0.path == c.path } } ?? candidates[0]
        }
    }

    /// What `Allow` lists for a path: its methods, HEAD with GET, and OPTIONS (none: no such path).
    func allowed(_ path: String) -> [HTTPRequest.Method] {
        let methods = Set(at(path).map(\.method))
        guard !methods.isEmpty else { return [] }
        let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
        return order.filter { methods.contains($0) || ($0 == .head && methods.contains(.get)) || $0 == .options }
    }

    /// Registers every endpoint with the router.
    func register(on router: Router<ShowcaseRequestContext>) {
        for e in endpoints { router.on(RouterPath(e.routerPath), method: e.method, use: e.handler) }
    }
}

/// Answers `OPTIONS` with `Allow`, refuses a method a path does not answer (405 with `Allow`)
/// and an unknown path (404 problem naming the known ones), all from the endpoint table.
struct MethodMiddleware: RouterMiddleware {
    typealias Context = ShowcaseRequestContext
    let table: EndpointTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let path = request.uri.path
        let allowed = table.allowed(path)
        let allow = allowed.map(\.rawValue).joined(separator: ", ")
        if allowed.isEmpty {
            if path.hasPrefix("/collections/") {
                let id = path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
                if !FeatureCollections.collections.contains(where: { $0.id == id }) {
                    _ = try FeatureCollections.collection(id) // throws the problem naming the collections
                }
            }
            throw HTTPProblem.notFound("no endpoint at \(path); the API is described at /api")
        }
        if request.method == .options {
            return Response(status: .noContent, headers: [.allow: allow])
        }
        guard allowed.contains(request.method) else {
            var response = HTTPProblem(
                status: .methodNotAllowed, title: "Method not allowed", detail: "\(path) answers \(allow) only",
                code: "method-not-allowed"
            ).response(instance: path)
            response.headers[.allow] = allow
            return response
        }
        var response = try await next(request, context)
        if response.headers[.allow] == nil, [.post, .put, .patch, .delete].contains(request.method) {
            response.headers[.allow] = allow
        }
        return response
    }
}
