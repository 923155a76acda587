import ArgumentParser
import Foundation
import SiteStore
import RoadGraph
import GeoCore
import Itinerary

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

            Every answer is checked by an independent checker before it is printed.

            Examples:
              showcase solve problem.json --time-limit 2 --seed 7 > solution.json
              python3 to_vroom.py c101.txt --travel bench | showcase solve -
            """
    )

    @Argument(help: "Problem file in VROOM format, or - for stdin.") var file: String
    @Option(help: "Seconds of search (per thread).") var timeLimit: Double = 1
    @Option(help: "Seed: the same seed and iteration limit give the same answer.") var seed: UInt64 = 1
    @Option(help: "Stop after this many perturbation rounds per thread (makes runs repeatable).") var iterations: Int?
    @Option(help: "Parallel searches (default: one per core).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Speed for straight-line travel times when the file has coordinates but no matrix.") var speedKmh: Double = 40
    @Option(help: "Write the solution here instead of stdout.") var output: String?
    @Option(help: "Road profile for coordinates without a matrix (car, coach, walk).") var profile = "car"
    @Flag(help: "Use straight lines at --speed-kmh even when a road graph exists.") var straightLine = false
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard timeLimit > 0, timeLimit <= 3600 else { throw ValidationError("--time-limit must be in (0, 3600] seconds") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1…64") }
        guard speedKmh > 0 else { throw ValidationError("--speed-kmh must be positive") }
        if let iterations, iterations < 0 { throw ValidationError("--iterations must be ≥ 0") }
    }

    func run() throws {
        let started = DispatchTime.now().uptimeNanoseconds
        let name = file == "-" ? "stdin" : file
        let data: Data
        if file == "-" { data = FileHandle.standardInput.readDataToEndOfFile() } else {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            guard let size = attributes?[.size] as? Int else { throw InputError(source: file, line: nil, reason: "cannot read the file (no such file)") }
            guard size <= 256 << 20 else { throw InputError(source: file, line: nil, reason: "\(size >> 20) MB is over the 256 MB limit for a problem file") }
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        }
        let parsed: VroomProblem
        do { parsed = try VroomProblem(json: data) } catch { throw InputError(source: name, line: nil, reason: error.description) }
        for warning in parsed.warnings { note("\(name): warning: \(warning)") }
        var durations: [[Int]]? = nil, distances: [[Int]]? = nil
        if parsed.durations == nil, let points = parsed.coordinates {
            let coordinates = try points.map { try Coordinate(longitude: $0[0], latitude: $0[1]) }
            if !straightLine, let roads = try roadMatrix(coordinates, name: name) {
                (durations, distances) = roads
            } else {
                let metresPerSecond = speedKmh / 3.6
                distances = coordinates.map { a in coordinates.map { b in Int(Distance.haversineMeters(a, b).rounded()) } }
                durations = distances!.map { row in row.map { Int((Double($0) / metresPerSecond).rounded()) } }
                note("\(name): no matrix; using straight-line distances at \(speedKmh) km/h")
            }
        }
        let problem: Problem
        do { problem = try parsed.problem(durations: durations, distances: distances) } catch { throw InputError(source: name, line: nil, reason: error.description) }
        let loaded = DispatchTime.now().uptimeNanoseconds
        let options = SolverOptions(seed: seed, timeLimit: timeLimit, maxIterations: iterations, threads: threads)
        let solution: Solution
        do { solution = try Solver.solve(problem, options: options) } catch { throw InputError(source: name, line: nil, reason: error.description) }
        let violations = Checker.violations(problem, solution)
        guard violations.isEmpty else {
            throw InputError(source: name, line: nil, reason: "internal error, the solver produced an infeasible solution: \(violations[0]) (please report this file)")
        }
        let solved = DispatchTime.now().uptimeNanoseconds
        let json = VroomSolution.json(problem, solution, coordinates: parsed.coordinates,
                                      computingMilliseconds: (Int((loaded - started) / 1_000_000), Int((solved - loaded) / 1_000_000)))
        let text = Data(VroomSolution.text(json).utf8)
        if let output {
            try text.write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(text + Data("\n".utf8))
        }
    }

    /// Travel times and distances on the database's road graph, or nil when there is none.
    /// A pair with no road route gets a time the solver will never choose (a day and more).
    func roadMatrix(_ points: [Coordinate], name: String) throws -> ([[Int]], [[Int]])? {
        guard FileManager.default.fileExists(atPath: store.databasePath) else { return nil }
        let db = try SiteStore(path: store.databasePath)
        guard try db.roadGraph(profile: profile) != nil else { return nil }
        let router = Router(try loadGraph(db, profile: profile))
        let (durations, distances): ([[Int]], [[Int]])
        do { (durations, distances) = try router.integerMatrix(points.map { [$0.longitude, $0.latitude] }) } catch let e as RoadGraphError {
            throw InputError(source: name, line: nil, reason: "\(e); pass --straight-line to use straight lines")
        }
        note("\(name): no matrix; using the \(profile) road graph in \(store.databasePath)")
        return (durations, distances)
    }
}
