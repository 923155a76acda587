import ArgumentParser
import Foundation
import ShowcaseServer

/// `showcase editors add`: a new token for a person, its hash appended to the editors file.
struct EditorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "editors",
        abstract: "Manage who may edit through `showcase serve --editors FILE`.",
        subcommands: [Add.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token for a person and add its hash to the editors file.",
            discussion: """
                Prints the new token on stdout, once: hand it to the person (QGIS: an \\
                authentication of type "API header", Authorization: Bearer TOKEN). The file \\
                keeps only NAME ROLE sha256:HASH, so it reveals no token. Remove a line to \\
                withdraw a token; the server reads the file when it starts.

                Examples:
                  showcase editors add wang --file editors.txt
                  showcase editors add audit-tool --role reader --file editors.txt
                """
        )
        @Argument(help: "The person's name, as the edit history will show it (no spaces).") var name: String
        @Option(help: "editor (reads and writes) or reader (reads only).") var role: String = "editor"
        @Option(help: "The editors file (created if missing).") var file: String

        func validate() throws {
            guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == "#" }) else {
                throw ValidationError("the name must be one word without spaces or #")
            }
            guard Editor.Role(rawValue: role) != nil else { throw ValidationError("--role must be editor or reader") }
        }

        func run() throws {
            let existing = FileManager.default.fileExists(atPath: file) ? try Editors.load(path: file) : Editors()
            let (token, line) = Editors.newToken(name: name, role: Editor.Role(rawValue: role)!)
            let old = (try? String(contentsOfFile: file, encoding: .utf8)) ?? "# NAME ROLE sha256:HASH-OF-TOKEN\n"
            try write(old + (old.hasSuffix("\n") || old.isEmpty ? "" : "\n") + line + "\n", to: file)
            note("\(file): \(name) added as \(role) (\(existing.count + 1) in all); the token follows, shown once")
            print(token)
        }
    }
}
