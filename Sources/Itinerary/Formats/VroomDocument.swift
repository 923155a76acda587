import Foundation
import GeoCore

/// VROOM's problem JSON as typed values, decoded by `JSONDecoder`: each member checked where it
/// is read, its JSON path taken from the decoder (`jobs[3].time_windows[0]`). What needs the
/// whole document (indices against the matrix size, one kind of location) is checked by
/// `VroomProblem`.
struct VroomDocument: Decodable {
    var jobs: [VroomJob]
    var vehicles: [VroomVehicle]
    /// Profile → matrices, as given (`matrices.car.durations`).
    var matrices: [String: VroomMatrices]?
    /// The legacy top-level `matrix`.
    var matrix: VroomMatrix?
    var hotelSelection: HotelSelectionMember?
    var shipmentCount: Int
    var unknownKeys: [String]

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        let known: Set<String> = ["jobs", "vehicles", "matrices", "matrix", "shipments", "options", "hotel_selection"]
        unknownKeys = c.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        shipmentCount = try c.decodeIfPresent([JSONValue].self, forKey: AnyCodingKey("shipments"))?.count ?? 0
        if shipmentCount > 0 {
            throw ProblemError.unsupported(path: "shipments", what: "pickup-and-delivery shipments")
        }
        jobs = try c.decodeList([VroomJob].self, "jobs")
        vehicles = try c.decodeList([VroomVehicle].self, "vehicles")
        if c.contains(AnyCodingKey("matrices")) {
            guard let profiles = try? c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: AnyCodingKey("matrices")),
                !profiles.allKeys.isEmpty
            else { throw ProblemError.invalid(path: "matrices", reason: "expected an object of profiles") }
            var found: [String: VroomMatrices] = [:]
            for key in profiles.allKeys {
                guard (try? profiles.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)) != nil else {
                    throw ProblemError.invalid(path: "matrices.\(key.stringValue)", reason: "expected an object")
                }
                found[key.stringValue] = try profiles.decode(VroomMatrices.self, forKey: key)
            }
            matrices = found
        }
        matrix = try c.decodeIfPresent(VroomMatrix.self, forKey: AnyCodingKey("matrix"))
        hotelSelection = try c.decodeIfPresent(HotelSelectionMember.self, forKey: AnyCodingKey("hotel_selection"))
    }
}

/// A place: a matrix index, or [longitude, latitude] (indexed by `VroomProblem` like any other).
enum VroomLocation: Equatable {
    case index(Int)
    case coordinate(longitude: Double, latitude: Double)

    /// The member `indexKey` (a matrix index) or else `coordinateKey` ([lon, lat]) of `c`.
    static func decode(
        _ c: KeyedDecodingContainer<AnyCodingKey>, index indexKey: String, coordinate coordinateKey: String
    ) throws -> VroomLocation? {
        if c.contains(AnyCodingKey(indexKey)) { return .index(try c.whole(indexKey, min: 0)) }
        guard c.contains(AnyCodingKey(coordinateKey)) else { return nil }
        return try coordinate(c, coordinateKey)
    }

    static func coordinate(_ c: KeyedDecodingContainer<AnyCodingKey>, _ key: String) throws -> VroomLocation {
        guard let pair = try? c.decode([Double].self, forKey: AnyCodingKey(key)), pair.count == 2,
            pair[0].isFinite, pair[1].isFinite, (-180...180).contains(pair[0]), (-90...90).contains(pair[1])
        else {
            throw ProblemError.invalid(path: c.path(key), reason: "expected [longitude, latitude] in range")
        }
        return .coordinate(longitude: pair[0], latitude: pair[1])
    }
}

/// A job: `id`, `location_index` or `location`, `service`, `time_windows`, `priority`, and our
/// `mandatory`.
struct VroomJob: Decodable {
    static let keys: Set<String> = [
        "id", "location", "location_index", "service", "time_windows", "priority", "description", "mandatory"
    ]
    var id: Int
    var location: VroomLocation
    var service: Int
    var windows: [TimeWindow]
    var priority: Int
    var mandatory: Bool
    var unknownKeys: [String]

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        unknownKeys = c.allKeys.map(\.stringValue).filter { !Self.keys.contains($0) }
        id = try c.whole("id", min: 0)
        guard let location = try VroomLocation.decode(c, index: "location_index", coordinate: "location") else {
            throw ProblemError.invalid(
                path: JSONPath.format(c.codingPath), reason: "needs location_index (or location)")
        }
        self.location = location
        service = try c.wholeIfPresent("service", min: 0) ?? 0
        priority = try c.wholeIfPresent("priority", min: 0) ?? 0
        windows = try c.windowsIfPresent("time_windows") ?? [.always]
        mandatory = (try? c.decodeIfPresent(Bool.self, forKey: AnyCodingKey("mandatory"))) ?? false
    }
}

