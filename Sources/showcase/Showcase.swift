import ArgumentParser
import Foundation
import GeoCore
import PostGISStore
import Service
import Synchronization
import Words

/// The `showcase` command. Subcommands parse their arguments into a request, call the library's
/// operation (module Service) and print its result; they hold no logic of their own.
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
        subcommands: [
            InitCommand.self, SitesCommand.self, ExportCommand.self, RoadsCommand.self, RouteCommand.self,
            MatrixCommand.self,
            ReachCommand.self, PlanCommand.self, ItineraryCommand.self, RoutesCommand.self, ToursCommand.self,
            ServeCommand.self, EditorsCommand.self, StoreCommand.self,
            SolveCommand.self, ProjectCommand.self
        ]
    )

    /// One mapping of errors to exit codes: a library error prints its one-line message, with
    /// request fields spelled as this CLI's flags, and exits 1; argument errors keep
    /// ArgumentParser's usage message and exit 64.
    static func main() async {
        // `--store postgresql://…` opens PostGIS (the library modules know only the protocol).
        Workspace.serverStoreOpener.withLock { $0 = { try PostGISStore(url: $0) } }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ShowcaseError {
            let language = errorLanguage.withLock { $0 }
            FileHandle.standardError.write(Data("showcase: error: \(error.worded(language, flag))\n".utf8))
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}

/// How this CLI spells a request field: the flag that sets it (`days` → `--days`, `hotels` →
/// `--hotel`), or the argument's name for positional ones.
func flag(_ field: String) -> String {
    // The group's keys (`group.students`) are flags of their own (`--students`).
    let field = field.hasPrefix("group.") ? String(field.dropFirst(6)) : field
    let spelled = ["hotels": "hotel", "themes": "theme", "kinds": "kind", "from": "FROM", "to": "TO"][field] ?? field
    return spelled == spelled.uppercased() ? spelled : "--" + spelled.replacingOccurrences(of: "_", with: "-")
}

/// The language errors are said in: English, or what the command's `--lang` asked for.
let errorLanguage = Mutex<Language>(.en)

/// The voice of a command with `--lang`: its texts in that language with request fields
/// spelled as this CLI's flags; its errors are then said in the same language.
func cliVoice(_ language: Language) -> Voice {
    errorLanguage.withLock { $0 = language }
    return Voice(language) { flag($0) }
}

/// A message for the person at the terminal (stderr, never mixed with data on stdout).
func note(_ message: String) {
    FileHandle.standardError.write(Data("showcase: \(message)\n".utf8))
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

/// Writes a result to a file the user named; a failure names the file.
func write(_ text: String, to path: String) throws {
    do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
        throw InputError(source: path, reason: "cannot write the file (\(error.localizedDescription))")
    }
}

/// Progress on stderr, only when a person is watching (a terminal), at most ten times a second.
final class ProgressLine: @unchecked Sendable {
    let label: String
    let enabled = isatty(STDERR_FILENO) == 1
    var last = Date.distantPast
    init(_ label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.1 || done == total else { return }
        last = Date()
        let width = 30, filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)\(done == total ? "\n" : "")".utf8))
    }

    /// A reporter for the library's long work: a bar per labelled step.
    static let reporter: ProgressReporter = { label in ProgressLine(label).update }
}
