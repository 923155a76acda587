import Foundation
import FuzzDriver
import Hummingbird
import Logging
import Service
import ShowcaseServer

// Bytes as the path and query of a GET request to the whole service: the real server (the same
// `ShowcaseServer.application` that `showcase serve` runs, NIO sockets and HTTP parser included)
// listens on a free loopback port in this process, and each input is sent over one kept-alive
// connection. The first byte picks an endpoint, the rest is appended with the bytes a client
// would have to escape (controls, space, non-ASCII, #) percent-encoded. No answer may be a 5xx.
// Needs SHOWCASE_FUZZ_DB: a database made by `showcase init` (scripts/fuzz.sh makes one).
let endpoints = [
    "/collections/sites/items?", "/collections/towns/items?", "/collections/routes/items?", "/collections/tours/items?",
    "/collections/sites/items/", "/collections/", "/route?", "/reach?", "/?", "/collections?", "/api?",
    "/static/leaflet/",
    "/itinerary/evaluate?itinerary=", "/app/", "/collections/roads/items?"
]

nonisolated(unsafe) var application: (any Sendable)?

/// The server, started once per process; `port` is where it listens.
let port: UInt16 = {
    guard let db = ProcessInfo.processInfo.environment["SHOWCASE_FUZZ_DB"] else {
        fatalError("set SHOWCASE_FUZZ_DB to a database made by showcase init")
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..")
        .standardized
    let workspace = try! Workspace(databasePath: db, dataFolder: root.path, limits: .server)
    var config = ServerConfiguration(workspace: workspace)
    config.port = 0
    let bound = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var port = 0
    let app = try! ShowcaseServer.application(config, logger: Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() }) {
        p in
        port = p
        bound.signal()
    }
    application = app // rooted in a global, so LeakSanitizer sees what the server keeps (caches, graphs)
    Task.detached { try await app.runService() }
    bound.wait()
    return UInt16(port)
}()

/// One HTTP/1.1 connection, reopened when the server closes it.
final class Connection: @unchecked Sendable {
    private var fd: Int32 = -1

    private func open() {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard ok == 0 else { fatalError("cannot connect to the server on port \(port)") }
    }

    /// Sends a GET and returns the status code of its answer (0: the connection closed first).
    func get(_ target: String) -> Int {
        if fd < 0 { open() }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count
        else { reset(); return 0 }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let headEnd = received.firstRange(of: [13, 10, 13, 10]) {
                let head = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self)
                let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
                let length =
                    head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                if received.count - headEnd.upperBound >= length {
                    if head.lowercased().contains("connection: close") { reset() }
                    return status
                }
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { reset(); return received.isEmpty ? 0 : -1 }
            received += chunk[..<n]
        }
    }

    private func reset() { close(fd); fd = -1 }
}
let connection = Connection()

/// Percent-encodes what may not appear raw in a request target.
func target(_ bytes: UnsafeRawBufferPointer.SubSequence) -> String {
    var out = ""
    for b in bytes {
        if b > 0x20, b < 0x7F, b != UInt8(ascii: "#") {
            out.unicodeScalars.append(Unicode.Scalar(b))
        } // % stays: the fuzzer writes escapes too
        else {
            out += String(format: "%%%02X", b)
        }
    }
    return out
}

@main enum Harness { static func main() { runLibFuzzer(fuzzHTTPQuery) } }

@_cdecl("LLVMFuzzerTestOneInput") // libFuzzer's runtime links against this name
public func fuzzHTTPQuery(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let uri = endpoints[Int(bytes[0]) % endpoints.count] + target(bytes.dropFirst())
    let status = connection.get(uri)
    // 0: the server closed the connection without an answer (its HTTP parser refused the
    // request line, as it may); anything else must be a proper answer below 500.
    guard status == 0 || (200..<500).contains(status) else { fatalError("GET \(uri) answered \(status)") }
    return 0
}
