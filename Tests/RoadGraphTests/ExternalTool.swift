import Foundation

/// Runs a reference tool (python3, osmium) with output through files, and returns stdout.
/// Throws with the tool's stderr when it fails, so a missing reference shows as a clear error.
func runTool(_ arguments: [String], stdin: Data = Data()) throws -> Data {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inURL = scratch.appendingPathComponent("in"), outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
    try stdin.write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let i = try FileHandle(forReadingFrom: inURL), o = try FileHandle(forWritingTo: outURL), e = try FileHandle(forWritingTo: errURL)
    process.standardInput = i; process.standardOutput = o; process.standardError = e
    try process.run()
    process.waitUntilExit()
    try? i.close(); try? o.close(); try? e.close()
    guard process.terminationStatus == 0 else {
        throw ToolError(message: "\(arguments.joined(separator: " ")) failed: " + ((try? String(contentsOf: errURL, encoding: .utf8)) ?? ""))
    }
    return try Data(contentsOf: outURL)
}

struct ToolError: Error, CustomStringConvertible { let message: String; var description: String { message } }

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
