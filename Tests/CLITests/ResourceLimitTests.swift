import Foundation
import Testing

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Inputs built to exhaust memory or time get one short line and exit 1, before any work:
/// 2 GB files (sparse, so the test costs no disk), deep nesting, a million stops.
@Suite struct ResourceLimitTests {
    static let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-limits-\(UUID())")
        try! FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    static func sparse(_ name: String, bytes: UInt64 = 2 << 30) throws -> String {
        let path = dir.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: bytes)
        try handle.close()
        return path
    }

    static func write(_ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let database: String = {
        let db = dir.appendingPathComponent("limits.gpkg").path
        _ = try? showcase(["init", "--db", db, "--data", projectRoot.path])
        return db
    }()

    /// One line on stderr, naming the file, saying why; exit status 1.
    static func expectRefused(_ arguments: [String], saying reason: String) throws {
        let run = try showcase(arguments)
        #expect(run.status == 1, "\(arguments): exit \(run.status)")
        #expect(
            run.stderr.hasPrefix("showcase: error: ") && run.stderr.filter { $0 == "\n" }.count == 1,
            "\(run.stderr.prefix(500))")
        #expect(run.stderr.contains(reason), "\(run.stderr.prefix(500))")
        #expect(run.stderr.count < 400, "an error of \(run.stderr.count) characters")
    }

    @Test func twoGigabyteInputsAreRefusedBeforeReading() throws {
        let db = Self.database
        try Self.expectRefused(
            ["sites", "import", try Self.sparse("big.csv"), "--db", db], saying: "over the 512 MB limit")
        try Self.expectRefused(
            ["sites", "import", try Self.sparse("big.geojson"), "--db", db], saying: "over the 512 MB limit")
        try Self.expectRefused(["plan", try Self.sparse("big.yaml"), "--db", db], saying: "over the 16 MB limit")
        try Self.expectRefused(["solve", try Self.sparse("big.json")], saying: "over the 256 MB limit")
        // A PBF is mapped, not read: 2 GB of zeros fails on its first block header.
        try Self.expectRefused(
            ["roads", "import", try Self.sparse("big.osm.pbf"), "--db", db, "--data", projectRoot.path],
            saying: "blob header claims 0 bytes")
    }

    @Test func deeplyNestedInputsAreRefused() throws {
        let db = Self.database
        let brackets = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        try Self.expectRefused(
            [
                "sites", "import",
                try Self.write("deep.geojson", #"{"type":"FeatureCollection","features":"# + brackets + "}"), "--db", db
            ],
            saying: "nested deeper than 512 levels")
        try Self.expectRefused(
            ["solve", try Self.write("deep.json", #"{"jobs":"# + brackets + "}")], saying: "not valid JSON")
        try Self.expectRefused(
            ["plan", try Self.write("deep.yaml", "start: " + brackets + "\n"), "--db", db], saying: "not valid YAML")
    }

    @Test func aMillionStopsAreRefused() throws {
        let db = Self.database
        var points = ""
        for i in 0..<1_000_000 { points += "\(111 + Double(i % 1000) / 1000),\(40 + Double(i / 1000) / 1000)\n" }
        try Self.expectRefused(
            ["matrix", "--points", try Self.write("million.txt", points), "--db", db], saying: "over the 5000 limit")
        var jobs = #"{"vehicles":[{"id":1,"start":[111.6,40.8]}],"jobs":["#
        for i in 0..<1_000_000 { jobs += (i > 0 ? "," : "") + #"{"id":\#(i),"location":[111.6,40.8]}"# }
        try Self.expectRefused(
            ["solve", try Self.write("million-jobs.json", jobs + "]}")], saying: "the limit is 10000")
    }
}
