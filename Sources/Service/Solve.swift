import Foundation
import GeoCore
import Itinerary
import RoadGraph

/// `showcase solve` and `POST /solve`: a problem in VROOM's format, VROOM's solution format back.
public struct SolveRequest: Sendable {
    /// The problem's JSON bytes.
    public var problem: Data
    /// Where it came from, for messages (`problem.json`, `stdin`, `body`).
    public var source: String
    /// Seconds of search per thread.
    public var timeLimit = 1.0
    /// The same seed and iteration limit give the same answer.
    public var seed: UInt64 = 1
    /// Perturbation rounds per thread (makes runs repeatable).
    public var iterations: Int?
    /// Parallel searches.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Road profile for coordinates without a matrix.
    public var profile = "car"
    /// Straight lines at `speedKmh` even when a road graph exists.
    public var straightLine = false
    public var speedKmh = 40.0
    /// `json`, or `text` (an OPHS answer as lines to read).
    public var format = "json"

    public init(problem: Data, source: String) { self.problem = problem; self.source = source }
}

public struct SolveResult: Sendable {
    /// VROOM's solution document, checked.
    public var solution: String
    /// What the reader should know: unknown keys ignored, where travel times came from (also
    /// in the document's `warnings` member).
    public var warnings: [String]
}

extension Workspace {
    public func solve(_ r: SolveRequest) throws -> SolveResult {
        try SolveOperation.solve(r, limits: limits, roads: self)
    }
}

