import Foundation
@testable import Itinerary
import Testing
import TestSupport

/// `count` jobs plus a depot at index 0 on a 1,000 × 1,000 square, TSPLIB-style rounded
/// Euclidean travel times, one vehicle from and back to the depot.
private func plainTour(jobs count: Int, seed: UInt64, day: TimeWindow = .always, service: Int = 0) throws -> (
    Problem, [[Int]]
) {
    var rng = SeededGenerator(seed: seed)
    let points = (0...count).map { _ in
        (Double.random(in: 0...1000, using: &rng), Double.random(in: 0...1000, using: &rng))
    }
    let matrix = points.map { a in
        points.map { b in
            Int((((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot() + 0.5).rounded(.down))
        }
    }
    let jobs = (1...count).map { Job(id: $0, location: $0, service: service) }
    return (
        try Problem(jobs: jobs, vehicles: [Vehicle(id: 1, start: 0, end: 0, window: day)], durations: matrix), matrix
    )
}

private func travel(_ problem: Problem, _ solution: Solution) throws -> Int {
    guard case let .success(schedule) = Checker.schedule(problem, vehicle: 0, stops: solution.routes[0]) else {
        Issue.record("infeasible route"); return -1
    }
    return schedule.travel
}

/// The shortest closed tour by trying every order of the jobs (the depot fixed first).
private func bruteForceLength(_ matrix: [[Int]]) -> Int {
    var order = Array(1..<matrix.count), best = Int.max
    func permute(_ i: Int) {
        if i == order.count {
            var length = matrix[0][order[0]] + matrix[order[order.count - 1]][0]
            for k in 1..<order.count { length += matrix[order[k - 1]][order[k]] }
            best = min(best, length)
            return
        }
        for k in i..<order.count {
            order.swapAt(i, k); permute(i + 1); order.swapAt(i, k)
        }
    }
    permute(0)
    return best
}

@Suite struct PlainTourTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func smallToursAreOptimal(seed: UInt64) throws {
        let (problem, matrix) = try plainTour(jobs: 8, seed: seed)
        let tour = try #require(
            PlainTour.solve(problem, options: SolverOptions(seed: seed, maxIterations: 50, threads: 1)))
        #expect(tour.routes[0].count == 8)
        #expect(try travel(problem, tour) == bruteForceLength(matrix))
    }

    /// Every move keeps the tour's length bookkeeping exact (an assertion in debug builds checks
    /// it after each local search), and the search beats the nearest-neighbour tour it starts
    /// from by the margin 2-opt alone gives on random points (≥ 10 %).
    @Test func largeTourIsValidAndImproves() throws {
        let (problem, matrix) = try plainTour(jobs: 300, seed: 42)
        let tour = try #require(
            PlainTour.solve(problem, options: SolverOptions(seed: 1, maxIterations: 10, threads: 2)))
        #expect(Checker.violations(problem, tour).isEmpty)
        #expect(Set(tour.routes[0]).count == 300)
        var used = Set([0]), at = 0, greedy = 0
        while used.count < matrix.count {
            let next = (0..<matrix.count).filter { !used.contains($0) }.min { matrix[at][$0] < matrix[at][$1] }!
            greedy += matrix[at][next]; used.insert(next); at = next
        }
        greedy += matrix[at][0]
        #expect(try Double(travel(problem, tour)) < Double(greedy) * 0.9)
    }

    @Test func sameSeedSameTour() throws {
        let (problem, _) = try plainTour(jobs: 120, seed: 7)
        let options = SolverOptions(seed: 5, timeLimit: 60, maxIterations: 20, threads: 2)
        #expect(try Solver.solve(problem, options: options) == Solver.solve(problem, options: options))
    }

    /// A day too short for every site is orienteering, not a TSP: the general search answers.
    @Test func shortDayFallsBackToOrienteering() throws {
        let (full, _) = try plainTour(jobs: 40, seed: 3, service: 10)
        let allIn = try travel(
            full, try Solver.solve(full, options: SolverOptions(seed: 1, maxIterations: 20, threads: 1)))
        let (problem, _) = try plainTour(jobs: 40, seed: 3, day: TimeWindow(0, (allIn + 400) / 2), service: 10)
        #expect(PlainTour.solve(problem, options: SolverOptions(seed: 1, maxIterations: 20, threads: 1)) == nil)
        let solution = try Solver.solve(problem, options: SolverOptions(seed: 1, maxIterations: 30, threads: 1))
        #expect(Checker.violations(problem, solution).isEmpty)
        #expect((1..<40).contains(solution.routes[0].count))
    }

    /// Not plain: a window that binds, two routes, an asymmetric matrix, zero next to positive priorities.
    @Test func onlyPlainToursTakeTheShortcut() throws {
        let (base, matrix) = try plainTour(jobs: 12, seed: 9)
        var windowed = base; windowed.jobs[3].windows = [TimeWindow(100, 200)]
        var twoDays = base; twoDays.vehicles.append(Vehicle(id: 2, start: 0, end: 0))
        var oneWay = matrix; oneWay[1][2] += 1
        let asymmetric = try Problem(jobs: base.jobs, vehicles: base.vehicles, durations: oneWay)
        var mixed = base; mixed.jobs[0].priority = 5
        for problem in [windowed, twoDays, asymmetric, mixed] { #expect(TourData(problem) == nil) }
        #expect(TourData(base) != nil)
    }
}

