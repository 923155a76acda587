import Foundation
import GeoCore

/// VROOM's problem JSON (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md), so
/// VROOM users can switch over and both solvers can be compared on the same files. Decoded
/// into typed members (`VroomDocument`) by `JSONDecoder`, with the matrices read from the bytes
/// first (`MatrixScanner`); the answer is written by `VroomSolution`.
///
/// Supported: jobs (`id`, `location_index` or `location`, `service`, `time_windows`, `priority`,
/// plus our `mandatory`), vehicles (`id`, `start`/`start_index`, `end`/`end_index`,
/// `time_window`, `breaks`, `max_travel_time`), `matrices.<profile>.durations` (and
/// `distances`) or the legacy `matrix`. Keys for capacities, skills, shipments and the like are
/// named in warnings and ignored; shipments are refused, since dropping them would change the task.
/// Priorities may be any integer ≥ 0 (VROOM allows 0–100).
///
/// Our extension, `hotel_selection` (see `HotelSelectionSpec`): the vehicles become the days
/// of one trip, and the nights between them are chosen among candidate hotels.
public struct VroomProblem: Sendable {
    public var jobs: [Job]
    public var vehicles: [Vehicle]
    /// nil when the file gives coordinates only; then `coordinates` is set and the caller
    /// builds a matrix (road graph or straight lines).
    public var durations: [[Int]]?
    public var distances: [[Int]]?
    /// lon, lat per matrix index, when the file gives `location` members.
    public var coordinates: [[Double]]?
    public var warnings: [String]
    /// Present when the file asks for hotel selection.
    public var hotelSelection: HotelSelectionSpec?

    /// Upper bounds that keep memory and time bounded.
    public static let maxJobs = 10_000
    public static let maxVehicles = 1_000
    public static let maxMatrixSize = 5_000

    /// - Throws: `ProblemError` with the JSON path of the first bad member.
    public init(json data: Data) throws(ProblemError) {
        // Count before parsing: a file with 10⁶ jobs is refused in one pass over its bytes,
        // without decoding a million jobs first.
        let counts = Self.topLevelArrayCounts(data, keys: ["jobs", "vehicles"])
        if let n = counts["jobs"], n > Self.maxJobs { throw .tooLarge("jobs: \(n) jobs, the limit is \(Self.maxJobs)") }
        if let n = counts["vehicles"], n > Self.maxVehicles {
            throw .tooLarge("vehicles: \(n) vehicles, the limit is \(Self.maxVehicles)")
        }
        let (rest, scanned) = MatrixScanner.extract(data)
        let document = try Self.decode(rest)
        var warnings = document.unknownKeys.map { "unknown top-level key '\($0)' ignored" }
        let ignoredJobKeys = Set(document.jobs.flatMap(\.unknownKeys)).sorted()
        if !ignoredJobKeys.isEmpty {
            warnings.append("job keys not supported, ignored: \(ignoredJobKeys.joined(separator: ", "))")
        }
        let ignoredVehicleKeys = Set(document.vehicles.flatMap(\.unknownKeys)).sorted()
        if !ignoredVehicleKeys.isEmpty {
            warnings.append("vehicle keys not supported, ignored: \(ignoredVehicleKeys.joined(separator: ", "))")
        }

        // Coordinates get matrix indices in the order they appear, each place once.
        var places = Places()
        jobs = document.jobs.map { j in
            Job(
                id: j.id, location: places.index(j.location), service: j.service, windows: j.windows,
                priority: j.priority, mandatory: j.mandatory)
        }
        vehicles = document.vehicles.map { v in
            Vehicle(
                id: v.id, start: v.start.map { places.index($0) }, end: v.end.map { places.index($0) },
                window: v.window, breaks: v.breaks.map { Break(id: $0.id, windows: $0.windows, service: $0.service) },
                maxTravelTime: v.maxTravelTime, maxJobs: v.maxTasks)
        }
        if let member = document.hotelSelection {
            warnings += member.unknownKeys.map { "hotel_selection.\($0) unknown, ignored" }
            let candidates = member.candidates.map { places.index($0) }
            guard vehicles.first?.start != nil else {
                throw .invalid(path: "vehicles[0].start_index", reason: "hotel selection needs the first day's start")
            }
            guard vehicles.last?.end != nil else {
                throw .invalid(
                    path: "vehicles[\(vehicles.count - 1)].end_index",
                    reason: "hotel selection needs the last day's end")
            }
            for v in vehicles.indices.dropFirst() where vehicles[v].start != nil {
                warnings.append("vehicles[\(v)]: start ignored, the night before chooses it")
            }
            for v in vehicles.indices.dropLast() where vehicles[v].end != nil {
                warnings.append("vehicles[\(v)]: end ignored, the night chooses it")
            }
            hotelSelection = HotelSelectionSpec(candidates: candidates, maxTotalTravel: member.maxTravelTime)
        } else {
            hotelSelection = nil
        }
        if places.usesIndices && places.usesCoordinates {
            throw .invalid(path: "jobs", reason: "mixes location_index and location; use one kind")
        }

        // Matrices: the first profile by name for every vehicle, rows the scanner read first.
        func rows(_ m: VroomMatrix) throws(ProblemError) -> [[Int]] {
            let rows = scanned[m.path]?.rows ?? m.rows
            guard rows.count <= Self.maxMatrixSize else {
                throw .tooLarge("\(m.path): \(rows.count)×\(rows.count) matrix, the limit is \(Self.maxMatrixSize)")
            }
            for (i, row) in rows.enumerated() where row.count != rows.count {
                throw .invalid(
                    path: "\(m.path)[\(i)]",
                    reason: "row has \(row.count) values, the matrix is \(rows.count)×\(rows.count) (it must be square)"
                )
            }
            return rows
        }
        if let profiles = document.matrices, let profile = profiles.keys.sorted().first {
            if profiles.count > 1 { warnings.append("several matrix profiles; using '\(profile)' for every vehicle") }
            let m = profiles[profile]!
            durations = try rows(m.durations)
            distances = try m.distances.map { d throws(ProblemError) in try rows(d) }
            if m.hasCosts { warnings.append("matrices.\(profile).costs not supported: travel time is the cost") }
        } else if let legacy = document.matrix {
            durations = try rows(legacy)
            distances = nil
        } else if !places.usesCoordinates {
            throw .invalid(path: "matrices", reason: "missing: give matrices.car.durations, or locations as [lon, lat]")
        } else {
            durations = nil
            distances = nil
        }
        coordinates = places.usesCoordinates ? places.coordinates : nil
        self.warnings = warnings
    }