/// A vehicle (a day): `id`, `start`/`start_index`, `end`/`end_index`, `time_window`, `breaks`,
/// `max_travel_time`, `max_tasks`.
struct VroomVehicle: Decodable {
    static let keys: Set<String> = [
        "id", "start", "start_index", "end", "end_index", "time_window", "breaks", "max_travel_time", "max_tasks",
        "profile", "description"
    ]
    var id: Int
    var start: VroomLocation?
    var end: VroomLocation?
    var window: TimeWindow
    var breaks: [VroomBreak]
    var maxTravelTime: Int?
    var maxTasks: Int?
    var unknownKeys: [String]

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        unknownKeys = c.allKeys.map(\.stringValue).filter { !Self.keys.contains($0) }
        id = try c.whole("id", min: 0)
        start = try VroomLocation.decode(c, index: "start_index", coordinate: "start")
        end = try VroomLocation.decode(c, index: "end_index", coordinate: "end")
        window = try c.contains(AnyCodingKey("time_window")) ? c.window("time_window") : .always
        if c.contains(AnyCodingKey("breaks")) {
            guard var list = try? c.nestedUnkeyedContainer(forKey: AnyCodingKey("breaks")) else {
                throw ProblemError.invalid(path: c.path("breaks"), reason: "expected an array")
            }
            var breaks: [VroomBreak] = []
            while !list.isAtEnd {
                let index = list.currentIndex
                guard let member = try? list.nestedContainer(keyedBy: AnyCodingKey.self) else {
                    throw ProblemError.invalid(path: c.path("breaks") + "[\(index)]", reason: "expected an object")
                }
                breaks.append(try VroomBreak(member, index: index))
            }
            self.breaks = breaks
        } else {
            breaks = []
        }
        maxTravelTime = try c.wholeIfPresent("max_travel_time", min: 0)
        maxTasks = try c.wholeIfPresent("max_tasks", min: 0)
    }
}

/// A break: `id` (its position when absent), `time_windows`, `service`.
struct VroomBreak {
    var id: Int
    var windows: [TimeWindow]
    var service: Int

    init(_ c: KeyedDecodingContainer<AnyCodingKey>, index: Int) throws {
        id = try c.wholeIfPresent("id", min: 0) ?? index
        windows = try c.windowsIfPresent("time_windows") ?? [.always]
        service = try c.wholeIfPresent("service", min: 0) ?? 0
    }
}

/// One profile's matrices: `durations`, optional `distances`; `costs` is not read.
struct VroomMatrices: Decodable {
    var durations: VroomMatrix
    var distances: VroomMatrix?
    var hasCosts: Bool

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        guard c.contains(AnyCodingKey("durations")) else {
            throw ProblemError.invalid(path: c.path("durations"), reason: "missing")
        }
        durations = try c.decode(VroomMatrix.self, forKey: AnyCodingKey("durations"))
        distances = try c.decodeIfPresent(VroomMatrix.self, forKey: AnyCodingKey("distances"))
        hasCosts = c.contains(AnyCodingKey("costs"))
    }
}

/// A square matrix of whole numbers ≥ 0, read row by row where `MatrixScanner` left it (a
/// matrix of plain integers is read from the bytes before decoding and arrives here empty).
struct VroomMatrix: Decodable {
    var rows: [[Int]]
    /// Where it is in the document (`matrices.car.durations`), to find the scanner's rows.
    var path: String

    init(from decoder: Decoder) throws {
        path = JSONPath.format(decoder.codingPath)
        guard var list = try? decoder.unkeyedContainer() else {
            throw ProblemError.invalid(path: path, reason: "expected an array of rows")
        }
        if let count = list.count, count > VroomProblem.maxMatrixSize {
            throw ProblemError.tooLarge("\(path): \(count)×\(count) matrix, the limit is \(VroomProblem.maxMatrixSize)")
        }
        var rows: [[Int]] = []
        while !list.isAtEnd {
            let i = list.currentIndex
            guard var row = try? list.nestedUnkeyedContainer() else {
                throw ProblemError.invalid(path: "\(path)[\(i)]", reason: "expected an array")
            }
            var values: [Int] = []
            while !row.isAtEnd {
                let k = row.currentIndex
                values.append(try Whole.decode(from: &row, path: "\(path)[\(i)][\(k)]", min: 0))
            }
            rows.append(values)
        }
        self.rows = rows
    }
}