@Suite struct VroomMatrixReadingTests {
    private func read(_ matrix: String, key: String = "\"matrices\": {\"car\": {\"durations\": MATRIX}}")
        throws(ProblemError) -> VroomProblem
    {
        let text =
            "{\"jobs\": [{\"id\": 1, \"location_index\": 1}], \"vehicles\": [{\"id\": 1, \"start_index\": 0}], \(key.replacingOccurrences(of: "MATRIX", with: matrix))}"
        return try VroomProblem(json: Data(text.utf8))
    }

    @Test func plainIntegersAreReadByTheScanner() throws {
        #expect(try read("[[0, 12],\n [7 ,0 ]]").durations == [[0, 12], [7, 0]])
        #expect(try read("[[0,123456789012345],[1,0]]").durations == [[0, 123_456_789_012_345], [1, 0]])
        #expect(try read("[[0, 3], [3, 0]]", key: "\"matrix\": MATRIX").durations == [[0, 3], [3, 0]])
        let (_, found) = MatrixScanner.extract(
            Data("{\"matrices\": {\"car\": {\"durations\": [[0, 1], [1, 0]], \"distances\": [[0, 9], [9, 0]]}}}".utf8))
        #expect(found["matrices.car.distances"]?.rows == [[0, 9], [9, 0]])
        // A key that only looks like one, inside a job's string or another object, is not a matrix.
        let (_, none) = MatrixScanner.extract(
            Data("{\"jobs\": [{\"matrix\": [[1]]}], \"x\": \"\\\"matrix\\\": [[1]]\"}".utf8))
        #expect(none.isEmpty)
    }

    /// What the scanner does not take is judged by the checked path, with the same messages.
    @Test func otherNumbersKeepTheirErrors() throws {
        #expect(
            throws: ProblemError.invalid(path: "matrices.car.durations[0][1]", reason: "expected an integer, found 1.5")
        ) { try read("[[0, 1.5], [1, 0]]") }
        #expect(throws: ProblemError.invalid(path: "matrices.car.durations[1][0]", reason: "must be ≥ 0, found -2")) {
            try read("[[0, 1], [-2, 0]]")
        }
        #expect(
            throws: ProblemError.invalid(
                path: "matrices.car.durations[1]", reason: "row has 1 values, the matrix is 2×2 (it must be square)")
        ) { try read("[[0, 1], [2]]") }
        #expect(try read("[[0, 1.0], [1, 0]]").durations == [[0, 1], [1, 0]])
        #expect(try read("[[0, 1e1], [1, 0]]").durations == [[0, 10], [1, 0]])
    }

    /// The typed document, written by our writer, reads back through Foundation as the same
    /// values: sorted keys, coordinates for the steps, nothing lost.
    @Test func solutionTextReadsBackThroughFoundation() throws {
        let text =
            "{\"jobs\": [{\"id\": 7, \"location\": [111.65, 40.82]}, {\"id\": 8, \"location\": [111.7, 40.8]}], "
            + "\"vehicles\": [{\"id\": 1, \"start\": [111.6, 40.81]}]}"
        let parsed = try VroomProblem(json: Data(text.utf8))
        let problem = try parsed.problem(durations: [[0, 5, 9], [5, 0, 4], [9, 4, 0]])
        var document = VroomSolution(problem, Solution(routes: [[.job(0), .job(1)]]), coordinates: parsed.coordinates)
        document.warnings = ["x\"\n\u{1}"]
        let written = document.text
        let read = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        // Start at index 2 (coordinates are indexed jobs first), 9 to job 7, 5 more to job 8.
        #expect(written.hasPrefix(#"{"code":0,"routes":[{"cost":14,"duration":14,"priority":0,"service":0,"#))
        #expect(read["warnings"] as? [String] == ["x\"\n\u{1}"])
        let steps = try #require(((read["routes"] as? [[String: Any]])?.first)?["steps"] as? [[String: Any]])
        #expect(
            steps.map { $0["location"] as? [Double] } == [[111.6, 40.81], [111.65, 40.82], [111.7, 40.8], [111.7, 40.8]]
        )
        #expect(steps.map { $0["arrival"] as? Int } == [0, 9, 14, 14])
        #expect(written.contains(#""warnings":["x\"\n\u0001"]"#))
    }
}