    /// The typed document, or the first bad member's path and what was expected.
    static func decode(_ data: Data) throws(ProblemError) -> VroomDocument {
        do {
            return try JSONDecoder().decode(VroomDocument.self, from: data)
        } catch let error as ProblemError {
            throw error
        } catch let DecodingError.typeMismatch(_, context) {
            let path = JSONPath.format(context.codingPath)
            if path.isEmpty {
                throw .invalid(path: "", reason: "expected a JSON object with jobs, vehicles and matrices")
            }
            throw .invalid(
                path: path,
                reason: context.codingPath.last?.intValue != nil
                    ? "expected an object" : "expected a value of another type")
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            let syntax = JSONSyntax.firstError(in: [UInt8](data)).map { "\($0)" } ?? "syntax error"
            throw .invalid(path: "", reason: "not valid JSON (\(syntax))")
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalid(path: JSONPath.format(context.codingPath), reason: context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalid(path: JSONPath.format(context.codingPath + [key]), reason: "missing")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalid(path: JSONPath.format(context.codingPath), reason: "expected a value, found null")
        } catch {
            throw .invalid(path: "", reason: "\(error)")
        }
    }

    /// The problem with the file's matrix, or with `matrix` built by the caller from `coordinates`.
    public func problem(durations override: [[Int]]? = nil, distances overrideDistances: [[Int]]? = nil)
        throws(ProblemError) -> Problem
    {
        guard let d = override ?? durations else { throw .invalid(path: "matrices", reason: "no travel-time matrix") }
        return try Problem(jobs: jobs, vehicles: vehicles, durations: d, distances: overrideDistances ?? distances)
    }

    /// The hotel trip the file describes (vehicles are its days in order), with the file's
    /// matrix or the caller's.
    public func hotelTrip(durations override: [[Int]]? = nil, distances overrideDistances: [[Int]]? = nil)
        throws(ProblemError) -> HotelTripProblem
    {
        guard let spec = hotelSelection else { throw .invalid(path: "hotel_selection", reason: "missing") }
        guard let d = override ?? durations else { throw .invalid(path: "matrices", reason: "no travel-time matrix") }
        for (i, c) in spec.candidates.enumerated() where c >= d.count {
            throw .invalid(
                path: "hotel_selection.candidates[\(i)]",
                reason: "index \(c) is outside the \(d.count)×\(d.count) matrix")
        }
        var days = vehicles
        for v in days.indices {
            days[v].start = v == 0 ? vehicles[0].start : nil; days[v].end = v == days.count - 1 ? vehicles[v].end : nil
        }
        // Problem's own checks (indices in range, windows) on the days as given.
        _ = try Problem(jobs: jobs, vehicles: days, durations: d, distances: overrideDistances ?? distances)
        return HotelTripProblem(
            jobs: jobs, durations: d, distances: overrideDistances ?? distances, hotels: spec.candidates,
            start: vehicles[0].start!,
            end: vehicles[vehicles.count - 1].end!, days: days, totalTravelLimit: spec.maxTotalTravel)
    }

    /// Number of elements of the arrays that are values of `keys` in the top-level object, found
    /// by one pass over the bytes (strings and nesting tracked, nothing allocated per element).
    static func topLevelArrayCounts(_ data: Data, keys: Set<String>) -> [String: Int] {
        var counts: [String: Int] = [:]
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            var depth = 0, i = 0
            var inString = false, stringStart = 0
            var lastKey: String? = nil, counting: String? = nil, sawElement = false
            while i < b.count {
                let c = b[i]
                if inString {
                    if c == UInt8(ascii: "\\") { i += 2; continue }
                    if c == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 1 {
                            lastKey = String(decoding: UnsafeBufferPointer(rebasing: b[stringStart..<i]), as: UTF8.self)
                        }
                    }
                    i += 1; continue
                }
                switch c {
                case UInt8(ascii: "\""):
                    inString = true; stringStart = i + 1
                    if depth == 2, counting != nil { sawElement = true }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    if depth == 1, c == UInt8(ascii: "["), let key = lastKey, keys.contains(key) {
                        counting = key; sawElement = false; counts[key] = 0
                    } else if depth == 2, counting != nil {
                        sawElement = true
                    }
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 1, let key = counting { if sawElement { counts[key]! += 1 }; counting = nil }
                case UInt8(ascii: ","):
                    if depth == 2, let key = counting { counts[key]! += 1 }
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"), UInt8(ascii: ":"):
                    break
                default:
                    if depth == 2, counting != nil { sawElement = true }
                }
                i += 1
            }
        }
        return counts
    }
}

