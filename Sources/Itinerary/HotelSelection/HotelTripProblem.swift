import Foundation

/// A trip of several days whose nights are chosen among hotel candidates: the orienteering
/// problem with hotel selection (OPHS), with everything the day solver already has (time
/// windows, service times, breaks, `max_tasks`, mandatory jobs, a travel limit per day).
///
/// Day 1 starts at `start`, the last day ends at `end`, and each other day ends at one of
/// `hotels`, where the next day starts. Each job is visited at most once; the objective is the
/// day solver's (score, then less travel).
public struct HotelTripProblem: Sendable {
    public var jobs: [Job]
    /// Square travel-time matrix over every location (jobs and hotels).
    public var durations: [[Int]]
    public var distances: [[Int]]?
    /// Matrix indices where a night may be spent (`start` and `end` may be among them).
    public var hotels: [Int]
    public var start: Int
    public var end: Int
    /// One per day: its window, breaks, `maxTravelTime`, `maxJobs` (start and end are set by
    /// the hotels chosen).
    public var days: [Vehicle]
    /// All days' travel together (OPHS's Tmax), if limited.
    public var totalTravelLimit: Int?

    public init(
        jobs: [Job], durations: [[Int]], distances: [[Int]]? = nil, hotels: [Int], start: Int, end: Int,
        days: [Vehicle], totalTravelLimit: Int? = nil
    ) {
        self.jobs = jobs; self.durations = durations; self.distances = distances; self.hotels = hotels
        self.start = start; self.end = end; self.days = days; self.totalTravelLimit = totalTravelLimit
    }

    /// The day problem for one sequence of hotels (`sequence[d]` to `sequence[d + 1]` on day d).
    public func dayProblem(_ sequence: [Int]) throws(ProblemError) -> Problem {
        var vehicles = days
        for d in vehicles.indices { vehicles[d].start = sequence[d]; vehicles[d].end = sequence[d + 1] }
        var problem = try Problem(jobs: jobs, vehicles: vehicles, durations: durations, distances: distances)
        problem.maxTotalTravel = totalTravelLimit
        return problem
    }

    /// The day problem before any night is chosen: no day has a start or an end yet (the trip
    /// search sets them as it goes).
    func openProblem() throws(ProblemError) -> Problem {
        var vehicles = days
        for d in vehicles.indices { vehicles[d].start = nil; vehicles[d].end = nil }
        var problem = try Problem(jobs: jobs, vehicles: vehicles, durations: durations, distances: distances)
        problem.maxTotalTravel = totalTravelLimit
        return problem
    }
}

extension HotelTripProblem {
    /// Whether `a` beats `b` as the day solver ranks (score, then less travel, waiting, an
    /// earlier return); for callers that solve a chosen sequence again and keep the better.
    public func isBetter(_ a: HotelTripSolution, than b: HotelTripSolution) -> Bool {
        let values = HotelSelection.jobValues(jobs)
        guard let pa = try? dayProblem(a.hotels), let ra = HotelSelection.rank(self, pa, a.solution, values) else {
            return false
        }
        guard let pb = try? dayProblem(b.hotels), let rb = HotelSelection.rank(self, pb, b.solution, values) else {
            return true
        }
        return ra.isBetter(than: rb)
    }
}

/// The hotels chosen (one more than days: the start, each night, the end) and the days' routes.
public struct HotelTripSolution: Sendable, Equatable {
    public var hotels: [Int]
    public var solution: Solution
    /// The next best sequences found, best first (at most two): when day solves are noisy, a
    /// caller with time to spare solves them again too (the planner does).
    public var runnersUp: [[Int]]
    public init(hotels: [Int], solution: Solution, runnersUp: [[Int]] = []) {
        self.hotels = hotels; self.solution = solution; self.runnersUp = runnersUp
    }
}
