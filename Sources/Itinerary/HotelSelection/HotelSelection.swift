import Foundation

/// Orienteering with hotel selection: chooses the nights of a trip and its days' visits.
///
/// Two designs, chosen by how many sequences of nights there are (see README, "Hotel
/// selection"). Where they are few enough to count (`screeningLimit`), every sequence is
/// bounded and screened (`screen`): that can prove the answer optimal. Beyond, one search moves
/// nights and visits together (`TripSearch`), since enumerating millions of sequences (7 nights
/// among 13 hotels) leaves no time to solve any of them well.
public enum HotelSelection {
    /// Sequences beyond this many are searched, not screened.
    public static let screeningLimit = 4_000

    public static func solve(_ p: HotelTripProblem, options: SolverOptions = SolverOptions()) throws(ProblemError)
        -> HotelTripSolution
    {
        guard !p.days.isEmpty else { throw .invalid(path: "vehicles", reason: "at least one day is needed") }
        let problem = try p.openProblem()
        let search = TripSearch(p, problem: problem, values: Values(problem), seed: options.seed)
        let count = search.sequenceCount()
        guard count > 0 else {
            throw .invalid(
                path: "hotels",
                reason: "no choice of hotels lets every day reach the next night's hotel within its limits")
        }
        let how = ProcessInfo.processInfo.environment["SHOWCASE_HOTELS"]
        if how == "screen" || how == nil && count <= Double(screeningLimit) {
            let sequences = search.sequences()
            guard !sequences.isEmpty else {
                throw .invalid(
                    path: "hotels",
                    reason: "no choice of hotels lets every day reach the next night's hotel within the total limit")
            }
            return try screen(p, sequences: sequences, options: options)
        }
        return try search.solve(options)
    }

    /// The solver's valuation: priorities, or 1 per job when all are 0 (see `Values`).
    static func jobValues(_ jobs: [Job]) -> [Int] {
        let allZero = jobs.allSatisfy { $0.priority == 0 }
        return jobs.map { allZero ? 1 : max(0, $0.priority) }
    }

    /// The solution's rank, or nil when it breaks the total travel limit (the day solver keeps
    /// it; this is the guard of last resort).
    static func rank(_ p: HotelTripProblem, _ problem: Problem, _ s: Solution, _ values: [Int]) -> Ranked? {
        var travel = 0, waiting = 0, end = 0
        for v in s.routes.indices {
            guard case let .success(schedule) = Checker.schedule(problem, vehicle: v, stops: s.routes[v]) else {
                return nil
            }
            travel += schedule.travel
            waiting += schedule.steps.reduce(0) { $0 + $1.waiting }
            end += schedule.steps.last?.arrival ?? 0
        }
        if let total = p.totalTravelLimit, travel > total { return nil }
        return Ranked(value: value(s, values), travel: travel, waiting: waiting, end: end, solution: s)
    }

    static func value(_ s: Solution, _ values: [Int]) -> Int {
        s.routes.reduce(0) { $0 + $1.reduce(0) { if case let .job(j) = $1 { $0 + values[j] } else { $0 } } }
    }
}

/// A day solver's answer for one sequence, ranked like the solver ranks its states: value,
/// then less travel, less waiting, an earlier return (see `Solver`).
struct Ranked: Sendable, Equatable {
    var value: Int
    var travel: Int
    var waiting: Int
    var end: Int
    var solution: Solution
    func isBetter(than o: Ranked) -> Bool {
        value != o.value ? value > o.value : (travel, waiting, end) < (o.travel, o.waiting, o.end)
    }
}
