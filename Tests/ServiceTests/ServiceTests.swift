import Foundation
import GeoCore
import Logging
import Planner
import Service
import ShowcaseServer
import Synchronization
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite struct ServiceTests {
    func workspace(limits: Limits = .commandLine, check: (@Sendable (TripItinerary) -> [String])? = nil) throws
        -> Workspace
    {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("service-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try Workspace(
            databasePath: dir.appendingPathComponent("im.gpkg").path, dataFolder: projectRoot.path, limits: limits,
            extraPlanCheck: check)
    }

    /// Each face spells request fields its way; the message is the same.
    @Test func fieldsAreSpelledByEachFace() throws {
        let e = PlanError(.invalidRequest, "give either «hotels» for each night or «choose_hotels», not both")
        #expect(e.description == "give either hotels for each night or choose_hotels, not both")
        #expect(
            e.worded { "--" + $0.replacingOccurrences(of: "_", with: "-") }
                == "give either --hotels for each night or --choose-hotels, not both")
        #expect(FieldText.plain("a «b» c «not a field!» d") == "a b c «not a field!» d")
        #expect(FieldError("days", "must be 1 to 14").worded { "--\($0)" } == "--days must be 1 to 14")
    }

    /// The checker runs inside the plan operation: a plan it (or an extra check) refuses is an
    /// error on every face, here through a real server on a real socket.
    @Test func aPlanTheCheckerRefusesIsAnErrorOverHTTP() async throws {
        let refuse: @Sendable (TripItinerary) -> [String] = { plan in
            ["test hook refuses every plan (\(plan.days.count) days)"]
        }
        let ws = try workspace(limits: .server, check: refuse)
        let spec = try PlanSpec.parse("start: Hohhot\ndate: 2026-06-02\ndays: 1\ntime_limit: 0.3\n", source: "test")
        #expect(throws: PlanError.self) { try ws.plan(spec) }
        var config = ServerConfiguration(workspace: ws)
        config.port = 0
        let port = Mutex<Int?>(nil)
        let app = try ShowcaseServer.application(config, logger: Logger(label: "test")) { bound in
            port.withLock { $0 = bound }
        }
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var bound: Int?
        for _ in 0..<200 where bound == nil {
            try await Task.sleep(for: .milliseconds(25))
            bound = port.withLock { $0 }
        }
        let base = "http://127.0.0.1:\(try #require(bound))"
        let body = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID()).yaml")
        try "start: Hohhot\ndate: 2026-06-02\ndays: 1\ntime_limit: 0.3\n".write(
            to: body, atomically: true, encoding: .utf8)
        let run = try runTool([
            "curl", "-s", "-w", "\n%{http_code}", "-X", "POST", "--data-binary", "@" + body.path, base + "/plan?f=json"
        ])
        let text = String(decoding: run.stdout, as: UTF8.self)
        #expect(text.hasSuffix("\n500"), "\(text)")
        #expect(text.contains(#""code":"internal""#) && text.contains("test hook refuses every plan (1 days)"))
        // Without the hook the same request is planned.
        let plain = try workspace(limits: .server)
        #expect(try plain.plan(spec).itinerary.days.count == 1)
    }

    /// The library's limits are the faces' limits.
    @Test func limitsLiveInOnePlace() throws {
        let ws = try workspace(limits: .server)
        let points = (0...Limits.server.matrixPlaces).map { i in [111.0 + Double(i) * 0.001, 40.8] }
        #expect(throws: InputError.self) { try ws.matrix(MatrixRequest(places: .points(points))) }
        #expect(Limits.commandLine.matrixPlaces > Limits.server.matrixPlaces)
    }
}