/// Whole numbers as VROOM files give them: integers, or decimals with nothing after the point.
/// A boolean, a string, 1.5 or a number beyond ±10¹⁵ is refused, naming the member.
enum Whole {
    static func check(_ value: Double?, isBool: Bool, path: String, min: Int) throws -> Int {
        guard let d = value, !isBool else { throw ProblemError.invalid(path: path, reason: "expected an integer") }
        guard d.isFinite, d == d.rounded(), abs(d) < 1e15 else {
            throw ProblemError.invalid(path: path, reason: "expected an integer, found \(d)")
        }
        guard Int(d) >= min else { throw ProblemError.invalid(path: path, reason: "must be ≥ \(min), found \(Int(d))") }
        return Int(d)
    }

    static func decode(from c: inout UnkeyedDecodingContainer, path: String, min: Int) throws -> Int {
        if let n = try? c.decode(Int.self) {
            guard n >= min else { throw ProblemError.invalid(path: path, reason: "must be ≥ \(min), found \(n)") }
            return n
        }
        let value = try c.decode(JSONValue.self)
        if case let .bool(b) = value { return try check(b ? 1 : 0, isBool: true, path: path, min: min) }
        return try check(value.numberValue, isBool: false, path: path, min: min)
    }
}

extension KeyedDecodingContainer where K == AnyCodingKey {
    /// The JSON path of member `key` of this object.
    func path(_ key: String) -> String { JSONPath.format(codingPath + [AnyCodingKey(key)]) }

    /// A required array member; a clear error when it is missing or not an array.
    func decodeList<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
        guard contains(AnyCodingKey(key)), (try? nestedUnkeyedContainer(forKey: AnyCodingKey(key))) != nil else {
            throw ProblemError.invalid(path: path(key), reason: "missing or not an array")
        }
        return try decode(T.self, forKey: AnyCodingKey(key))
    }

    func whole(_ key: String, min: Int) throws -> Int {
        guard let value = try wholeIfPresent(key, min: min) else {
            throw ProblemError.invalid(path: path(key), reason: "missing")
        }
        return value
    }

    func wholeIfPresent(_ key: String, min: Int) throws -> Int? {
        let k = AnyCodingKey(key)
        guard contains(k) else { return nil }
        if let n = try? decode(Int.self, forKey: k) {
            guard n >= min else { throw ProblemError.invalid(path: path(key), reason: "must be ≥ \(min), found \(n)") }
            return n
        }
        let value = try decode(JSONValue.self, forKey: k)
        if case .bool = value { return try Whole.check(nil, isBool: true, path: path(key), min: min) }
        return try Whole.check(value.numberValue, isBool: false, path: path(key), min: min)
    }

    /// `[start, end]`, start ≤ end.
    func window(_ key: String) throws -> TimeWindow {
        guard var pair = try? nestedUnkeyedContainer(forKey: AnyCodingKey(key)), pair.count == 2 else {
            throw ProblemError.invalid(path: path(key), reason: "expected [start, end]")
        }
        return try Self.window(&pair, path: path(key))
    }

    static func window(_ pair: inout UnkeyedDecodingContainer, path: String) throws -> TimeWindow {
        let open = try Whole.decode(from: &pair, path: "\(path)[0]", min: 0)
        let close = try Whole.decode(from: &pair, path: "\(path)[1]", min: 0)
        guard open <= close else {
            throw ProblemError.invalid(path: path, reason: "closes (\(close)) before it opens (\(open))")
        }
        return TimeWindow(open, close)
    }

    /// A non-empty array of `[start, end]`, sorted by start.
    func windowsIfPresent(_ key: String) throws -> [TimeWindow]? {
        guard contains(AnyCodingKey(key)) else { return nil }
        guard var list = try? nestedUnkeyedContainer(forKey: AnyCodingKey(key)), list.count != 0 else {
            throw ProblemError.invalid(path: path(key), reason: "expected a non-empty array of [start, end]")
        }
        var windows: [TimeWindow] = []
        while !list.isAtEnd {
            let i = list.currentIndex
            guard var pair = try? list.nestedUnkeyedContainer(), pair.count == 2 else {
                throw ProblemError.invalid(path: "\(path(key))[\(i)]", reason: "expected [start, end]")
            }
            windows.append(try Self.window(&pair, path: "\(path(key))[\(i)]"))
        }
        return windows.sorted { $0.open < $1.open }
    }
}
