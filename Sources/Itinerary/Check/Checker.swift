/// The timed route a solution implies, computed from scratch. This is the checker: it shares no
/// code with the solver's incremental bookkeeping, so a solver bug cannot hide behind it.
public struct RouteSchedule: Sendable {
    public struct Step: Sendable {
        public enum Kind: String, Sendable { case start, job, rest = "break", end }
        public let kind: Kind
        /// Job or break id (nil for start and end).
        public let id: Int?
        public let location: Int?
        public let arrival: Int
        public let waiting: Int
        public let service: Int
        /// Travel time accumulated so far (VROOM's step `duration`).
        public let travelSoFar: Int
        public let distanceSoFar: Int
    }

    public let steps: [Step]
    public var travel: Int { steps.last?.travelSoFar ?? 0 }
    public var distance: Int { steps.last?.distanceSoFar ?? 0 }
    public var waiting: Int { steps.reduce(0) { $0 + $1.waiting } }
    public var service: Int { steps.reduce(0) { $0 + $1.service } }
}

public enum Checker {
    /// Schedules one route as early as possible; returns the reason it is infeasible, if it is.
    public static func schedule(_ problem: Problem, vehicle v: Int, stops: [Solution.Stop]) -> Result<
        RouteSchedule, Violation
    > {
        let vehicle = problem.vehicles[v]
        var steps: [RouteSchedule.Step] = []
        var time = vehicle.window.open
        var travel = 0, distance = 0
        var location = vehicle.start
        func move(to next: Int?) -> Int {
            guard let from = location, let to = next else { return 0 }
            distance += problem.distances?[from * problem.size + to] ?? 0
            return problem.travel(from, to)
        }
        if vehicle.start != nil || !stops.isEmpty {
            steps.append(
                .init(
                    kind: .start, id: nil, location: vehicle.start, arrival: time, waiting: 0, service: 0,
                    travelSoFar: 0, distanceSoFar: 0))
        }
        for (index, stop) in stops.enumerated() {
            switch stop {
            case let .job(j):
                let job = problem.jobs[j]
                if location == nil { location = job.location } // open start: the route begins here
                let leg = move(to: job.location)
                travel += leg
                let arrival = time + leg
                guard let window = job.windows.first(where: { $0.close >= arrival }) else {
                    return .failure(
                        .lateArrival(
                            vehicleID: vehicle.id, jobID: job.id, arrival: arrival, close: job.windows.last!.close))
                }
                let start = max(arrival, window.open)
                steps.append(
                    .init(
                        kind: .job, id: job.id, location: job.location, arrival: arrival, waiting: start - arrival,
                        service: job.service, travelSoFar: travel, distanceSoFar: distance))
                time = start + job.service
                location = job.location
            case let .rest(b):
                let brk = vehicle.breaks[b]
                if !brk.locations.isEmpty {
                    // Taken at the place to eat with the least detour towards the next job (or the end).
                    var next = vehicle.end
                    for case let .job(j) in stops[(index + 1)...] { next = problem.jobs[j].location; break }
                    let place = brk.place(from: location, next: next, in: problem)!
                    let leg = move(to: place)
                    travel += leg
                    time += leg
                    location = place
                }
                guard let window = brk.windows.first(where: { $0.close >= time }) else {
                    return .failure(
                        .lateBreak(
                            vehicleID: vehicle.id, breakID: brk.id, arrival: time, close: brk.windows.last!.close))
                }
                let start = max(time, window.open)
                steps.append(
                    .init(
                        kind: .rest, id: brk.id, location: location, arrival: time, waiting: start - time,
                        service: brk.service, travelSoFar: travel, distanceSoFar: distance))
                time = start + brk.service
            }
        }
        let leg = move(to: vehicle.end)
        travel += leg
        let end = time + leg
        if vehicle.end != nil || !stops.isEmpty {
            steps.append(
                .init(
                    kind: .end, id: nil, location: vehicle.end ?? location, arrival: end, waiting: 0, service: 0,
                    travelSoFar: travel, distanceSoFar: distance))
        }
        guard end <= vehicle.window.close else {
            return .failure(.lateReturn(vehicleID: vehicle.id, arrival: end, close: vehicle.window.close))
        }
        if let limit = vehicle.maxTravelTime, travel > limit {
            return .failure(.travelTooLong(vehicleID: vehicle.id, travel: travel, limit: limit))
        }
        let jobCount = stops.reduce(0) { n, s in if case .job = s { n + 1 } else { n } }
        if let limit = vehicle.maxJobs, jobCount > limit {
            return .failure(.tooManyJobs(vehicleID: vehicle.id, jobs: jobCount, limit: limit))
        }
        return .success(RouteSchedule(steps: steps))
    }

