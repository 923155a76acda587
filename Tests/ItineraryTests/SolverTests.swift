import Foundation
@testable import Itinerary
import Testing
import TestSupport

/// A random instance: `jobs` sites on a 100×100 square, Euclidean travel times, random windows.
private func randomProblem(jobs count: Int, vehicles: Int, horizon: Int, rng: inout SeededGenerator) throws -> Problem {
    let points = (0...count).map { _ in
        (Double.random(in: 0...100, using: &rng), Double.random(in: 0...100, using: &rng))
    }
    let matrix = points.map { a in
        points.map { b in Int(((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()) }
    }
    let jobs = (1...count).map { i -> Job in
        let open = Int.random(in: 0...(horizon / 2), using: &rng)
        return Job(
            id: i, location: i, service: Int.random(in: 0...15, using: &rng),
            windows: [TimeWindow(open, open + Int.random(in: 10...(horizon / 2), using: &rng))],
            priority: Int.random(in: 1...20, using: &rng))
    }
    let fleet = (1...vehicles).map { Vehicle(id: $0, start: 0, end: 0, window: TimeWindow(0, horizon)) }
    return try Problem(jobs: jobs, vehicles: fleet, durations: matrix)
}

/// The best score by enumeration: for every subset, whether some order fits one route; then the
/// best disjoint assignment of subsets to vehicles.
private func bruteForceScore(_ problem: Problem) -> Int {
    let n = problem.jobs.count
    func feasible(_ subset: Int, vehicle v: Int) -> Bool {
        var members = (0..<n).filter { subset & (1 << $0) != 0 }
        if members.isEmpty { return true }
        members.sort()
        repeat {
            if case .success = Checker.schedule(problem, vehicle: v, stops: members.map { .job($0) }) { return true }
        } while nextPermutation(&members)
        return false
    }
    let subsets = 1 << n
    let score = (0..<subsets).map { s in (0..<n).reduce(0) { s & (1 << $1) != 0 ? $0 + problem.jobs[$1].priority : $0 }
    }
    let fits = problem.vehicles.indices.map { v in (0..<subsets).map { feasible($0, vehicle: v) } }
    var best = 0
    func assign(_ v: Int, used: Int, total: Int) {
        if v == problem.vehicles.count { best = max(best, total); return }
        for s in 0..<subsets where s & used == 0 && fits[v][s] {
            assign(v + 1, used: used | s, total: total + score[s])
        }
    }
    assign(0, used: 0, total: 0)
    return best
}

private func nextPermutation(_ a: inout [Int]) -> Bool {
    guard a.count > 1, var i = a.indices.dropLast().last(where: { a[$0] < a[$0 + 1] }) as Int? else { return false }
    let j = a.indices.last { a[$0] > a[i] }!
    a.swapAt(i, j)
    i += 1
    a[i...].reverse()
    return true
}

private let repeatable = SolverOptions(seed: 3, timeLimit: 60, maxIterations: 60, threads: 2)

@Suite struct SolverOptimalityTests {
    @Test(arguments: [(6, 1), (7, 1), (6, 2)])
    func smallInstancesReachTheBruteForceOptimum(jobs: Int, vehicles: Int) throws {
        var rng = SeededGenerator(seed: UInt64(jobs * 10 + vehicles))
        for _ in 0..<8 {
            let problem = try randomProblem(jobs: jobs, vehicles: vehicles, horizon: 200, rng: &rng)
            let solution = try Solver.solve(problem, options: repeatable)
            #expect(Checker.violations(problem, solution).isEmpty)
            #expect(solution.priority(in: problem) == bruteForceScore(problem))
        }
    }

    @Test func everyAnswerOnLargerRandomInstancesPassesTheChecker() throws {
        var rng = SeededGenerator()
        for v in 1...3 {
            let problem = try randomProblem(jobs: 60, vehicles: v, horizon: 300, rng: &rng)
            let solution = try Solver.solve(
                problem, options: SolverOptions(seed: 1, timeLimit: 5, maxIterations: 30, threads: 2))
            #expect(Checker.violations(problem, solution) == [])
            #expect(solution.priority(in: problem) > 0)
        }
    }

    @Test func theSameSeedGivesTheSameAnswer() throws {
        var rng = SeededGenerator()
        let problem = try randomProblem(jobs: 30, vehicles: 2, horizon: 300, rng: &rng)
        let options = SolverOptions(seed: 5, timeLimit: 60, maxIterations: 25, threads: 2)
        let a = try Solver.solve(problem, options: options), b = try Solver.solve(problem, options: options)
        #expect(a == b)
    }

    @Test func withEveryPriorityZeroAllJobsAreServedAsInATSP() throws {
        // Four corners of a square: the tour must visit all four at the perimeter, 40.
        let corners = [(0, 0), (10, 0), (10, 10), (0, 10)]
        let matrix = corners.map { a in corners.map { b in abs(a.0 - b.0) + abs(a.1 - b.1) } }
        let jobs = (1...3).map { Job(id: $0, location: $0) }
        let problem = try Problem(jobs: jobs, vehicles: [Vehicle(id: 1, start: 0, end: 0)], durations: matrix)
        let solution = try Solver.solve(problem, options: repeatable)
        guard case let .success(schedule) = Checker.schedule(problem, vehicle: 0, stops: solution.routes[0]) else {
            Issue.record("infeasible"); return
        }
        #expect(solution.unassigned(in: problem).isEmpty)
        #expect(schedule.travel == 40)
    }

    @Test func aLocatedBreakIsTakenAtTheNearestPlaceToEat() throws {
        // Depot 0, jobs at 10 and 20 on a line, places to eat at 12 and 40; lunch 15–25, 5 long.
        let pos = [0, 10, 20, 12, 40]
        let matrix = pos.map { a in pos.map { b in abs(a - b) } }
        let jobs = [Job(id: 1, location: 1, service: 2, priority: 1), Job(id: 2, location: 2, service: 2, priority: 1)]
        let lunch = Break(id: 7, windows: [TimeWindow(15, 25)], service: 5, locations: [3, 4])
        let problem = try Problem(
            jobs: jobs, vehicles: [Vehicle(id: 1, start: 0, end: 0, window: TimeWindow(0, 100), breaks: [lunch])],
            durations: matrix)
        let solution = try Solver.solve(problem, options: repeatable)
        #expect(Checker.violations(problem, solution).isEmpty)
        guard case let .success(schedule) = Checker.schedule(problem, vehicle: 0, stops: solution.routes[0]) else {
            Issue.record("infeasible"); return
        }
        let rest = schedule.steps.first { $0.kind == .rest }!
        #expect(rest.location == 3)
        #expect(schedule.travel == 40) // 0→10→12 (lunch)→20→0: the detour to eat costs nothing on the way
    }

    @Test func maxJobsCapsEachRoute() throws {
        // Six sites on a line, two days of ample time, at most two sites a day: four are served,
        // the highest priorities, and no day has more than two.
        let pos = [0, 1, 2, 3, 4, 5, 6]
        let matrix = pos.map { a in pos.map { b in abs(a - b) } }
        let jobs = (1...6).map { Job(id: $0, location: $0, priority: $0) }
        let days = (0..<2).map { Vehicle(id: $0, start: 0, end: 0, window: TimeWindow(0, 1000), maxJobs: 2) }
        let problem = try Problem(jobs: jobs, vehicles: days, durations: matrix)
        let solution = try Solver.solve(problem, options: repeatable)
        #expect(Checker.violations(problem, solution).isEmpty)
        #expect(solution.routes.allSatisfy { $0.count <= 2 })
        #expect(solution.priority(in: problem) == 6 + 5 + 4 + 3)
        var tooMany = solution
        tooMany.routes[0] = [.job(0), .job(1), .job(2)]
        tooMany.routes[1] = []
        #expect(Checker.violations(problem, tooMany).contains(.tooManyJobs(vehicleID: 0, jobs: 3, limit: 2)))
    }
}

@Suite struct SolverRulesTests {
    /// Three sites in a row from the depot: 10, 20, 30 minutes out; a 60-minute day.
    private func line(mandatoryFar: Bool, farWindow: TimeWindow = .always) throws -> Problem {
        let pos = [0, 10, 20, 30]
        let matrix = pos.map { a in pos.map { b in abs(a - b) } }
        let jobs = [
            Job(id: 1, location: 1, priority: 5), Job(id: 2, location: 2, priority: 5),
            Job(id: 3, location: 3, service: 5, windows: [farWindow], priority: 1, mandatory: mandatoryFar)
        ]
        return try Problem(
            jobs: jobs, vehicles: [Vehicle(id: 1, start: 0, end: 0, window: TimeWindow(0, 60))], durations: matrix)
    }

    @Test func aMandatorySiteIsVisitedEvenWhenOthersAreWorthMore() throws {
        // Out and back to site 3 takes 60 + 5: over the day; without site 3 both others fit.
        var problem = try line(mandatoryFar: true)
        problem.vehicles[0].window = TimeWindow(0, 65)
        let solution = try Solver.solve(problem, options: repeatable)
        #expect(Checker.violations(problem, solution).isEmpty)
        #expect(solution.routes[0].contains(.job(2)))
    }

    @Test func anUnreachableMandatorySiteIsAnErrorNamingIt() throws {
        let problem = try line(mandatoryFar: true, farWindow: TimeWindow(0, 20)) // 30 minutes away, closes at 20
        #expect(
            throws: ProblemError.infeasibleMandatory(
                jobID: 3, reason: "no route reaches it within its time windows and is back in time")
        ) {
            try Solver.solve(problem, options: repeatable)
        }
        #expect(
            ProblemError.infeasibleMandatory(jobID: 3, reason: "x").description
                == "mandatory job 3 cannot be visited: x")
    }

    @Test func aBreakIsScheduledInsideItsWindow() throws {
        var problem = try line(mandatoryFar: false)
        problem.vehicles[0].window = TimeWindow(0, 200)
        problem.vehicles[0].breaks = [Break(id: 9, windows: [TimeWindow(30, 40)], service: 45)]
        let solution = try Solver.solve(problem, options: repeatable)
        #expect(Checker.violations(problem, solution).isEmpty)
        guard case let .success(schedule) = Checker.schedule(problem, vehicle: 0, stops: solution.routes[0]) else {
            Issue.record("infeasible"); return
        }
        let rest = try #require(schedule.steps.first { $0.kind == .rest })
        #expect((30...40).contains(rest.arrival + rest.waiting))
        #expect(solution.unassigned(in: problem).isEmpty)
    }
}

