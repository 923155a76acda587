/// Which jobs each vehicle visits, in order. Breaks are stops too (indices into the vehicle's breaks).
public struct Solution: Hashable, Sendable {
    public enum Stop: Hashable, Sendable {
        case job(Int)
        case rest(Int)
    }

    /// One list per vehicle, in `Problem.vehicles` order.
    public var routes: [[Stop]]

    public init(routes: [[Stop]]) { self.routes = routes }

    /// Job indices not on any route.
    public func unassigned(in problem: Problem) -> [Int] {
        var served = Set<Int>()
        for route in routes { for case let .job(j) in route { served.insert(j) } }
        return problem.jobs.indices.filter { !served.contains($0) }
    }

    /// Sum of priorities of the served jobs.
    public func priority(in problem: Problem) -> Int {
        routes.reduce(0) { sum, route in
            route.reduce(sum) { s, stop in if case let .job(j) = stop { s + problem.jobs[j].priority } else { s } }
        }
    }
}
