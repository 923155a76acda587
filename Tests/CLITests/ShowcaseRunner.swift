import Foundation

/// Runs the built `showcase` binary, as a user would, and captures what it prints.
struct ShowcaseRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// The `showcase` executable beside the test bundle in the build folder.
let showcaseBinary: URL = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // swift test runs .../debug/<Package>PackageTests.xctest (a file on Linux).
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("showcase").path), dir.path != "/" {
        dir.deleteLastPathComponent()
    }
    return dir.appendingPathComponent("showcase")
}()

@discardableResult
func showcase(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    directory: URL? = nil
) throws -> ShowcaseRun {
    let process = Process()
    process.executableURL = showcaseBinary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    // Output goes to files, not pipes: reading pipes from many parallel tests crashed Foundation.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-run-\(UUID())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inURL = scratch.appendingPathComponent("stdin"), outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    try Data(stdin.utf8).write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let input = try FileHandle(forReadingFrom: inURL), output = try FileHandle(forWritingTo: outURL)
    let errors = try FileHandle(forWritingTo: errURL)
    defer { try? input.close(); try? output.close(); try? errors.close() }
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    process.waitUntilExit()
    return ShowcaseRun(
        status: process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}
