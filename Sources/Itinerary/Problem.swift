/// An itinerary problem: jobs (sites) to visit with vehicles (days), over a travel-time matrix.
///
/// The solver takes a matrix, never a router: how travel times were computed (road graph,
/// haversine, a benchmark's Euclidean distances) is the caller's business. All times are
/// integers in one unit (seconds in this project; hundredths in the OPTW benchmark).
public struct Problem: Sendable {
    public var jobs: [Job]
    public var vehicles: [Vehicle]
    /// Row-major n×n travel durations; `durations[from * size + to]`.
    public var durations: [Int]
    /// Optional distances (metres), same layout, reported but not optimised.
    public var distances: [Int]?
    public var size: Int
    /// All routes' travel together, if limited: the total length of a trip of several days
    /// (OPHS's Tmax) when the days are the vehicles. Set after `init`; the checker verifies it.
    public var maxTotalTravel: Int? = nil
    /// All visited jobs' `cost` together, if limited (a budget: a school trip's tickets). Our
    /// extension; set after `init`, verified by the checker.
    public var maxTotalCost: Int? = nil

    public init(jobs: [Job], vehicles: [Vehicle], durations: [[Int]], distances: [[Int]]? = nil) throws(ProblemError) {
        let n = durations.count
        for (i, row) in durations.enumerated() where row.count != n {
            throw .invalid(
                path: "matrices.durations[\(i)]",
                reason: "row has \(row.count) values, the matrix is \(n)×\(n) (it must be square)")
        }
        if let distances {
            guard distances.count == n, distances.allSatisfy({ $0.count == n }) else {
                throw .invalid(path: "matrices.distances", reason: "must be \(n)×\(n) like durations")
            }
        }
        self.jobs = jobs
        self.vehicles = vehicles
        self.size = n
        self.durations = durations.flatMap { $0 }
        self.distances = distances?.flatMap { $0 }
        try validate()
    }

    @inlinable
    public func travel(_ from: Int, _ to: Int) -> Int { durations[from * size + to] }

    /// Checks every index, duration and window; the first problem found is thrown.
    func validate() throws(ProblemError) {
        guard !vehicles.isEmpty else {
            throw .invalid(path: "vehicles", reason: "at least one vehicle (day) is needed")
        }
        if let negative = durations.firstIndex(where: { $0 < 0 }) {
            throw .invalid(
                path: "matrices.durations[\(negative / size)][\(negative % size)]",
                reason: "negative travel time \(durations[negative])")
        }
        var seen: [Int: Int] = [:]
        for (i, job) in jobs.enumerated() {
            let path = "jobs[\(i)]"
            if let first = seen[job.id] {
                throw .invalid(path: path, reason: "duplicate job id \(job.id) (also jobs[\(first)])")
            }
            seen[job.id] = i
            guard (0..<size).contains(job.location) else {
                throw .invalid(
                    path: "\(path).location_index", reason: "\(job.location) is outside the \(size)×\(size) matrix")
            }
            guard job.service >= 0 else {
                throw .invalid(path: "\(path).service", reason: "negative service time \(job.service)")
            }
            try Self.check(job.windows, path: "\(path).time_windows")
        }
        var vehicleIDs = Set<Int>()
        for (v, vehicle) in vehicles.enumerated() {
            let path = "vehicles[\(v)]"
            guard vehicleIDs.insert(vehicle.id).inserted else {
                throw .invalid(path: path, reason: "duplicate vehicle id \(vehicle.id)")
            }
            for (name, index) in [("start_index", vehicle.start), ("end_index", vehicle.end)] {
                if let index, !(0..<size).contains(index) {
                    throw .invalid(path: "\(path).\(name)", reason: "\(index) is outside the \(size)×\(size) matrix")
                }
            }
            try Self.check([vehicle.window], path: "\(path).time_window")
            if let m = vehicle.maxTravelTime, m < 0 {
                throw .invalid(path: "\(path).max_travel_time", reason: "negative (\(m))")
            }
            for (b, brk) in vehicle.breaks.enumerated() {
                guard brk.service >= 0 else {
                    throw .invalid(path: "\(path).breaks[\(b)].service", reason: "negative service time \(brk.service)")
                }
                try Self.check(brk.windows, path: "\(path).breaks[\(b)].time_windows")
            }
        }
        // Every route holds its vehicle's breaks, so a vehicle that cannot even go from start to
        // end with its breaks alone makes any answer infeasible (found by fuzzing: the solver
        // returned such a route). Say so now, naming the vehicle.
        for (v, vehicle) in vehicles.enumerated() {
            let breaks = vehicle.breaks.indices.sorted {
                vehicle.breaks[$0].windows[0].open < vehicle.breaks[$1].windows[0].open
            }
            if case let .failure(violation) = Checker.schedule(self, vehicle: v, stops: breaks.map { .rest($0) }) {
                throw .impossibleVehicle(index: v, violation)
            }
        }
    }

