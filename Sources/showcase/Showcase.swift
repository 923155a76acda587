import ArgumentParser
import Foundation
import GeoCore
import Projection
import SiteStore

/// The `showcase` command. Subcommands parse their arguments, call the library, print the result.
@main
struct Showcase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "showcase",
        abstract: "Plan trips to showcase sites, heritage routes and study tours (Inner Mongolia data included).",
        discussion: """
            Machine-readable output goes to stdout, messages and progress to stderr. A command \
            that fails prints one line saying what was wrong and where, and exits non-zero.

            Examples:
              showcase sites list --league Hohhot
              showcase sites near 111.65,40.81 --radius-km 20 --format geojson
              showcase project --from EPSG:4326 --to EPSG:4546 points.txt
              echo "111.65 40.81" | showcase project --from EPSG:4326 --to GCJ02
            """,
        subcommands: [InitCommand.self, SitesCommand.self, ExportCommand.self, RoadsCommand.self, RouteCommand.self, MatrixCommand.self,
                      ReachCommand.self, PlanCommand.self, RoutesCommand.self, ToursCommand.self, ServeCommand.self, SolveCommand.self, ProjectCommand.self]
    )

    /// One mapping of errors to exit codes: a user error prints its one-line description and
    /// exits 1; argument errors keep ArgumentParser's usage message and exit 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UserError {
            FileHandle.standardError.write(Data("showcase: error: \(error.description)\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

/// Errors whose description is written for the person at the terminal (file, line, what to do).
protocol UserError: Error, CustomStringConvertible {}

extension ProjectionError: UserError {}
extension CoordinateError: UserError {}
extension GeoJSONError: UserError {}
extension BoundingBoxError: UserError {}
extension InputError: UserError {}
extension SiteImportError: UserError {}
extension StoreError: UserError {}
extension ShippedDataError: UserError {}

/// Bad input found by a command while reading a file or stdin: `points.txt:14: reason`.
struct InputError: Error, CustomStringConvertible {
    let source: String
    let line: Int?
    let reason: String

    var description: String {
        if let line { "\(source):\(line): \(reason)" } else { "\(source): \(reason)" }
    }
}

/// Reads a whole file or, for nil or "-", standard input, as UTF-8 text. Text inputs (plan and
/// route files) are small; anything over `limit` is refused before it is read.
func readText(_ path: String?, limit: Int = 16 << 20) throws -> (name: String, text: String) {
    let name = path ?? "stdin"
    let data: Data
    if let path, path != "-" {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw InputError(source: path, line: nil, reason: "\(size >> 20) MB is over the \(limit >> 20) MB limit for this kind of file")
        }
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(source: path, line: nil, reason: "cannot read the file (\(describeFileError(error)))")
        }
    } else {
        data = (try? FileHandle.standardInput.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else { throw InputError(source: name, line: nil, reason: "standard input is over the \(limit >> 20) MB limit") }
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw InputError(source: name, line: nil, reason: "not UTF-8 text")
    }
    return (name, text)
}

private func describeFileError(_ error: Error) -> String {
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    if ns.domain == NSCocoaErrorDomain, ns.code == NSFileReadNoSuchFileError { return "no such file" }
    return ns.localizedDescription
}

/// Writes text to stdout in large blocks (one write per megabyte, not per line).
struct StandardOutput {
    private var buffer = ""
    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 20 { flush() }
    }
    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}
