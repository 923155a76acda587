import Foundation
import Hummingbird

/// The web app's files (`WebApp/` in this module's resources: the page, its styles, its ES
/// modules under `js/` and its words under `i18n/`) and Debian's Leaflet. Only files in these
/// lists are served: the app's list is what the bundle holds, read once, so nothing else on disk
/// is reachable through it and a new module needs no change here.
enum WebApp {
    static let types = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "png": "image/png", "svg": "image/svg+xml"
    ]
    /// The app's files by path inside `WebApp/` (`index.html`, `js/map.js`, `i18n/en.js` …).
    static let appFiles: [String: URL] = {
        guard let root = Bundle.module.url(forResource: "WebApp", withExtension: nil),
            let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [:] }
        var files: [String: URL] = [:]
        let prefix = root.resolvingSymlinksInPath().path + "/"
        for case let url as URL in walk where types[url.pathExtension] != nil {
            let path = url.resolvingSymlinksInPath().path
            if path.hasPrefix(prefix) { files[String(path.dropFirst(prefix.count))] = url }
        }
        return files
    }()
    static let leafletFiles: Set<String> = [
        "leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
        "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"
    ]

    static func file(_ name: String) throws -> Response {
        guard let url = appFiles[name], let data = FileManager.default.contents(atPath: url.path) else {
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