public enum SolveOperation {
    /// Solves and checks; `roads` (a database with road graphs) gives travel times for problems
    /// with coordinates but no matrix. Without one, a problem file needs no database at all.
    public static func solve(_ r: SolveRequest, limits: Limits, roads: Workspace?) throws -> SolveResult {
        guard r.timeLimit > 0, r.timeLimit <= limits.solveSeconds else {
            throw FieldError(
                "time_limit", "must be more than 0 and at most \(Int(limits.solveSeconds)) seconds (got \(r.timeLimit))"
            )
        }
        guard (1...64).contains(r.threads) else { throw FieldError("threads", "must be 1 to 64 (got \(r.threads))") }
        guard r.speedKmh > 0 else { throw FieldError("speed_kmh", "must be positive") }
        if let iterations = r.iterations, iterations < 0 { throw FieldError("iterations", "must be 0 or more") }
        guard r.problem.count <= limits.problemBytes else {
            throw InputError(
                source: r.source,
                reason: "\(r.problem.count >> 20) MB is over the \(limits.problemBytes >> 20) MB limit for a problem",
                code: "too-large", category: .tooLarge)
        }
        if r.source.hasSuffix(".ophs")
            || OPHSInstance.looksLike(Substring(decoding: r.problem.prefix(4096), as: UTF8.self))
        {
            return try solveHotelSelection(r)
        }
        guard r.format == "json" else {
            throw FieldError(
                "format", "a VROOM problem is answered in VROOM's JSON; «format» text is for OPHS instances")
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let parsed: VroomProblem
        do { parsed = try VroomProblem(json: r.problem) } catch { throw InputError(r.source, error) }
        var warnings = parsed.warnings
        var durations: [[Int]]? = nil, distances: [[Int]]? = nil
        if parsed.durations == nil, let points = parsed.coordinates {
            let coordinates = try points.map { try Coordinate(longitude: $0[0], latitude: $0[1]) }
            if !r.straightLine, let roads, try roads.store.roadGraph(profile: r.profile) != nil {
                do {
                    (durations, distances) = try roads.withRouter(r.profile) { try $0.integerMatrix(points) }
                } catch let e as RoadGraphError {
                    throw InputError(
                        source: r.source, reason: "\(e); ask for straight lines («straight_line») instead",
                        code: e.code, category: e.category)
                }
                warnings.append("no matrix; travel times from the \(r.profile) road graph")
            } else {
                let metresPerSecond = r.speedKmh / 3.6
                distances = coordinates.map { a in
                    coordinates.map { b in Int(Distance.haversineMeters(a, b).rounded()) }
                }
                durations = distances!.map { row in row.map { Int((Double($0) / metresPerSecond).rounded()) } }
                warnings.append("no matrix; using straight-line distances at \(r.speedKmh) km/h")
            }
        }
        if parsed.hotelSelection != nil {
            return try solveHotelTrip(
                r, parsed, durations: durations, distances: distances, warnings: warnings, started: started)
        }
        let problem: Problem
        do { problem = try parsed.problem(durations: durations, distances: distances) } catch {
            throw InputError(r.source, error)
        }
        let loaded = DispatchTime.now().uptimeNanoseconds
        let solution: Solution
        do {
            solution = try Solver.solve(
                problem,
                options: SolverOptions(
                    seed: r.seed, timeLimit: r.timeLimit, maxIterations: r.iterations, threads: r.threads))
        } catch { throw InputError(r.source, error) }
        // The checker shares no code with the search: an answer it refuses is never printed.
        let violations = Checker.violations(problem, solution)
        guard violations.isEmpty else {
            throw InputError(
                source: r.source,
                reason:
                    "internal error, the solver produced an infeasible solution: \(violations[0]) (please report this problem)",
                code: "internal", category: .internalError)
        }
        let solved = DispatchTime.now().uptimeNanoseconds
        var document = VroomSolution(
            problem, solution, coordinates: parsed.coordinates,
            computingMilliseconds: (Int((loaded - started) / 1_000_000), Int((solved - loaded) / 1_000_000)))
        // Our extension of VROOM's format: what a reader of the answer should know (VROOM's
        // readers ignore members they do not know).
        document.warnings = warnings
        return SolveResult(solution: document.text + "\n", warnings: warnings)
    }
}

extension SolveOperation {
    /// An OPHS instance (Divsalar's text format): hotel selection, checked in floating point,
    /// answered as `{"score": S, "trips": [[i, …], …]}` with the file's 0-based location lines.
    static func solveHotelSelection(_ r: SolveRequest) throws -> SolveResult {
        guard ["json", "text"].contains(r.format) else {
            throw FieldError("format", "must be json or text (got \(r.format))")
        }
        let instance: OPHSInstance
        do { instance = try OPHSInstance.parse(String(decoding: r.problem, as: UTF8.self)) } catch {
            throw InputError(r.source, error)
        }
        let answer: OPHSAnswer
        do {
            answer = try instance.solve(
                options: SolverOptions(
                    seed: r.seed, timeLimit: r.timeLimit, maxIterations: r.iterations, threads: r.threads))
        } catch {
            throw InputError(r.source, error)
        }
        // The checker shares no code with the search: an answer it refuses is never printed.
        let violations = OPHSChecker.violations(instance, answer)
        guard violations.isEmpty else {
            throw InputError(
                source: r.source,
                reason:
                    "internal error, the solver produced an infeasible answer: \(violations[0]) (please report this instance)",
                code: "internal", category: .internalError)
        }
        if r.format == "json" { return SolveResult(solution: answer.json(in: instance), warnings: []) }
        var lines = [
            "score \(answer.score(in: instance)) from \(instance.vertices.count) vertices, \(instance.tripCount) trips"
        ]
        for (d, trip) in answer.trips.enumerated() {
            let length = answer.length(of: d, in: instance)
            lines.append(
                "trip \(d + 1): \(trip.map(String.init).joined(separator: " → ")) (length \(String(format: "%.4f", length)) of \(instance.tripLimits[d]))"
            )
        }
        return SolveResult(solution: lines.joined(separator: "\n") + "\n", warnings: [])
    }
}

extension SolveOperation {
    /// A VROOM-style problem with `hotel_selection`: the vehicles are the days of one trip and
    /// the nights are chosen (see `HotelSelectionSpec`). Answered as VROOM's solution for the
    /// days found, plus `hotel_selection.sequence`.
    static func solveHotelTrip(
        _ r: SolveRequest, _ parsed: VroomProblem, durations: [[Int]]?, distances: [[Int]]?, warnings: [String],
        started: UInt64
    ) throws -> SolveResult {
        let trip: HotelTripProblem
        do { trip = try parsed.hotelTrip(durations: durations, distances: distances) } catch {
            throw InputError(r.source, error)
        }
        let loaded = DispatchTime.now().uptimeNanoseconds
        let found: HotelTripSolution
        do {
            found = try HotelSelection.solve(
                trip,
                options: SolverOptions(
                    seed: r.seed, timeLimit: r.timeLimit, maxIterations: r.iterations, threads: r.threads))
        } catch { throw InputError(r.source, error) }
        let problem: Problem
        do { problem = try trip.dayProblem(found.hotels) } catch { throw InputError(r.source, error) }
        // The checker shares no code with the search: an answer it refuses is never printed.
        let broken = HotelTripChecker.violations(trip, found)
        guard broken.isEmpty else {
            throw InputError(
                source: r.source,
                reason:
                    "internal error, the solver produced an infeasible trip: \(broken[0]) (please report this problem)",
                code: "internal",
                category: .internalError)
        }
        let solved = DispatchTime.now().uptimeNanoseconds
        var document = VroomSolution(
            problem, found.solution, coordinates: parsed.coordinates,
            computingMilliseconds: (Int((loaded - started) / 1_000_000), Int((solved - loaded) / 1_000_000)))
        document.hotelSelection = HotelSelectionAnswer(
            sequence: found.hotels, locations: parsed.coordinates.map { points in found.hotels.map { points[$0] } })
        document.warnings = warnings
        return SolveResult(solution: document.text + "\n", warnings: warnings)
    }
}

extension InputError {
    /// A solver refusal, named with where the problem came from.
    init(_ source: String, _ error: ProblemError) {
        self.init(source: source, reason: error.description, code: error.code, category: error.category)
    }
}