/// Matrix indices for a problem's places: a `location_index` is its own, each distinct
/// [lon, lat] gets the next index in order of appearance.
private struct Places {
    var coordinates: [[Double]] = []
    var indexOf: [String: Int] = [:]
    var usesIndices = false, usesCoordinates = false

    mutating func index(_ location: VroomLocation) -> Int {
        switch location {
        case let .index(i):
            usesIndices = true
            return i
        case let .coordinate(lon, lat):
            usesCoordinates = true
            let key = "\(lon),\(lat)"
            if let i = indexOf[key] { return i }
            indexOf[key] = coordinates.count
            coordinates.append([lon, lat])
            return coordinates.count - 1
        }
    }
}

extension VroomProblem {
    /// A problem as VROOM's input JSON (jobs, vehicles with breaks and `max_tasks`, one `car`
    /// matrix), so VROOM can be run on exactly what our solver was given. VROOM has no break
    /// locations: a located break (lunch at a place to eat) is written without its places.
    public static func text(_ problem: Problem) -> String {
        func windows(_ ws: [TimeWindow]) -> JSONValue {
            .array(ws.filter { $0 != .always }.map { .array([.int($0.open), .int($0.close)]) })
        }
        let jobs: [JSONValue] = problem.jobs.map { j in
            var o: [(String, JSONValue)] = [
                ("id", .int(j.id)), ("location_index", .int(j.location)), ("service", .int(j.service)),
                ("priority", .int(j.priority))
            ]
            if j.windows.contains(where: { $0 != .always }) { o.append(("time_windows", windows(j.windows))) }
            return .sorted(o)
        }
        let vehicles: [JSONValue] = problem.vehicles.map { v in
            var o: [(String, JSONValue)] = [
                ("id", .int(v.id)), ("time_window", .array([.int(v.window.open), .int(v.window.close)]))
            ]
            if let s = v.start { o.append(("start_index", .int(s))) }
            if let e = v.end { o.append(("end_index", .int(e))) }
            if !v.breaks.isEmpty {
                o.append(
                    (
                        "breaks",
                        .array(
                            v.breaks.map {
                                .sorted([
                                    ("id", .int($0.id)), ("time_windows", windows($0.windows)),
                                    ("service", .int($0.service))
                                ])
                            })
                    ))
            }
            if let m = v.maxJobs { o.append(("max_tasks", .int(m))) }
            if let m = v.maxTravelTime { o.append(("max_travel_time", .int(m))) }
            return .sorted(o)
        }
        let n = problem.size
        let matrix: JSONValue = .array((0..<n).map { i in .array((0..<n).map { .int(problem.travel(i, $0)) }) })
        return JSONWriter.string(
            .sorted([
                ("jobs", .array(jobs)), ("vehicles", .array(vehicles)),
                ("matrices", .sorted([("car", .sorted([("durations", matrix)]))]))
            ]))
    }
}