    static func check(_ windows: [TimeWindow], path: String) throws(ProblemError) {
        guard !windows.isEmpty else {
            throw .invalid(path: path, reason: "no time window (omit the key for 'always open')")
        }
        for (w, window) in windows.enumerated() {
            guard window.open <= window.close else {
                throw .invalid(
                    path: "\(path)[\(w)]", reason: "closes (\(window.close)) before it opens (\(window.open))")
            }
            if w > 0, windows[w - 1].close > window.open {
                throw .invalid(path: "\(path)[\(w)]", reason: "windows must be sorted and must not overlap")
            }
        }
    }
}

/// When something may start: `open...close` (a visit may end after `close`).
public struct TimeWindow: Hashable, Sendable {
    public var open: Int
    public var close: Int
    public init(_ open: Int, _ close: Int) { self.open = open; self.close = close }
    public static let always = TimeWindow(0, Int.max / 4)
}

/// A site to visit.
public struct Job: Hashable, Sendable {
    public var id: Int
    /// Index into the matrix.
    public var location: Int
    public var service: Int
    /// Sorted, non-overlapping windows for the start of the visit.
    public var windows: [TimeWindow]
    /// How much the visit is worth (VROOM's priority; the orienteering score).
    public var priority: Int
    /// Must be visited; a solution without it is infeasible (our extension of VROOM's format).
    public var mandatory: Bool
    /// What visiting it spends of `Problem.maxTotalCost` (a ticket price; any unit).
    public var cost: Int

    public init(
        id: Int, location: Int, service: Int = 0, windows: [TimeWindow] = [.always], priority: Int = 0,
        mandatory: Bool = false, cost: Int = 0
    ) {
        self.id = id; self.location = location; self.service = service
        self.windows = windows; self.priority = priority; self.mandatory = mandatory; self.cost = cost
    }
}

/// A pause the route must contain (lunch), taken where the vehicle is.
public struct Break: Hashable, Sendable {
    public var id: Int
    public var windows: [TimeWindow]
    public var service: Int
    /// Where the break may be taken (matrix indices, e.g. places to eat); empty: wherever the
    /// route is. Of several, the one with the least detour between the stops around it.
    public var locations: [Int]
    public init(id: Int, windows: [TimeWindow], service: Int, locations: [Int] = []) {
        self.id = id; self.windows = windows; self.service = service; self.locations = locations
    }

    /// The place among `locations` with the least detour from `from` to `next` (ties: the first).
    public func place(from: Int?, next: Int?, in problem: Problem) -> Int? {
        guard !locations.isEmpty else { return nil }
        return locations.min { a, b in
            let da = (from.map { problem.travel($0, a) } ?? 0) + (next.map { problem.travel(a, $0) } ?? 0)
            let db = (from.map { problem.travel($0, b) } ?? 0) + (next.map { problem.travel(b, $0) } ?? 0)
            return da < db
        }
    }
}

/// One route: a day of a trip, or a vehicle.
public struct Vehicle: Hashable, Sendable {
    public var id: Int
    /// Matrix indices; nil means the route starts (ends) at its first (last) job.
    public var start: Int?
    public var end: Int?
    public var window: TimeWindow
    public var breaks: [Break]
    public var maxTravelTime: Int?
    /// At most this many jobs on the route (VROOM's `max_tasks`; a planner's sites per day).
    public var maxJobs: Int?

    public init(
        id: Int, start: Int?, end: Int?, window: TimeWindow = .always, breaks: [Break] = [], maxTravelTime: Int? = nil,
        maxJobs: Int? = nil
    ) {
        self.id = id; self.start = start; self.end = end; self.window = window; self.breaks = breaks;
        self.maxTravelTime = maxTravelTime
        self.maxJobs = maxJobs
    }
}
