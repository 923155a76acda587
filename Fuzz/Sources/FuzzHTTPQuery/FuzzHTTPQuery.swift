import Foundation
import FuzzDriver
import Hummingbird
import HummingbirdTesting
import Logging
import ShowcaseServer

// Bytes as the path and query of a GET request to the whole service, run in memory through
// HummingbirdTesting's router mode (same routes, middleware and handlers as `showcase serve`).
// The first byte picks an endpoint, the rest is appended raw. No answer may be a 5xx.
// Needs SHOWCASE_FUZZ_DB: a database made by `showcase init` (scripts/fuzz.sh makes one).
let endpoints = ["/collections/sites/items?", "/collections/towns/items?", "/collections/routes/items?", "/collections/tours/items?",
                 "/collections/sites/items/", "/collections/", "/route?", "/reach?", "/?", "/collections?", "/api?", "/static/leaflet/"]

final class Bridge: Sendable {
    let requests: AsyncStream<String>
    let continuation: AsyncStream<String>.Continuation
    let answered = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var status = 0   // written by the server task before `answered` is signalled

    init() {
        (requests, continuation) = AsyncStream.makeStream()
        guard let db = ProcessInfo.processInfo.environment["SHOWCASE_FUZZ_DB"] else { fatalError("set SHOWCASE_FUZZ_DB to a database made by showcase init") }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized
        let app = try! ShowcaseServer.application(ServerConfiguration(databasePath: db, dataRoot: root),
                                                  logger: Logger(label: "fuzz") { _ in SwiftLogNoOpLogHandler() })
        Task.detached { [self] in
            try await app.test(.router) { client in
                for await uri in self.requests {
                    do { self.status = Int(try await client.execute(uri: uri, method: .get).status.code) } catch { self.status = -1 }
                    self.answered.signal()
                }
            }
        }
    }

    func get(_ uri: String) -> Int {
        continuation.yield(uri)
        answered.wait()
        return status
    }
}
let bridge = Bridge()

@main enum Harness { static func main() { runLibFuzzer(fuzzHTTPQuery) } }

@_cdecl("LLVMFuzzerTestOneInput")   // libFuzzer's runtime links against this name
public func fuzzHTTPQuery(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let uri = endpoints[Int(bytes[0]) % endpoints.count] + String(decoding: bytes.dropFirst(), as: UTF8.self)
    let status = bridge.get(uri)
    guard (200..<500).contains(status) else { fatalError("GET \(uri) answered \(status)") }
    return 0
}
