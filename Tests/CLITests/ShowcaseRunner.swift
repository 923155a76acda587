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
func showcase(_ arguments: [String], stdin: String = "", environment: [String: String] = [:],
              directory: URL? = nil) throws -> ShowcaseRun {
    let process = Process()
    process.executableURL = showcaseBinary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a large output cannot block the child.
    nonisolated(unsafe) var errData = Data()
    let errReader = Thread { errData = errors.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errReader.isFinished { usleep(1000) }
    return ShowcaseRun(status: process.terminationStatus,
                       stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
}
