import Foundation
import GeoCore

/// VROOM's problem and solution JSON (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md),
/// so VROOM users can switch over and both solvers can be compared on the same files.
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
        // without building a million dictionaries first.
        let counts = Self.topLevelArrayCounts(data, keys: ["jobs", "vehicles"])
        if let n = counts["jobs"], n > Self.maxJobs { throw .tooLarge("jobs: \(n) jobs, the limit is \(Self.maxJobs)") }
        if let n = counts["vehicles"], n > Self.maxVehicles {
            throw .tooLarge("vehicles: \(n) vehicles, the limit is \(Self.maxVehicles)")
        }
        let (rest, scanned) = MatrixScanner.extract(data)
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: rest) } catch {
            throw .invalid(
                path: "",
                reason:
                    "not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "syntax error"))"
            )
        }
        guard let object = root as? [String: Any] else {
            throw .invalid(path: "", reason: "expected a JSON object with jobs, vehicles and matrices")
        }
        var warnings: [String] = []
        let known: Set<String> = ["jobs", "vehicles", "matrices", "matrix", "shipments", "options", "hotel_selection"]
        for key in object.keys.sorted() where !known.contains(key) {
            warnings.append("unknown top-level key '\(key)' ignored")
        }
        if let shipments = object["shipments"] as? [Any], !shipments.isEmpty {
            throw .unsupported(path: "shipments", what: "pickup-and-delivery shipments")
        }
        guard let jobList = object["jobs"] as? [Any] else {
            throw .invalid(path: "jobs", reason: "missing or not an array")
        }
        guard let vehicleList = object["vehicles"] as? [Any] else {
            throw .invalid(path: "vehicles", reason: "missing or not an array")
        }
        guard jobList.count <= Self.maxJobs else {
            throw .tooLarge("jobs: \(jobList.count) jobs, the limit is \(Self.maxJobs)")
        }
        guard vehicleList.count <= Self.maxVehicles else {
            throw .tooLarge("vehicles: \(vehicleList.count) vehicles, the limit is \(Self.maxVehicles)")
        }

        var coordinateIndex: [String: Int] = [:]
        var coordinates: [[Double]] = []
        var usesIndices = false, usesCoordinates = false
        func location(_ o: [String: Any], indexKey: String, coordKey: String, path: String, required: Bool)
            throws(ProblemError) -> Int?
        {
            if let raw = o[indexKey] {
                usesIndices = true
                return try Self.integer(raw, path: "\(path).\(indexKey)", min: 0)
            }
            if let raw = o[coordKey] {
                usesCoordinates = true
                guard let pair = raw as? [Any], pair.count == 2, let lon = (pair[0] as? NSNumber)?.doubleValue,
                    let lat = (pair[1] as? NSNumber)?.doubleValue,
                    lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat)
                else {
                    throw .invalid(path: "\(path).\(coordKey)", reason: "expected [longitude, latitude] in range")
                }
                let key = "\(lon),\(lat)"
                if let i = coordinateIndex[key] { return i }
                coordinateIndex[key] = coordinates.count
                coordinates.append([lon, lat])
                return coordinates.count - 1
            }
            if required { throw .invalid(path: path, reason: "needs \(indexKey) (or \(coordKey))") }
            return nil
        }

        let jobKeys: Set<String> = [
            "id", "location", "location_index", "service", "time_windows", "priority", "description", "mandatory"
        ]
        var ignoredJobKeys = Set<String>()
        var jobs: [Job] = []
        jobs.reserveCapacity(jobList.count)
        for (i, raw) in jobList.enumerated() {
            let path = "jobs[\(i)]"
            let (o, id) = try Self.entry(raw, path: path, known: jobKeys, ignored: &ignoredJobKeys)
            let loc = try location(o, indexKey: "location_index", coordKey: "location", path: path, required: true)!
            let service =
                try o["service"].map { v throws(ProblemError) in try Self.integer(v, path: "\(path).service", min: 0) }
                ?? 0
            let priority =
                try o["priority"].map { v throws(ProblemError) in try Self.integer(v, path: "\(path).priority", min: 0)
                } ?? 0
            let windows =
                try o["time_windows"].map { v throws(ProblemError) in try Self.windows(v, path: "\(path).time_windows")
                } ?? [.always]
            let mandatory = (o["mandatory"] as? Bool) ?? false
            jobs.append(
                Job(id: id, location: loc, service: service, windows: windows, priority: priority, mandatory: mandatory)
            )
        }
        if !ignoredJobKeys.isEmpty {
            warnings.append("job keys not supported, ignored: \(ignoredJobKeys.sorted().joined(separator: ", "))")
        }

        let vehicleKeys: Set<String> = [
            "id", "start", "start_index", "end", "end_index", "time_window", "breaks", "max_travel_time", "max_tasks",
            "profile", "description"
        ]
        var ignoredVehicleKeys = Set<String>()
        var vehicles: [Vehicle] = []
        var hotelSelection: HotelSelectionSpec? = nil
        for (v, raw) in vehicleList.enumerated() {
            let path = "vehicles[\(v)]"
            let (o, id) = try Self.entry(raw, path: path, known: vehicleKeys, ignored: &ignoredVehicleKeys)
            let start = try location(o, indexKey: "start_index", coordKey: "start", path: path, required: false)
            let end = try location(o, indexKey: "end_index", coordKey: "end", path: path, required: false)
            let window =
                try o["time_window"].map { w throws(ProblemError) in try Self.window(w, path: "\(path).time_window") }
                ?? .always
            var breaks: [Break] = []
            if let list = o["breaks"] {
                guard let list = list as? [Any] else {
                    throw .invalid(path: "\(path).breaks", reason: "expected an array")
                }
                for (b, rawBreak) in list.enumerated() {
                    let bp = "\(path).breaks[\(b)]"
                    guard let bo = rawBreak as? [String: Any] else {
                        throw .invalid(path: bp, reason: "expected an object")
                    }
                    let bid = try Self.integer(bo["id"] ?? b, path: "\(bp).id", min: 0)
                    let bw =
                        try bo["time_windows"].map { w throws(ProblemError) in
                            try Self.windows(w, path: "\(bp).time_windows")
                        } ?? [.always]
                    let service =
                        try bo["service"].map { s throws(ProblemError) in
                            try Self.integer(s, path: "\(bp).service", min: 0)
                        } ?? 0
                    breaks.append(Break(id: bid, windows: bw, service: service))
                }
            }
            let maxTravel = try o["max_travel_time"].map { m throws(ProblemError) in
                try Self.integer(m, path: "\(path).max_travel_time", min: 0)
            }
            let maxTasks = try o["max_tasks"].map { m throws(ProblemError) in
                try Self.integer(m, path: "\(path).max_tasks", min: 0)
            }
            vehicles.append(
                Vehicle(
                    id: id, start: start, end: end, window: window, breaks: breaks, maxTravelTime: maxTravel,
                    maxJobs: maxTasks))
        }
        if !ignoredVehicleKeys.isEmpty {
            warnings.append(
                "vehicle keys not supported, ignored: \(ignoredVehicleKeys.sorted().joined(separator: ", "))")
        }
        if let raw = object["hotel_selection"] {
            let path = "hotel_selection"
            guard let o = raw as? [String: Any] else {
                throw .invalid(path: path, reason: "expected an object with candidates")
            }
            for key in o.keys.sorted() where !["candidates", "max_travel_time"].contains(key) {
                warnings.append("\(path).\(key) unknown, ignored")
            }
            guard let list = o["candidates"] as? [Any] else {
                throw .invalid(path: "\(path).candidates", reason: "missing or not an array")
            }
            var candidates: [Int] = []
            for (i, element) in list.enumerated() {
                // A candidate is a matrix index or [lon, lat], like any other location.
                let member: [String: Any] = element is [Any] ? ["location": element] : ["location_index": element]
                candidates.append(
                    try location(
                        member, indexKey: "location_index", coordKey: "location", path: "\(path).candidates[\(i)]",
                        required: true)!)
            }
            let total = try o["max_travel_time"].map { m throws(ProblemError) in
                try Self.integer(m, path: "\(path).max_travel_time", min: 0)
            }
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
            hotelSelection = HotelSelectionSpec(candidates: candidates, maxTotalTravel: total)
        }
        if usesIndices && usesCoordinates {
            throw .invalid(path: "jobs", reason: "mixes location_index and location; use one kind")
        }

        var durations: [[Int]]? = nil, distances: [[Int]]? = nil
        if let matrices = object["matrices"] {
            guard let m = matrices as? [String: Any], !m.isEmpty else {
                throw .invalid(path: "matrices", reason: "expected an object of profiles")
            }
            if m.count > 1 {
                warnings.append("several matrix profiles; using '\(m.keys.sorted()[0])' for every vehicle")
            }
            let profile = m.keys.sorted()[0]
            guard let p = m[profile] as? [String: Any] else {
                throw .invalid(path: "matrices.\(profile)", reason: "expected an object")
            }
            guard let d = p["durations"] else {
                throw .invalid(path: "matrices.\(profile).durations", reason: "missing")
            }
            durations = try Self.matrix(
                scanned["matrices.\(profile).durations"] ?? d, path: "matrices.\(profile).durations")
            if let dist = p["distances"] {
                distances = try Self.matrix(
                    scanned["matrices.\(profile).distances"] ?? dist, path: "matrices.\(profile).distances")
            }
            if p["costs"] != nil { warnings.append("matrices.\(profile).costs not supported: travel time is the cost") }
        } else if let legacy = object["matrix"] {
            durations = try Self.matrix(scanned["matrix"] ?? legacy, path: "matrix")
        } else if !usesCoordinates {
            throw .invalid(path: "matrices", reason: "missing: give matrices.car.durations, or locations as [lon, lat]")
        }
        self.jobs = jobs
        self.vehicles = vehicles
        self.durations = durations
        self.distances = distances
        self.coordinates = usesCoordinates ? coordinates : nil
        self.warnings = warnings
        self.hotelSelection = hotelSelection
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

    /// A job or vehicle: the object, its required integer `id`, and the keys we do not read
    /// collected into `ignored` for the warning.
    static func entry(_ raw: Any, path: String, known: Set<String>, ignored: inout Set<String>) throws(ProblemError)
        -> ([String: Any], Int)
    {
        guard let o = raw as? [String: Any] else { throw .invalid(path: path, reason: "expected an object") }
        for key in o.keys where !known.contains(key) { ignored.insert(key) }
        guard let idRaw = o["id"] else { throw .invalid(path: "\(path).id", reason: "missing") }
        return (o, try integer(idRaw, path: "\(path).id", min: 0))
    }

    static func integer(_ raw: Any, path: String, min: Int) throws(ProblemError) -> Int {
        // JSON true/false arrive as NSNumber too; their class is the boolean one on every platform.
        guard let n = raw as? NSNumber, !String(describing: type(of: raw)).contains("Boolean") else {
            throw .invalid(path: path, reason: "expected an integer")
        }
        let d = n.doubleValue
        guard d.isFinite, d == d.rounded(), abs(d) < 1e15 else {
            throw .invalid(path: path, reason: "expected an integer, found \(n)")
        }
        guard Int(d) >= min else { throw .invalid(path: path, reason: "must be ≥ \(min), found \(Int(d))") }
        return Int(d)
    }

    static func window(_ raw: Any, path: String) throws(ProblemError) -> TimeWindow {
        guard let pair = raw as? [Any], pair.count == 2 else {
            throw .invalid(path: path, reason: "expected [start, end]")
        }
        let open = try integer(pair[0], path: "\(path)[0]", min: 0),
            close = try integer(pair[1], path: "\(path)[1]", min: 0)
        guard open <= close else { throw .invalid(path: path, reason: "closes (\(close)) before it opens (\(open))") }
        return TimeWindow(open, close)
    }

    static func windows(_ raw: Any, path: String) throws(ProblemError) -> [TimeWindow] {
        guard let list = raw as? [Any], !list.isEmpty else {
            throw .invalid(path: path, reason: "expected a non-empty array of [start, end]")
        }
        var out: [TimeWindow] = []
        for (i, w) in list.enumerated() { out.append(try window(w, path: "\(path)[\(i)]")) }
        return out.sorted { $0.open < $1.open }
    }

    static func matrix(_ raw: Any, path: String) throws(ProblemError) -> [[Int]] {
        if let read = (raw as? MatrixScanner.Rows)?.rows { // read by MatrixScanner: only the shape is left to check
            guard read.count <= maxMatrixSize else {
                throw .tooLarge("\(path): \(read.count)×\(read.count) matrix, the limit is \(maxMatrixSize)")
            }
            for (i, row) in read.enumerated() where row.count != read.count {
                throw .invalid(
                    path: "\(path)[\(i)]",
                    reason: "row has \(row.count) values, the matrix is \(read.count)×\(read.count) (it must be square)"
                )
            }
            return read
        }
        guard let rows = raw as? [Any] else { throw .invalid(path: path, reason: "expected an array of rows") }
        guard rows.count <= maxMatrixSize else {
            throw .tooLarge("\(path): \(rows.count)×\(rows.count) matrix, the limit is \(maxMatrixSize)")
        }
        var out: [[Int]] = []
        out.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            guard let values = row as? [Any] else { throw .invalid(path: "\(path)[\(i)]", reason: "expected an array") }
            guard values.count == rows.count else {
                throw .invalid(
                    path: "\(path)[\(i)]",
                    reason:
                        "row has \(values.count) values, the matrix is \(rows.count)×\(rows.count) (it must be square)")
            }
            var r: [Int] = []
            r.reserveCapacity(values.count)
            for (k, v) in values.enumerated() {
                // Fast path for plain non-negative integers; the JSON path is built only on error.
                // (`as? NSNumber` + intValue is ~8× faster than `as? Int` on Linux; booleans have their own class.)
                if let number = v as? NSNumber, type(of: number) == NSNumber.self {
                    let n = number.intValue
                    if n >= 0, number.doubleValue == Double(n) { r.append(n); continue }
                }
                r.append(try integer(v, path: "\(path)[\(i)][\(k)]", min: 0))
            }
            out.append(r)
        }
        return out
    }
}

