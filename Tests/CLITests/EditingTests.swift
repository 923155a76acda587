import Foundation
import Testing
import TestSupport

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

private func object(_ text: String) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
}

/// One HTTP exchange with its response headers (lower-cased names).
struct Exchange {
    var status: Int
    var headers: [String: String]
    var body: String
    var json: [String: Any] { object(body) }
}

extension RunningServer {
    func exchange(_ path: String, method: String = "GET", body: String? = nil, headers: [String] = []) throws
        -> Exchange
    {
        let out = dir.appendingPathComponent("resp-\(UUID())"), head = dir.appendingPathComponent("head-\(UUID())")
        var args = ["curl", "-s", "-m", "60", "-o", out.path, "-D", head.path, "-w", "%{http_code}", "-X", method]
        for h in headers { args += ["-H", h] }
        if let body {
            let file = dir.appendingPathComponent("body-\(UUID())")
            try body.write(to: file, atomically: true, encoding: .utf8)
            args += ["--data-binary", "@" + file.path]
        }
        args.append(base + path)
        let status = Int(String(decoding: try runTool(args).stdout, as: UTF8.self)) ?? 0
        var fields: [String: String] = [:]
        for line in ((try? String(contentsOf: head, encoding: .utf8)) ?? "").split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 {
                fields[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return Exchange(status: status, headers: fields, body: (try? String(contentsOf: out, encoding: .utf8)) ?? "")
    }
}

/// A server with two people in its editors file: wang (editor) and audit (reader).
private func editedServer(store: String? = nil) throws -> (RunningServer, editor: String, reader: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("editors-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let file = dir.appendingPathComponent("editors.txt").path
    let wang = try showcase(["editors", "add", "wang", "--file", file])
    let audit = try showcase(["editors", "add", "audit", "--role", "reader", "--file", file])
    #expect(wang.status == 0 && audit.status == 0, "\(wang.stderr) \(audit.stderr)")
    let text = try String(contentsOfFile: file, encoding: .utf8)
    let editor = wang.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let reader = audit.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    // The file holds hashes only, never a token.
    #expect(!text.contains(editor) && !text.contains(reader) && text.contains("wang editor sha256:"))
    return (try RunningServer(arguments: ["--editors", file], store: store), editor, reader)
}

private let museum =
    #"{"type":"Feature","geometry":{"type":"Point","coordinates":[111.7,40.8]},"#
    + #""properties":{"id":"part4-site","name_en":"Part 4 museum","kind":"museum","status":"active"}}"#

/// The two stores every store test runs on.
enum Backend: String, CustomStringConvertible, Sendable {
    case geopackage, postgis
    static let all: [Backend] = [.geopackage, .postgis]
    var description: String { rawValue }
    /// A throwaway PostgreSQL cluster for `.postgis`, nil for the GeoPackage.
    func cluster() throws -> PostgresCluster? { self == .postgis ? try PostgresCluster() : nil }
}

@Suite(.serialized) struct EditingTests {
    /// The request sequence QGIS sends to edit a layer (OPTIONS, POST, GET, PUT, PATCH, DELETE),
    /// with ETags and If-Match; a stale tag, a reader's token and a bad feature are refused and
    /// write nothing; the history records every write with its editor.
    @Test(arguments: Backend.all) func part4CreateReadReplacePatchDeleteWithETags(backend: Backend) throws {
        let cluster = try backend.cluster()
        defer { withExtendedLifetime(cluster) {} }
        let (s, editor, reader) = try editedServer(store: cluster?.url)
        let auth = "Authorization: Bearer \(editor)"
        let options = try s.exchange("/collections/sites/items", method: "OPTIONS")
        #expect(options.status == 204 && options.headers["allow"] == "GET, HEAD, POST, OPTIONS")
        let itemOptions = try s.exchange("/collections/sites/items/im-hhht-dazhao-temple", method: "OPTIONS")
        #expect(itemOptions.headers["allow"] == "GET, HEAD, PUT, PATCH, DELETE, OPTIONS")
        #expect(
            try s.exchange("/collections/towns/items/1", method: "OPTIONS").headers["allow"] == "GET, HEAD, OPTIONS")

        let created = try s.exchange(
            "/collections/sites/items", method: "POST", body: museum,
            headers: [auth, "Content-Type: application/geo+json"])
        #expect(created.status == 201, "\(created.body)")
        #expect(created.headers["location"] == "/collections/sites/items/part4-site")
        let read = try s.exchange("/collections/sites/items/part4-site")
        let tag1 = try #require(read.headers["etag"])
        #expect(read.status == 200 && tag1 == created.headers["etag"])
        #expect(try s.exchange("/collections/sites/items", method: "POST", body: museum, headers: [auth]).status == 409)

        // PUT replaces the whole feature (a property left out is gone).
        let replaced = museum.replacingOccurrences(of: #","status":"active""#, with: "")
            .replacingOccurrences(of: "Part 4 museum", with: "Replaced museum")
        let put = try s.exchange(
            "/collections/sites/items/part4-site", method: "PUT", body: replaced, headers: [auth, "If-Match: \(tag1)"])
        let tag2 = try #require(put.headers["etag"])
        #expect(put.status == 200 && tag2 != tag1)
        // A PATCH against the old tag is refused and writes nothing.
        let stale = try s.exchange(
            "/collections/sites/items/part4-site", method: "PATCH", body: #"{"properties":{"name_zh":"旧"}}"#,
            headers: [auth, "If-Match: \(tag1)", "Content-Type: application/merge-patch+json"])
        #expect(stale.status == 412 && stale.json["code"] as? String == "stale-tag", "\(stale.body)")
        let patch = try s.exchange(
            "/collections/sites/items/part4-site", method: "PATCH",
            body: #"{"properties":{"name_zh":"第四部分博物馆","highlight":"new"},"#
                + #""geometry":{"type":"Point","coordinates":[111.71,40.81]}}"#,
            headers: [auth, "If-Match: \(tag2)"])
        #expect(patch.status == 200, "\(patch.body)")
        let now = try s.exchange("/collections/sites/items/part4-site").json
        let properties = now["properties"] as! [String: Any]
        #expect(properties["name_zh"] as? String == "第四部分博物馆")
        #expect(properties["name_en"] as? String == "Replaced museum")
        #expect((now["geometry"] as! [String: Any])["coordinates"] as! [Double] == [111.71, 40.81])
        // Without If-Match an edit is accepted (QGIS does not always send it); a null removes a field.
        let patch2 = try s.exchange(
            "/collections/sites/items/part4-site", method: "PATCH", body: #"{"properties":{"highlight":null}}"#,
            headers: [auth])
        #expect(patch2.status == 200)
        #expect(
            (try s.exchange("/collections/sites/items/part4-site").json["properties"] as! [String: Any])["highlight"]
                is NSNull)

        // Bad input: one problem naming the field; nothing is written.
        let badKind = try s.exchange(
            "/collections/sites/items/part4-site", method: "PATCH", body: #"{"properties":{"kind":"castle"}}"#,
            headers: [auth])
        #expect(badKind.status == 400 && badKind.json["field"] as? String == "kind", "\(badKind.body)")
        let badPoint = try s.exchange(
            "/collections/sites/items", method: "POST",
            body: museum.replacingOccurrences(of: "part4-site", with: "other").replacingOccurrences(
                of: "111.7,40.8", with: "111.7,95"), headers: [auth])
        #expect(badPoint.status == 400 && badPoint.json["field"] as? String == "geometry", "\(badPoint.body)")
        #expect(try s.exchange("/collections/sites/items/other").status == 404)

        // A reader's token reads but may not write; no token at all is 401.
        let byReader = try s.exchange(
            "/collections/sites/items/part4-site", method: "DELETE", headers: ["Authorization: Bearer \(reader)"])
        #expect(byReader.status == 403 && byReader.json["code"] as? String == "reader-token")
        #expect(try s.exchange("/collections/sites/items/part4-site", method: "DELETE").status == 401)

        let deleted = try s.exchange("/collections/sites/items/part4-site", method: "DELETE", headers: [auth])
        #expect(deleted.status == 204)
        #expect(try s.exchange("/collections/sites/items/part4-site").status == 404)

        let history = try s.exchange("/collections/sites/items/part4-site/history").json
        let versions = history["versions"] as! [[String: Any]]
        #expect(versions.map { $0["operation"] as! String } == ["create", "replace", "update", "update", "delete"])
        #expect(versions.allSatisfy { $0["editor"] as? String == "wang" })
        #expect(versions.first!["before"] is NSNull && versions.last!["after"] is NSNull)

        // The CLI reads the same history and reverts: version 3 comes back, as a recorded edit.
        let cli = try showcase(["sites", "history", "part4-site", "--store", s.db])
        #expect(cli.status == 0 && cli.stdout.split(separator: "\n").count == 5, "\(cli.stdout)\(cli.stderr)")
        #expect(try showcase(["sites", "revert", "part4-site", "--to", "3", "--store", s.db]).status == 0)
        let back = try s.exchange("/collections/sites/items/part4-site").json
        #expect((back["properties"] as! [String: Any])["highlight"] as? String == "new")
        let after = try s.exchange("/collections/sites/items/part4-site/history").json["versions"] as! [[String: Any]]
        #expect(after.count == 6 && after.last!["operation"] as? String == "revert")
    }

    /// OWSLib's Part 4 client (PyPI, pinned) creates, reads, replaces and deletes a site.
    @Test func owslibEditsThroughPart4() throws {
        let (s, editor, _) = try editedServer()
        let run = try runTool(["python3", fixtures.appendingPathComponent("part4_owslib.py").path, s.base, editor])
        #expect(run.status == 0, "\(run.stderr)")
        let seen = object(String(decoding: run.stdout, as: UTF8.self))
        #expect((seen["collections"] as? [String])?.contains("sites") == true)
        #expect(
            seen["created"] as? Bool == true && seen["location"] as? String == "/collections/sites/items/owslib-site")
        #expect(seen["read"] as? String == "OWSLib museum")
        #expect(seen["read_again"] as? String == "OWSLib museum, replaced")
        #expect(seen["deleted"] as? Bool == true && seen["after_delete"] as? Int == 404)
    }

    /// 20 clients PATCH one site at once with the same If-Match: exactly one is written, the
    /// others get 412, and the history gains one version. 20 clients editing 20 sites lose nothing.
    @Test(arguments: Backend.all) func concurrentEditsLoseNothing(backend: Backend) throws {
        let cluster = try backend.cluster()
        defer { withExtendedLifetime(cluster) {} }
        let (s, editor, _) = try editedServer(store: cluster?.url)
        let auth = "Authorization: Bearer \(editor)"
        let id = "im-hhht-dazhao-temple"
        let tag = try #require(try s.exchange("/collections/sites/items/\(id)").headers["etag"])
        let statuses = UnsafeMutableBufferPointer<Int>.allocate(capacity: 20)
        statuses.initialize(repeating: 0)
        defer { statuses.deallocate() }
        nonisolated(unsafe) let slots = statuses, server = s
        DispatchQueue.concurrentPerform(iterations: 20) { i in
            slots[i] =
                (try? server.exchange(
                    "/collections/sites/items/\(id)", method: "PATCH",
                    body: #"{"properties":{"highlight":"client \#(i)"}}"#,
                    headers: [auth, "If-Match: \(tag)"]
                ).status) ?? 0
        }
        #expect(
            statuses.filter { $0 == 200 }.count == 1 && statuses.filter { $0 == 412 }.count == 19, "\(Array(statuses))")
        let versions = try s.exchange("/collections/sites/items/\(id)/history").json["versions"] as! [[String: Any]]
        #expect(versions.count == 1)

        let ids =
            (object(try s.exchange("/collections/sites/items?limit=20&offset=100").body)["features"]
            as! [[String: Any]]).map { $0["id"] as! String }
        #expect(ids.count == 20)
        DispatchQueue.concurrentPerform(iterations: 20) { i in
            slots[i] =
                (try? server.exchange(
                    "/collections/sites/items/\(ids[i])", method: "PATCH",
                    body: #"{"properties":{"highlight":"edited \#(i)"}}"#, headers: [auth]
                ).status) ?? 0
        }
        #expect(statuses.allSatisfy { $0 == 200 }, "\(Array(statuses))")
        for (i, site) in ids.enumerated() {
            let p = try s.exchange("/collections/sites/items/\(site)").json["properties"] as! [String: Any]
            #expect(p["highlight"] as? String == "edited \(i)")
        }
    }

