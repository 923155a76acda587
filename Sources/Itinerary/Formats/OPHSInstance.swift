import Foundation

/// An instance of the orienteering problem with hotel selection in the text format of Divsalar,
/// Vansteenwegen and Cattrysse (2013), the format of the public benchmark sets.
///
/// Locations keep the file's order, 0-based: 0 the start hotel, 1 the end hotel, 2…H+1 the extra
/// hotels, then the vertices. Distances are Euclidean on the coordinates as given, unrounded.
public struct OPHSInstance: Sendable, Equatable {
    /// Number of extra hotels (H).
    public let extraHotels: Int
    /// Length limit of all trips together (Tmax).
    public let totalLimit: Double
    /// Length limit of each trip (Td), one per trip.
    public let tripLimits: [Double]
    public let x: [Double]
    public let y: [Double]
    public let scores: [Int]

    /// Lengths may exceed a limit by this much (the benchmark's convention for unrounded sums).
    public static let tolerance = 1e-6

    public var tripCount: Int { tripLimits.count }
    public var locationCount: Int { x.count }
    /// Locations that may end a trip: start, end and the extra hotels.
    public var hotels: Range<Int> { 0..<(2 + extraHotels) }
    public var vertices: Range<Int> { (2 + extraHotels)..<x.count }

    public func distance(_ a: Int, _ b: Int) -> Double {
        let dx = x[a] - x[b], dy = y[a] - y[b]
        return (dx * dx + dy * dy).squareRoot()
    }

    public init(extraHotels: Int, totalLimit: Double, tripLimits: [Double], x: [Double], y: [Double], scores: [Int]) {
        self.extraHotels = extraHotels; self.totalLimit = totalLimit; self.tripLimits = tripLimits
        self.x = x; self.y = y; self.scores = scores
    }