/// Writes a solution in VROOM's solution format.
public enum VroomSolution {
    /// Compact JSON with sorted keys for what `json` builds (dictionaries, arrays, strings,
    /// numbers, booleans); strings and numbers through GeoCore's `JSONWriter`. Foundation's writer
    /// took 0.3 s for a 2,392-stop route (it sorts through AnyHashable and casts every value).
    public static func text(_ value: Any) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: Any, to out: inout String) {
        switch value {
        case let v as Int: out += String(v)
        case let v as Bool: out += v ? "true" : "false"
        case let v as Double: JSONWriter.writeNumber(v, to: &out)
        case let v as String: JSONWriter.writeString(v, to: &out)
        case let v as [String: Any]:
            out += "{"
            for (i, key) in v.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                JSONWriter.writeString(key, to: &out)
                out += ":"
                write(v[key]!, to: &out)
            }
            out += "}"
        case let v as [Any]:
            out += "["
            for (i, element) in v.enumerated() {
                if i > 0 { out += "," }
                write(element, to: &out)
            }
            out += "]"
        default: out += "null"
        }
    }

    public static func json(
        _ problem: Problem, _ solution: Solution, coordinates: [[Double]]? = nil,
        computingMilliseconds: (loading: Int, solving: Int) = (0, 0)
    ) -> [String: Any] {
        var routes: [[String: Any]] = []
        var total = (cost: 0, service: 0, duration: 0, waiting: 0, priority: 0, distance: 0)
        for (v, stops) in solution.routes.enumerated() where !stops.isEmpty {
            guard case let .success(schedule) = Checker.schedule(problem, vehicle: v, stops: stops) else { continue }
            let priority = stops.reduce(0) { if case let .job(j) = $1 { $0 + problem.jobs[j].priority } else { $0 } }
            var steps: [[String: Any]] = []
            for step in schedule.steps {
                var s: [String: Any] = [
                    "type": step.kind.rawValue, "arrival": step.arrival, "duration": step.travelSoFar,
                    "setup": 0, "service": step.service, "waiting_time": step.waiting
                ]
                if let id = step.id { s["id"] = id }
                if let loc = step.location {
                    s["location_index"] = loc; if let c = coordinates?[loc] { s["location"] = c }
                }
                if problem.distances != nil { s["distance"] = step.distanceSoFar }
                steps.append(s)
            }
            var route: [String: Any] = [
                "vehicle": problem.vehicles[v].id, "cost": schedule.travel, "setup": 0, "service": schedule.service,
                "duration": schedule.travel, "waiting_time": schedule.waiting, "priority": priority, "steps": steps
            ]
            if problem.distances != nil { route["distance"] = schedule.distance }
            routes.append(route)
            total.cost += schedule.travel; total.service += schedule.service; total.duration += schedule.travel
            total.waiting += schedule.waiting; total.priority += priority; total.distance += schedule.distance
        }
        let unassigned = solution.unassigned(in: problem).map { j -> [String: Any] in
            var u: [String: Any] = ["id": problem.jobs[j].id, "type": "job", "location_index": problem.jobs[j].location]
            if let c = coordinates?[problem.jobs[j].location] { u["location"] = c }
            return u
        }
        var summary: [String: Any] = [
            "cost": total.cost, "routes": routes.count, "unassigned": unassigned.count, "setup": 0,
            "service": total.service, "duration": total.duration, "waiting_time": total.waiting,
            "priority": total.priority, "violations": [Any](),
            "computing_times": [
                "loading": computingMilliseconds.loading, "solving": computingMilliseconds.solving, "routing": 0
            ]
        ]
        if problem.distances != nil { summary["distance"] = total.distance }
        return ["code": 0, "summary": summary, "unassigned": unassigned, "routes": routes]
    }
}

