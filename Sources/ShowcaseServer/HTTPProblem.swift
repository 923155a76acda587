import Foundation
import GeoCore
import Hummingbird
import Service
import Words

/// An error answered as RFC 9457 problem JSON (`application/problem+json`) with a stable `code`
/// member for programs (the same codes as the library's errors).
struct HTTPProblem: Error, Sendable {
    let status: HTTPResponse.Status
    let title: String
    let detail: String
    let code: String
    var field: String?

    init(status: HTTPResponse.Status, title: String, detail: String, code: String, field: String? = nil) {
        self.status = status; self.title = title; self.detail = detail; self.code = code; self.field = field
    }

    static func badRequest(_ detail: String, code: String = "bad-request") -> HTTPProblem {
        .init(status: .badRequest, title: "Bad request", detail: detail, code: code)
    }
    static func notFound(_ detail: String) -> HTTPProblem {
        .init(status: .notFound, title: "Not found", detail: detail, code: "not-found")
    }

    /// The one mapping of library errors to HTTP: the category gives the status, fields are
    /// named as the request's keys (or kept `«marked»`), the detail in the request's language.
    init(_ error: ShowcaseError, voice: Voice = Voice()) {
        let (status, title): (HTTPResponse.Status, String) =
            switch error.category {
            case .badInput: (.badRequest, "Bad request")
            case .notFound: (.notFound, "Not found")
            case .unsatisfiable: (.unprocessableContent, "Cannot be satisfied")
            case .tooLarge: (.contentTooLarge, "Too large")
            case .busy: (.serviceUnavailable, "Busy")
            case .internalError: (.internalServerError, "Internal error")
            case .stale: (.preconditionFailed, "Precondition failed")
            case .conflict: (.conflict, "Conflict")
            case .unavailable: (.serviceUnavailable, "Store unavailable")
            }
        self.init(
            status: status, title: title, detail: voice.say(error), code: error.code,
            field: (error as? FieldError)?.field)
    }

    func response(instance: String) -> Response {
        var body: JSONObject = [
            "type": .string("about:blank"), "title": .string(title), "status": .number(Double(status.code)),
            "detail": .string(detail), "instance": .string(instance), "code": .string(code)
        ]
        if let field { body["field"] = .string(field) }
        var response = Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(string: JSONWriter.string(.object(body)))))
        if status == .serviceUnavailable { response.headers[.retryAfter] = "2" }
        return response
    }
}

/// Turns any error a handler throws into problem JSON, so no client ever sees a bare 500 page.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        do {
            return try await next(request, context)
        } catch let p as HTTPProblem {
            return p.response(instance: path)
        } catch let e as ShowcaseError {
            if e.category == .internalError { context.logger.error("internal error: \(e)") }
            let language = Query.language(of: request)
            let voice = Query.marksFields(request) ? Voice.marked(language) : Voice(language)
            return HTTPProblem(e, voice: voice).response(instance: path)
        } catch let e as HTTPError {
            let status = e.status
            return HTTPProblem(
                status: status, title: status.reasonPhrase, detail: e.body ?? status.reasonPhrase,
                code: "http-\(status.code)"
            ).response(instance: path)
        } catch {
            context.logger.error("unhandled error: \(error)")
            return HTTPProblem(
                status: .internalServerError, title: "Internal error",
                detail: "the server could not answer this request", code: "internal"
            ).response(instance: path)
        }
    }
}

/// A response with a body and a media type.
func reply(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
}

func json(_ value: JSONValue, type: String = "application/json") -> Response {
    reply(JSONWriter.string(value), type: type)
}
