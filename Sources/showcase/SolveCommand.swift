import ArgumentParser
import Foundation
import Service

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a routing problem in VROOM's JSON format; write VROOM's solution format.",
        discussion: """
            Jobs are sites (location_index, service, time_windows, priority), vehicles are days or \
            vehicles (start_index, end_index, time_window, breaks, max_travel_time), and \
            matrices.car.durations gives travel times. With too little time, the solver \
            maximises the sum of priorities served, then minimises travel time (VROOM ranks the \
            number of jobs before travel time; we prefer less driving to a stop worth nothing). \
            With every priority 0, every job counts the same, as in a plain VRP/TSP. A job may \
            say "mandatory": true (our extension): a solution without it is an error naming it.

            Without a matrix, jobs and vehicles may give "location": [lon, lat]; travel times then \
            come from the database's road graph for --profile (see `showcase roads info`) when the \
            database exists and has one, else from straight-line distances at --speed-kmh \
            (--straight-line forces that).

            An instance of the orienteering problem with hotel selection (OPHS) in Divsalar's text \
            format (a .ophs file, or recognised by its first lines: `N H D`, `Tmax`, the trip \
            lengths) is solved with hotel selection: it answers {"score": S, "trips": [[i, …], …]} \
            with the file's 0-based location lines (0 start hotel, 1 end hotel, then the extra \
            hotels, then the vertices), or lines to read with --format text. --time-limit is then \
            the whole search's time.

            Every answer is checked by an independent checker before it is printed.

            Examples:
              showcase solve problem.json --time-limit 2 --seed 7 > solution.json
              showcase solve ../shared/bench/ophs/SET_1-2/64-45-1-2.ophs --format text
              python3 to_vroom.py c101.txt --travel bench | showcase solve -
              # over HTTP: POST /solve?time_limit=2&seed=7 with the problem as the body
            """
    )

    @Argument(help: "Problem file in VROOM format, or - for stdin.") var file: String
    @Option(help: "Seconds of search (per thread).") var timeLimit: Double = 1
    @Option(help: "Seed: the same seed and iteration limit give the same answer.") var seed: UInt64 = 1
    @Option(help: "Stop after this many perturbation rounds per thread (makes runs repeatable).") var iterations: Int?
    @Option(help: "Parallel searches (default: one per core).") var threads: Int = ProcessInfo.processInfo
        .activeProcessorCount
    @Option(help: "Speed for straight-line travel times when the file has coordinates but no matrix.") var speedKmh:
        Double = 40
    @Option(help: "Write the solution here instead of stdout.") var output: String?
    @Option(help: "Road profile for coordinates without a matrix (car, coach, walk).") var profile = "car"
    @Flag(help: "Use straight lines at --speed-kmh even when a road graph exists.") var straightLine = false
    @Option(help: "json, or text (OPHS instances: the trips as lines to read).") var format = "json"
    @OptionGroup var store: StoreOptions

    func run() throws {
        let limits = Limits.commandLine
        let (name, data) = try TextInput.bytes(file, limit: limits.problemBytes)
        var request = SolveRequest(problem: data, source: name)
        request.timeLimit = timeLimit; request.seed = seed; request.iterations = iterations; request.threads = threads
        request.speedKmh = speedKmh; request.profile = profile; request.straightLine = straightLine
        request.format = format
        // A database is only read for travel times on its roads, and only if it exists.
        let roads =
            Workspace.isServerStore(store.databasePath) || FileManager.default.fileExists(atPath: store.databasePath)
            ? try store.open() : nil
        let result = try SolveOperation.solve(request, limits: limits, roads: roads)
        for warning in result.warnings { note("\(name): warning: \(warning)") }
        if let output { try write(result.solution, to: output) } else { print(result.solution, terminator: "") }
    }
}