@Suite struct ExchangeBetweenDaysTests {
    /// Two days from two hotels on a line (x = 0 and x = 100), one site per day: each site sits
    /// next to the other day's hotel. Relocation cannot fix that (a day takes one site); the swap must.
    @Test func swapTradesSitesBetweenDays() throws {
        let x = [0, 100, 99, 1, 98, 2] // hotels 0 and 1; sites at 99, 1 (then 98, 2 for the runs of two)
        let matrix = x.map { a in x.map { b in abs(a - b) } }
        for perDay in [1, 2] {
            let jobs = (0..<(2 * perDay)).map { Job(id: $0 + 1, location: 2 + $0) }
            let days = [
                Vehicle(id: 1, start: 0, end: 0, maxJobs: perDay), Vehicle(id: 2, start: 1, end: 1, maxJobs: perDay)
            ]
            let problem = try Problem(jobs: jobs, vehicles: days, durations: matrix)
            let search = Search(problem: problem, values: Values(problem), seed: 1)
            // Day 1 gets the sites near hotel 2 (x = 99, 98) and day 2 those near hotel 1.
            var state = State(
                routes: [Route(), Route()], visited: Array(repeating: true, count: jobs.count), score: jobs.count,
                served: jobs.count)
            state.routes[0].stops = perDay == 1 ? [0] : [0, 2]
            state.routes[1].stops = perDay == 1 ? [1] : [1, 3]
            for r in 0..<2 { search.refresh(&state.routes[r], vehicle: r) }
            state.travel = state.routes.reduce(0) { $0 + $1.travel }
            #expect(search.exchangeBetweenRoutes(&state))
            #expect(Set(state.routes[0].stops) == Set(perDay == 1 ? [1] : [1, 3]))
            #expect(state.travel == (perDay == 1 ? 4 : 8))
            let solution = Solution(routes: state.routes.map { $0.stops.map(Search.decode) })
            #expect(Checker.violations(problem, solution).isEmpty)
        }
    }
}

@Suite struct InsertionWithBreaksTests {
    /// The fast insertion check for days with a lunch break must agree with inserting and
    /// re-timing the whole day, on every unvisited job and position of feasible random days.
    @Test(arguments: [1, 2, 3, 4])
    func agreesWithFullRetiming(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let count = 40
        let points = (0...count).map { _ in
            (Double.random(in: 0...100, using: &rng), Double.random(in: 0...100, using: &rng))
        }
        let matrix = points.map { a in
            points.map { b in Int(((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()) }
        }
        let jobs = (1...count).map { i -> Job in
            let open = Int.random(in: 0...300, using: &rng)
            return Job(
                id: i, location: i, service: Int.random(in: 5...30, using: &rng),
                windows: [TimeWindow(open, open + Int.random(in: 30...300, using: &rng))],
                priority: Int.random(in: 1...9, using: &rng))
        }
        let lunch = Break(id: 0, windows: [TimeWindow(180, 240)], service: 45)
        let days = (1...2).map { Vehicle(id: $0, start: 0, end: 0, window: TimeWindow(0, 600), breaks: [lunch]) }
        let problem = try Problem(jobs: jobs, vehicles: days, durations: matrix)
        var search = Search(problem: problem, values: Values(problem), seed: seed)
        var state = search.initial()
        // Take every other site off again, so there is room to insert.
        search.remove(&state, jobs: Set((0..<count).filter { state.visited[$0] && $0 % 2 == 0 }))
        var compared = 0, feasible = 0
        for (r, route) in state.routes.enumerated() {
            #expect(route.feasible && route.hasBreaks && !route.hasLocatedBreaks)
            for j in 0..<count where !state.visited[j] {
                for p in 0...route.stops.count {
                    var trial = route
                    trial.stops.insert(j, at: p)
                    search.refresh(&trial, vehicle: r)
                    let fast = search.insertionCost(route, vehicle: r, job: j, at: p)
                    #expect((fast != nil) == trial.feasible, "job \(j) at \(p) of day \(r)")
                    if let fast, trial.feasible { #expect(fast.travel == trial.travel - route.travel); feasible += 1 }
                    compared += 1
                }
            }
        }
        #expect(compared > 100 && feasible > 0)
    }
}
