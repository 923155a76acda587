import ArgumentParser
import Foundation
import Logging
import Service
import ShowcaseServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Serve the data and the planner over HTTP (OGC API – Features, route, matrix, reach, plan, solve, a map page).",
        discussion: """
            The planner's web app is at /app. Every endpoint is the same operation as the CLI \
            command of the same name, with the flags as snake_case query or body keys \
            (GET /route?from=Hohhot&to=Baotou&via=…, POST /plan with a plan file, POST /solve?seed=7). \
            Read-only unless the operator sets SHOWCASE_TOKEN (or --token-file, one editor) or \
            --editors: then, with Authorization: Bearer TOKEN, sites are edited one by one as OGC API \
            – Features Part 4 says (POST a Feature, PUT, PATCH with a merge patch, DELETE; ETag and \
            If-Match, so no edit is lost; QGIS edits the layer), or uploaded many at once as GeoJSON \
            or CSV (the columns of GeoData/sites.csv), all or nothing. Every write is recorded: GET \
            /collections/sites/items/ID/history. GET /health answers 200 for a load balancer. On \
            SIGINT/SIGTERM it stops accepting, finishes the requests in flight, then exits. Logs go \
            to stderr.

            Examples:
              showcase serve                                  # http://127.0.0.1:8080/ , the app at /app
              ogrinfo OAPIF:http://127.0.0.1:8080             # GDAL lists the collections
              showcase serve --port 0                         # any free port (printed on stderr)
              showcase serve --tiles 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
            """
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0: any free port).") var port = 8080
    @Option(help: "A file holding the bearer token that allows writes (default: $SHOWCASE_TOKEN; none: read-only).")
    var tokenFile: String?
    @Option(
        help: """
            A file of editors and readers, one a line: NAME ROLE sha256:HEX (default: $SHOWCASE_EDITORS; \
            showcase editors add writes the lines). Each write is recorded under the editor's name.
            """)
    var editors: String?
    @Option(help: "Plans and solves computed at once; more are refused with 503.") var maxPlans = 2
    @Option(help: "Cap on any request's solver time, in seconds.") var maxSolveSeconds = 10.0
    @Option(help: "Base-map tile URL template for /map (default: none, the map works without tiles).") var tiles:
        String?

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "showcase")
        logger.logLevel = .info
        var limits = Limits.server
        limits.concurrentPlans = maxPlans
        limits.solveSeconds = maxSolveSeconds
        let path = store.databasePath
        let workspace = try Workspace(
            databasePath: path, dataFolder: store.data, limits: limits,
            created: { note("created \(Workspace.displayName(path)): \($0)") })
        var config = ServerConfiguration(workspace: workspace)
        config.host = host
        config.port = port
        if let tokenFile {
            guard
                let t = try? String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines), !t.isEmpty
            else {
                throw InputError(source: tokenFile, line: nil, reason: "cannot read a token from the file")
            }
            config.token = t
        } else if let t = ProcessInfo.processInfo.environment["SHOWCASE_TOKEN"], !t.isEmpty {
            config.token = t
        }
        if let file = editors
            ?? ProcessInfo.processInfo.environment["SHOWCASE_EDITORS"].flatMap({
                $0.isEmpty ? nil : $0
            })
        {
            config.editors = try Editors.load(path: file)
        }
        config.tileURL = tiles
        let writes =
            config.token == nil && config.editors.isEmpty
            ? "read-only" : "writes allowed with an editor's bearer token"
        try await ShowcaseServer.run(config, logger: logger) { bound in
            note(
                "serving \(workspace.databasePath) on http://\(host):\(bound)/ (\(writes)); the planner at /app, API at /api"
            )
        }
    }
}
