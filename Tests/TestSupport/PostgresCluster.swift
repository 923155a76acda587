import Foundation

/// A throwaway PostgreSQL 15 + PostGIS cluster for one test: `initdb` as the `postgres` user in
/// a temporary folder (outside /root, which that user cannot enter), on a free loopback port;
/// stopped and removed when the value goes away.
public final class PostgresCluster: @unchecked Sendable {
    public static let bin = "/usr/lib/postgresql/15/bin"
    public let dir: String
    public let port: Int
    /// `postgresql://postgres@127.0.0.1:PORT/showcase`
    public var url: String { "postgresql://postgres@127.0.0.1:\(port)/showcase" }
    /// The same database as GDAL names it.
    public var gdal: String { "PG:host=127.0.0.1 port=\(port) dbname=showcase user=postgres" }

    public init() throws {
        dir = "/tmp/showcase-pg-\(UUID().uuidString.prefix(8))"
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Self.must(["chown", "postgres:postgres", dir])
        try Self.must(
            asPostgres(["\(Self.bin)/initdb", "-D", "\(dir)/data", "--auth=trust", "-U", "postgres", "-E", "UTF8"]))
        try start()
        try Self.must(asPostgres(["\(Self.bin)/createdb", "-h", "127.0.0.1", "-p", "\(port)", "showcase"]))
    }

    deinit {
        try? stop()
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The running server (postgres in the foreground under runuser; pg_ctl's daemon would hold
    /// Foundation's process-exit pipe open, so waiting for pg_ctl never returns).
    private var server: Process?

    /// Starts the server (again, after `stop`) and waits until it accepts connections.
    public func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        p.arguments = asPostgres([
            "\(Self.bin)/postgres", "-D", "\(dir)/data", "-p", "\(port)", "-k", dir, "-c",
            "listen_addresses=127.0.0.1", "-c", "fsync=off"
        ]).dropFirst().map { $0 }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        server = p
        for _ in 0..<100 {
            if try runTool(["\(Self.bin)/pg_isready", "-h", "127.0.0.1", "-p", "\(port)", "-t", "1"]).status == 0 {
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw ToolError(message: "PostgreSQL did not start on port \(port)")
    }

    /// Stops the server at once (fast shutdown: connections are cut) and waits for it to exit.
    public func stop() throws {
        guard let p = server else { return }
        let pidFile = (try? String(contentsOfFile: "\(dir)/data/postmaster.pid", encoding: .utf8)) ?? ""
        if let pid = pidFile.split(separator: "\n").first.flatMap({ Int32($0) }) { kill(pid, SIGINT) }
        p.waitUntilExit()
        server = nil
    }

    /// Runs SQL through psql; its output.
    public func psql(_ sql: String) throws -> String {
        String(
            decoding: try toolOutput(
                asPostgres(["psql", "-h", "127.0.0.1", "-p", "\(port)", "-d", "showcase", "-Atc", sql])),
            as: UTF8.self)
    }

    func asPostgres(_ command: [String]) -> [String] { ["runuser", "-u", "postgres", "--"] + command }

    static func must(_ command: [String]) throws {
        let run = try runTool(command)
        guard run.status == 0 else {
            throw ToolError(message: "\(command.joined(separator: " ")) failed: \(run.output)")
        }
    }

    /// A loopback port nobody listens on now.
    public static func freePort() throws -> Int {
        let out = try toolOutput([
            "python3", "-c",
            "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"
        ])
        return Int(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))!
    }
}
