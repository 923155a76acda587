import Foundation

/// What a reference tool (python3, osmium, ogrinfo, chromium, …) did.
public struct ToolRun {
    public let status: Int32
    public let stdout: Data
    public let stderr: String
    /// stdout then stderr, for assertions on what the tool said.
    public var output: String { String(decoding: stdout, as: UTF8.self) + stderr }
}

/// Runs a tool from PATH with its streams through files (reading pipes from many parallel tests
/// crashed Foundation here); shared by every test target through the TestSupport target.
public func runTool(_ arguments: [String], stdin: Data = Data(), in directory: URL? = nil) throws -> ToolRun {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inURL = scratch.appendingPathComponent("in"), outURL = scratch.appendingPathComponent("out"),
        errURL = scratch.appendingPathComponent("err")
    try stdin.write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let i = try FileHandle(forReadingFrom: inURL), o = try FileHandle(forWritingTo: outURL),
        e = try FileHandle(forWritingTo: errURL)
    process.standardInput = i; process.standardOutput = o; process.standardError = e
    try process.run()
    process.waitUntilExit()
    try? i.close(); try? o.close(); try? e.close()
    return ToolRun(
        status: process.terminationStatus, stdout: try Data(contentsOf: outURL),
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

/// The stdout of a tool that must succeed; a failure throws with the tool's stderr.
public func toolOutput(_ arguments: [String], stdin: Data = Data()) throws -> Data {
    let run = try runTool(arguments, stdin: stdin)
    guard run.status == 0 else { throw ToolError(message: "\(arguments.joined(separator: " ")) failed: \(run.stderr)") }
    return run.stdout
}

public struct ToolError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