    /// GET /health answers; SIGTERM lets a plan in flight finish before the process exits.
    @Test func healthAndDrainOnSigterm() throws {
        let s = try RunningServer()
        let health = try s.exchange("/health")
        #expect(health.status == 200 && health.json["status"] as? String == "ok")
        nonisolated(unsafe) var planned: Exchange?
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let server = s
        DispatchQueue.global().async {
            planned = try? server.exchange(
                "/plan", method: "POST", body: "start: Hohhot\ndate: 2026-06-02\ndays: 2\ntime_limit: 3\n")
            done.signal()
        }
        Thread.sleep(forTimeInterval: 1.0)
        s.process.terminate() // SIGTERM while the plan runs
        done.wait()
        s.process.waitUntilExit()
        #expect(planned?.status == 200, "\(planned?.body ?? "no answer")")
        #expect(s.process.terminationStatus == 0 && s.process.terminationReason == .exit)
    }

    /// Every path the router answers is in the one table, which also gives /api: each documented
    /// GET without parameters answers, and a method a path lacks gets 405 with Allow.
    @Test func oneTableGivesRoutesMethodsAndTheDocument() throws {
        let s = try RunningServer()
        let api = try s.exchange("/api").json
        let paths = api["paths"] as! [String: [String: Any]]
        #expect(
            paths["/collections/sites/items/{featureId}"]?.keys.sorted() == ["delete", "get", "options", "patch", "put"]
        )
        #expect(paths["/health"]?["get"] != nil && paths["/collections/sites/items/{featureId}/history"] != nil)
        for (path, item) in paths where item["get"] != nil && !path.contains("{") {
            let required = ((item["get"] as! [String: Any])["parameters"] as? [[String: Any]] ?? []).contains {
                $0["required"] as? Bool == true
            }
            if required { continue }
            let r = try s.exchange(path)
            #expect(r.status == 200, "\(path): \(r.status)")
        }
        let wrong = try s.exchange("/route", method: "POST", body: "{}")
        #expect(wrong.status == 405 && wrong.headers["allow"] == "GET, HEAD, OPTIONS")
        let conformance = try s.exchange("/conformance").json["conformsTo"] as! [String]
        #expect(conformance.contains("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete"))
    }
}
