import Foundation
import Hummingbird

/// The web app's files (`WebApp/` in this module's resources) and Debian's Leaflet. Only files
/// named in these lists are served: nothing else on disk is reachable through them.
enum WebApp {
    static let types = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "png": "image/png", "svg": "image/svg+xml"
    ]
    static let appFiles: Set<String> = ["index.html", "app.js", "app.css"]
    static let leafletFiles: Set<String> = [
        "leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
        "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"
    ]

    static func file(_ name: String) throws -> Response {
        guard appFiles.contains(name), let url = Bundle.module.url(forResource: "WebApp/" + name, withExtension: nil),
            let data = FileManager.default.contents(atPath: url.path)
        else {
            throw HTTPProblem(status: .notFound, title: "Not found", detail: "no app file \(name)", code: "not-found")
        }
        return response(data, name)
    }

    static func leaflet(_ name: String, directory: String) throws -> Response {
        guard leafletFiles.contains(name), let data = FileManager.default.contents(atPath: directory + "/" + name)
        else {
            throw HTTPProblem(
                status: .notFound, title: "Not found", detail: "no static file \(name)", code: "not-found")
        }
        return response(data, name)
    }

    static func response(_ data: Data, _ name: String) -> Response {
        let ext = (name as NSString).pathExtension
        return Response(
            status: .ok, headers: [.contentType: types[ext] ?? "application/octet-stream", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