    /// Every rule a solution must keep: each job at most once, every break on its own vehicle
    /// exactly once, windows, route end, travel limit, mandatory jobs served.
    public static func violations(_ problem: Problem, _ solution: Solution) -> [Violation] {
        var found: [Violation] = []
        guard solution.routes.count == problem.vehicles.count else {
            return [.routeCount(solution.routes.count, problem.vehicles.count)]
        }
        var seen = Set<Int>()
        for (v, route) in solution.routes.enumerated() {
            var breaks = Set<Int>()
            for stop in route {
                switch stop {
                case let .job(j):
                    if !problem.jobs.indices.contains(j) {
                        found.append(.unknownJob(j))
                    } else if !seen.insert(j).inserted {
                        found.append(.duplicateJob(problem.jobs[j].id))
                    }
                case let .rest(b):
                    if !problem.vehicles[v].breaks.indices.contains(b) || !breaks.insert(b).inserted {
                        found.append(.badBreak(vehicleID: problem.vehicles[v].id, index: b))
                    }
                }
            }
            if breaks.count != problem.vehicles[v].breaks.count {
                found.append(.missingBreak(vehicleID: problem.vehicles[v].id))
            }
            if found.isEmpty, case let .failure(violation) = schedule(problem, vehicle: v, stops: route) {
                found.append(violation)
            }
        }
        for (j, job) in problem.jobs.enumerated() where job.mandatory && !seen.contains(j) {
            found.append(.mandatoryMissing(job.id))
        }
        if found.isEmpty, let limit = problem.maxTotalTravel {
            let total = solution.routes.indices.reduce(0) { sum, v in
                if case let .success(s) = schedule(problem, vehicle: v, stops: solution.routes[v]) {
                    sum + s.travel
                } else {
                    sum
                }
            }
            if total > limit { found.append(.totalTravelTooLong(travel: total, limit: limit)) }
        }
        if let limit = problem.maxTotalCost {
            let cost = seen.reduce(0) { $0 + (problem.jobs.indices.contains($1) ? problem.jobs[$1].cost : 0) }
            if cost > limit { found.append(.totalCostTooHigh(cost: cost, limit: limit)) }
        }
        return found
    }
}

/// Why a solution breaks the problem's rules.
public enum Violation: Error, Equatable, Sendable, CustomStringConvertible {
    case lateArrival(vehicleID: Int, jobID: Int, arrival: Int, close: Int)
    case lateBreak(vehicleID: Int, breakID: Int, arrival: Int, close: Int)
    case lateReturn(vehicleID: Int, arrival: Int, close: Int)
    case travelTooLong(vehicleID: Int, travel: Int, limit: Int)
    case totalTravelTooLong(travel: Int, limit: Int)
    case totalCostTooHigh(cost: Int, limit: Int)
    case tooManyJobs(vehicleID: Int, jobs: Int, limit: Int)
    case duplicateJob(Int), unknownJob(Int), mandatoryMissing(Int)
    case badBreak(vehicleID: Int, index: Int), missingBreak(vehicleID: Int)
    case routeCount(Int, Int)

    public var description: String {
        switch self {
        case let .lateArrival(v, j, a, c):
            "vehicle \(v): job \(j) reached at \(a), after its last window closes at \(c)"
        case let .lateBreak(v, b, a, c):
            "vehicle \(v): break \(b) reached at \(a), after its last window closes at \(c)"
        case let .lateReturn(v, a, c): "vehicle \(v): back at \(a), after its time window closes at \(c)"
        case let .travelTooLong(v, t, l): "vehicle \(v): travels \(t), more than its max_travel_time \(l)"
        case let .totalTravelTooLong(t, l): "all routes travel \(t) together, more than the total limit \(l)"
        case let .totalCostTooHigh(c, l): "the visited jobs cost \(c) together, more than the budget \(l)"
        case let .tooManyJobs(v, n, l): "vehicle \(v): \(n) jobs, more than its max_tasks \(l)"
        case let .duplicateJob(j): "job \(j) is visited more than once"
        case let .unknownJob(j): "job index \(j) does not exist"
        case let .mandatoryMissing(j): "mandatory job \(j) is not visited"
        case let .badBreak(v, b): "vehicle \(v): break index \(b) is unknown or repeated"
        case let .missingBreak(v): "vehicle \(v): a break is missing"
        case let .routeCount(a, b): "\(a) routes for \(b) vehicles"
        }
    }
}
