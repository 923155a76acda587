import Foundation
import Testing
import TestSupport

private let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("deploy")

/// Three `showcase serve` replicas on one PostGIS store behind HAProxy (deploy/haproxy.cfg),
/// all on loopback: an edit through one replica is what the next read through another sees
/// (no stale cache, no stale ETag accepted), and a replica killed with SIGKILL costs the
/// clients behind HAProxy no failed request.
@Suite(.serialized) struct ReplicaTests {
    @Test func editsCrossReplicasAndAKilledReplicaLosesNoRequest() throws {
        let pg = try PostgresCluster()
        let token = "replica-token"
        let a = try RunningServer(token: token, store: pg.url)
        let b = try RunningServer(token: token, store: pg.url, build: false)
        let c = try RunningServer(token: token, store: pg.url, build: false)
        let id = "im-hhht-dazhao-temple"
        // B reads first (so any cache of B's holds the old version), then A edits, then B reads again.
        let old = try b.exchange("/collections/sites/items/\(id)")
        let oldPage = try b.exchange("/collections/sites/items?limit=5000").body
        let edit = try a.exchange(
            "/collections/sites/items/\(id)", method: "PATCH", body: #"{"properties":{"highlight":"via A"}}"#,
            headers: ["Authorization: Bearer \(token)", "If-Match: \(old.headers["etag"] ?? "")"])
        #expect(edit.status == 200)
        let seen = try b.exchange("/collections/sites/items/\(id)")
        #expect((seen.json["properties"] as? [String: Any])?["highlight"] as? String == "via A")
        #expect(seen.headers["etag"] == edit.headers["etag"])
        #expect(try b.exchange("/collections/sites/items?limit=5000").body != oldPage)
        // The tag B handed out before A's edit is stale on C too.
        let stale = try c.exchange(
            "/collections/sites/items/\(id)", method: "PATCH", body: #"{"properties":{"highlight":"via C"}}"#,
            headers: ["Authorization: Bearer \(token)", "If-Match: \(old.headers["etag"] ?? "")"])
        #expect(stale.status == 412)
        let history = try c.exchange("/collections/sites/items/\(id)/history").json["versions"] as? [[String: Any]]
        #expect(history?.count == 1)

        // HAProxy over the three; 90 requests one after another, replica B killed after 30.
        let front = try PostgresCluster.freePort()
        var cfg = try String(contentsOf: deploy.appendingPathComponent("haproxy.cfg"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("    server ") }
            .joined(separator: "\n").replacingOccurrences(of: "127.0.0.1:8000", with: "127.0.0.1:\(front)")
        for (k, s) in [a, b, c].enumerated() { cfg += "    server r\(k) 127.0.0.1:\(s.port) check\n" }
        let file = a.dir.appendingPathComponent("haproxy.cfg")
        try cfg.write(to: file, atomically: true, encoding: .utf8)
        let haproxy = Process()
        haproxy.executableURL = URL(fileURLWithPath: "/usr/sbin/haproxy")
        haproxy.arguments = ["-f", file.path, "-db"]
        haproxy.standardOutput = FileHandle.nullDevice
        haproxy.standardError = FileHandle.nullDevice
        try haproxy.run()
        defer { haproxy.terminate(); haproxy.waitUntilExit() }
        let balancer = "http://127.0.0.1:\(front)"
        var up = false
        for _ in 0..<50 where !up {
            up = (try? runTool(["curl", "-sf", "\(balancer)/health"]).status) == 0
            if !up { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(up)
        var statuses: [Int] = []
        for i in 0..<90 {
            if i == 30 { kill(b.process.processIdentifier, SIGKILL) }
            let r = try runTool([
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "\(balancer)/collections/sites/items/\(id)"
            ])
            statuses.append(Int(String(decoding: r.stdout, as: UTF8.self)) ?? 0)
        }
        #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
    }
}