    /// Reads the text format; errors name the line (1-based) and the field.
    ///
    /// Line 1 `N H D` (N = vertices + 2), line 2 `Tmax`, line 3 the D trip limits, then 2 + H +
    /// (N − 2) lines `x y score`. Blank lines and a closing line of dashes are skipped, as the
    /// published files have them.
    public static func parse(_ text: String) throws(ProblemError) -> OPHSInstance {
        var lines: [(number: Int, fields: [Substring])] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            // The published files end with a line of dashes: a trailer, not a location.
            if fields.count == 1, fields[0].allSatisfy({ $0 == "-" }) { continue }
            if !fields.isEmpty { lines.append((i + 1, fields)) }
        }
        func fail(_ line: Int, _ reason: String) -> ProblemError { .invalid(path: "line \(line)", reason: reason) }
        func number(_ at: Int, _ field: Int, _ name: String) throws(ProblemError) -> Double {
            let line = lines[at]
            guard field < line.fields.count else { throw fail(line.number, "\(name) is missing") }
            guard let v = Double(line.fields[field]), v.isFinite else {
                throw fail(line.number, "\(name) must be a number (got \"\(line.fields[field])\")")
            }
            return v
        }
        func count(_ field: Int, _ name: String, min: Int) throws(ProblemError) -> Int {
            let v = try number(0, field, name)
            guard v == v.rounded(), v >= Double(min), v < 1e6 else {
                throw fail(lines[0].number, "\(name) must be a whole number ≥ \(min) (got \(lines[0].fields[field]))")
            }
            return Int(v)
        }
        guard lines.count >= 3 else {
            throw fail(
                lines.last.map { $0.number + 1 } ?? 1,
                "an OPHS file starts with three lines: `N H D`, `Tmax`, the D trip lengths")
        }
        guard lines[0].fields.count == 3 else {
            throw fail(
                lines[0].number,
                "the first line is `N H D` (vertices + 2, extra hotels, trips); found \(lines[0].fields.count) values")
        }
        let n = try count(0, "N (vertices + 2)", min: 2)
        let h = try count(1, "H (extra hotels)", min: 0)
        let d = try count(2, "D (trips)", min: 1)
        let tmax = try number(1, 0, "Tmax (total tour length)")
        guard tmax >= 0 else { throw fail(lines[1].number, "Tmax must not be negative (got \(tmax))") }
        guard lines[2].fields.count == d else {
            throw fail(lines[2].number, "the trip lengths: D = \(d) values expected, found \(lines[2].fields.count)")
        }
        var limits: [Double] = []
        for t in 0..<d {
            let v = try number(2, t, "Td of trip \(t + 1)")
            guard v >= 0 else { throw fail(lines[2].number, "Td of trip \(t + 1) must not be negative (got \(v))") }
            limits.append(v)
        }
        let expected = 2 + h + (n - 2)
        guard lines.count - 3 == expected else {
            throw fail(
                lines.count - 3 < expected ? (lines.last!.number + 1) : lines[3 + expected].number,
                "expected \(expected) location lines (2 hotels + H = \(h) + N − 2 = \(n - 2) vertices), found \(lines.count - 3)"
            )
        }
        var xs: [Double] = [], ys: [Double] = [], scores: [Int] = []
        for i in 3..<lines.count {
            guard lines[i].fields.count == 3 else {
                throw fail(lines[i].number, "a location is `x y score`; found \(lines[i].fields.count) values")
            }
            xs.append(try number(i, 0, "x"))
            ys.append(try number(i, 1, "y"))
            let s = try number(i, 2, "score")
            guard s == s.rounded(), s >= 0, s < 1e9 else {
                throw fail(lines[i].number, "score must be a whole number ≥ 0 (got \(lines[i].fields[2]))")
            }
            let location = i - 3
            if location < 2 + h, s != 0 {
                throw fail(lines[i].number, "a hotel's score must be 0 (got \(lines[i].fields[2]))")
            }
            scores.append(Int(s))
        }
        return OPHSInstance(extraHotels: h, totalLimit: tmax, tripLimits: limits, x: xs, y: ys, scores: scores)
    }

    /// True when the text looks like this format (three numbers, then one number, on its first
    /// lines), so `showcase solve` can take a file whatever its name.
    public static func looksLike(_ text: Substring) -> Bool {
        let lines = text.prefix(4096).split(separator: "\n").map {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        }.filter { !$0.isEmpty }
        guard lines.count >= 3, lines[0].count == 3, lines[1].count == 1 else { return false }
        return (lines[0] + lines[1]).allSatisfy { Double($0) != nil }
    }
}

extension OPHSInstance {
    /// Units per distance unit in the solver's integer matrix. Each distance is rounded up and
    /// each limit down, so whatever fits the scaled problem fits the real one (within the
    /// 1e-6 tolerance); a trip lost to rounding would have to be within 1e-4 of its limit.
    static let scale = 1e6

    /// The instance as a hotel-selection problem for the day solver.
    public var hotelTripProblem: HotelTripProblem {
        let n = locationCount
        let durations = (0..<n).map { a in (0..<n).map { b in Int((distance(a, b) * Self.scale).rounded(.up)) } }
        let limit = { (t: Double) in Int(((t + Self.tolerance) * Self.scale).rounded(.down)) }
        let jobs = vertices.map { Job(id: $0, location: $0, priority: scores[$0]) }
        let days = tripLimits.enumerated().map {
            Vehicle(id: $0.offset, start: nil, end: nil, maxTravelTime: limit($0.element))
        }
        return HotelTripProblem(
            jobs: jobs, durations: durations, hotels: Array(hotels), start: 0, end: 1, days: days,
            totalTravelLimit: limit(totalLimit))
    }

    /// Solves by hotel selection over the day solver; the answer is not yet checked (see
    /// `OPHSChecker`).
    public func solve(options: SolverOptions = SolverOptions()) throws(ProblemError) -> OPHSAnswer {
        let problem = hotelTripProblem
        let found = try HotelSelection.solve(problem, options: options)
        let trips = found.solution.routes.enumerated().map { d, route in
            [found.hotels[d]]
                + route.compactMap { stop -> Int? in
                    if case let .job(j) = stop { problem.jobs[j].location } else { nil }
                } + [found.hotels[d + 1]]
        }
        return OPHSAnswer(trips: trips)
    }
}
