import Foundation
import GeoCore
import Hummingbird

/// An error answered as RFC 9457 problem JSON (`application/problem+json`), with a 4xx/5xx status.
struct HTTPProblem: Error, Sendable {
    let status: HTTPResponse.Status
    let title: String
    let detail: String

    static func badRequest(_ detail: String) -> HTTPProblem { .init(status: .badRequest, title: "Bad request", detail: detail) }
    static func notFound(_ detail: String) -> HTTPProblem { .init(status: .notFound, title: "Not found", detail: detail) }

    func response(instance: String) -> Response {
        let body: JSONValue = .object(["type": .string("about:blank"), "title": .string(title), "status": .number(Double(status.code)),
                                       "detail": .string(detail), "instance": .string(instance)])
        return Response(status: status, headers: [.contentType: "application/problem+json"],
                        body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(body))))
    }
}

/// Turns any error a handler throws into problem JSON, so no client ever sees a bare 500 page.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let allowed: [HTTPRequest.Method] = ["/matrix", "/plan", "/solve"].contains(path) ? [.post]
            : path == "/collections/sites/items" ? [.get, .head, .post] : [.get, .head]
        guard allowed.contains(request.method) else {
            var response = HTTPProblem(status: .methodNotAllowed, title: "Method not allowed",
                                       detail: "\(path) answers \(allowed.map(\.rawValue).joined(separator: ", ")) only").response(instance: path)
            response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return response
        }
        do {
            return try await next(request, context)
        } catch let p as HTTPProblem {
            return p.response(instance: request.uri.path)
        } catch let e as HTTPError {
            let status = e.status
            return HTTPProblem(status: status, title: status.reasonPhrase, detail: e.body ?? status.reasonPhrase).response(instance: request.uri.path)
        } catch {
            context.logger.error("unhandled error: \(error)")
            return HTTPProblem(status: .internalServerError, title: "Internal error", detail: "the server could not answer this request").response(instance: request.uri.path)
        }
    }
}

/// A response with a body and a media type.
func reply(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
}

func json(_ value: JSONValue, type: String = "application/json") -> Response { reply(JSONWriter.string(value), type: type) }