@Suite struct VroomFormatTests {
    private func parse(_ json: String) -> String? {
        do { _ = try VroomProblem(json: Data(json.utf8)).problem(); return nil } catch { return error.description }
    }

    @Test(arguments: [
        (#"{"jobs": [}"#, "not valid JSON"),
        (
            #"{"jobs":[{"id":1,"location_index":1}],"vehicles":[{"id":1,"start_index":0}],"matrices":{"car":{"durations":[[0,1],[1,0,2]]}}}"#,
            "matrices.car.durations[1]: row has 3 values, the matrix is 2×2 (it must be square)"
        ),
        (
            #"{"jobs":[{"id":1,"location_index":5}],"vehicles":[{"id":1,"start_index":0}],"matrices":{"car":{"durations":[[0,1],[1,0]]}}}"#,
            "jobs[0].location_index: 5 is outside the 2×2 matrix"
        ),
        (
            #"{"jobs":[{"id":1,"location_index":1}],"vehicles":[{"id":1,"start_index":0}],"matrices":{"car":{"durations":[[0,-1],[1,0]]}}}"#,
            "matrices.car.durations[0][1]: must be ≥ 0, found -1"
        ),
        (
            #"{"jobs":[{"id":1,"location_index":1,"time_windows":[[50,10]]}],"vehicles":[{"id":1,"start_index":0}],"matrices":{"car":{"durations":[[0,1],[1,0]]}}}"#,
            "jobs[0].time_windows[0]: closes (10) before it opens (50)"
        ),
        (
            #"{"jobs":[{"id":1,"location_index":1,"service":true}],"vehicles":[{"id":1}],"matrices":{"car":{"durations":[[0,1],[1,0]]}}}"#,
            "jobs[0].service: expected an integer"
        ),
        (
            #"{"jobs":[],"vehicles":[],"matrices":{"car":{"durations":[[0]]}}}"#,
            "vehicles: at least one vehicle (day) is needed"
        ),
        (
            #"{"jobs":[],"vehicles":[{"id":1}],"shipments":[{"amount":[1]}],"matrices":{"car":{"durations":[[0]]}}}"#,
            "shipments: pickup-and-delivery shipments is not supported"
        ),
        (#"{"jobs":[5],"vehicles":[{"id":1}],"matrix":[[0]]}"#, "jobs[0]: expected an object"),
        (
            #"{"jobs":[],"vehicles":[{"id":1,"breaks":{"id":1}}],"matrices":{"car":{"durations":[[0]]}}}"#,
            "vehicles[0].breaks: expected an array"
        ),
        (
            #"{"jobs":[],"vehicles":[{"id":1,"start_index":0},{"id":2,"end_index":0}],"matrix":[[0,1],[1,0]],"#
                + #""hotel_selection":{"candidates":[1,"x"]}}"#,
            "hotel_selection.candidates[1]: expected an integer"
        ),
        // Found by fuzzing: a break that cannot fit in its vehicle's day made the solver answer
        // with a route the checker refused.
        (
            #"{"jobs":[],"vehicles":[{"id":1,"start_index":0,"time_window":[0,4320],"breaks":[{"id":1,"time_windows":[[10001,14000]],"service":1800}]}],"matrices":{"car":{"durations":[[0]]}}}"#,
            "vehicles[0]: even a day without visits breaks its limits (vehicle 1: back at 11801, after its time window closes at 4320)"
        )
    ])
    func badProblemsNameTheMember(json: String, message: String) {
        let error = parse(json)
        #expect(error?.hasPrefix(message) == true, "\(error ?? "accepted")")
    }

    @Test func aMillionJobsAreRefusedQuickly() throws {
        let jobs = String(repeating: #"{"id":1,"location_index":0},"#, count: 1_000_000).dropLast()
        let json = #"{"jobs":[\#(jobs)],"vehicles":[{"id":1}],"matrices":{"car":{"durations":[[0]]}}}"#
        // Refused by the byte pre-scan, before any JSON object is built (no timing assertion:
        // these machines are shared; the count test below shows the scan does the work).
        #expect(parse(json) == "jobs: 1000000 jobs, the limit is 10000")
        #expect(
            VroomProblem.topLevelArrayCounts(
                Data(#"{"jobs":[{"a":[1,2]},{"b":"x,]"}],"vehicles":[],"x":{"jobs":[1,2,3]}}"#.utf8),
                keys: ["jobs", "vehicles"])
                == ["jobs": 2, "vehicles": 0])
    }

    @Test func unsupportedKeysAreNamedInWarnings() throws {
        let json =
            #"{"jobs":[{"id":1,"location_index":1,"delivery":[1],"skills":[2]}],"vehicles":[{"id":1,"start_index":0,"capacity":[4]}],"matrices":{"car":{"durations":[[0,1],[1,0]]}}}"#
        let parsed = try VroomProblem(json: Data(json.utf8))
        #expect(
            parsed.warnings == [
                "job keys not supported, ignored: delivery, skills", "vehicle keys not supported, ignored: capacity"
            ])
    }

    @Test func theSolutionIsWrittenInVroomsFormat() throws {
        // Depot 0, site 1 ten minutes away, opens at 15, service 5: arrive 10, wait 5, back at 30.
        let json =
            #"{"jobs":[{"id":7,"location_index":1,"service":5,"time_windows":[[15,100]],"priority":3}],"vehicles":[{"id":1,"start_index":0,"end_index":0,"time_window":[0,100]}],"matrices":{"car":{"durations":[[0,10],[10,0]]}}}"#
        let problem = try VroomProblem(json: Data(json.utf8)).problem()
        let solution = try Solver.solve(problem, options: repeatable)
        let out = VroomSolution(problem, solution)
        #expect(out.summary.cost == 20 && out.summary.priority == 3 && out.summary.waitingTime == 5)
        #expect(out.summary.unassigned == 0 && out.summary.service == 5)
        let steps = out.routes[0].steps
        #expect(steps.map(\.type) == [.start, .job, .end])
        #expect(steps[1].arrival == 10 && steps[1].waitingTime == 5 && steps[1].duration == 10)
        #expect(steps[2].arrival == 30 && steps[2].duration == 20)
    }
}