extension VroomProblem {
    /// A problem as VROOM's input JSON (jobs, vehicles with breaks and `max_tasks`, one `car`
    /// matrix), so VROOM can be run on exactly what our solver was given. VROOM has no break
    /// locations: a located break (lunch at a place to eat) is written without its places.
    public static func json(_ problem: Problem) -> [String: Any] {
        func windows(_ ws: [TimeWindow]) -> [[Int]] { ws.filter { $0 != .always }.map { [$0.open, $0.close] } }
        let jobs: [[String: Any]] = problem.jobs.map { j in
            var o: [String: Any] = [
                "id": j.id, "location_index": j.location, "service": j.service, "priority": j.priority
            ]
            let w = windows(j.windows)
            if !w.isEmpty { o["time_windows"] = w }
            return o
        }
        let vehicles: [[String: Any]] = problem.vehicles.map { v in
            var o: [String: Any] = ["id": v.id, "time_window": [v.window.open, v.window.close]]
            if let s = v.start { o["start_index"] = s }
            if let e = v.end { o["end_index"] = e }
            if !v.breaks.isEmpty {
                o["breaks"] = v.breaks.map {
                    ["id": $0.id, "time_windows": windows($0.windows), "service": $0.service] as [String: Any]
                }
            }
            if let m = v.maxJobs { o["max_tasks"] = m }
            if let m = v.maxTravelTime { o["max_travel_time"] = m }
            return o
        }
        let n = problem.size
        let matrix = (0..<n).map { i in (0..<n).map { problem.travel(i, $0) } }
        return ["jobs": jobs, "vehicles": vehicles, "matrices": ["car": ["durations": matrix]]]
    }
}

/// `hotel_selection` in a VROOM-style problem (our extension; VROOM has no such member).
///
/// ```json
/// "hotel_selection": {"candidates": [5, 6, [111.75, 40.84]], "max_travel_time": 90000}
/// ```
/// The vehicles are the days of one trip, in order: the first starts at its `start`, the last
/// ends at its `end`, and each night in between is spent at a candidate (or at the start or end),
/// where the next day starts. `max_travel_time` limits all days' travel together; each vehicle's
/// own `max_travel_time` limits its day. The answer is VROOM's solution document for the days,
/// plus `hotel_selection.sequence`: the start, each night and the end, as matrix indices.
public struct HotelSelectionSpec: Sendable, Equatable {
    /// Matrix indices (coordinates given as [lon, lat] are indexed like any other location).
    public var candidates: [Int]
    public var maxTotalTravel: Int?
}
