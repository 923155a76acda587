import Foundation
import Yams

/// A number a rule or a default gives, with where it comes from (a law's article, a page, or
/// "project assumption"): every figure a plan prints can name its source.
public struct Sourced<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var source: String
    public init(_ value: Value, _ source: String) { self.value = value; self.source = source }
}

/// China's driving-time limits for coaches (`Config/driving.yaml`). Times in seconds, clock
/// times in minutes after midnight.
public struct DrivingLaw: Sendable, Equatable {
    public var continuousDay: Sourced<Int>
    public var continuousNight: Sourced<Int>
    public var rest: Sourced<Int>
    public var maxIn24h: Sourced<Int>
    public var maxIn7Days: Sourced<Int>
    /// Long-distance coaches do not run then (02:00–05:00).
    public var noRunning: Sourced<DailyWindow>
    /// Night hours; the window wraps midnight when `start > end` (22:00–06:00).
    public var night: Sourced<DailyWindow>
    /// A leg longer than this is flagged: consider rail.
    public var considerRailKm: Sourced<Double>

    /// The numbers of Art. 38 (2018) as shipped in `Config/driving.yaml`, for callers that load
    /// no configuration (benchmarks, tests of other rules); the file's sources say the same.
    public static let article38 = DrivingLaw(
        continuousDay: .init(4 * 3600, Self.art38 + "(1)"), continuousNight: .init(2 * 3600, Self.art38 + "(1)"),
        rest: .init(20 * 60, Self.art38 + "(1)"), maxIn24h: .init(8 * 3600, Self.art38 + "(2)"),
        maxIn7Days: .init(44 * 3600, Self.art38 + "(3)"),
        noRunning: .init(DailyWindow(start: 120, end: 300), Self.art38 + "(5)"),
        night: .init(DailyWindow(start: 22 * 60, end: 6 * 60), "project assumption"),
        considerRailKm: .init(400, "《道路旅客运输企业安全管理规范（试行）》(2012) Art. 45 (two drivers over 400 km)"))
    static let art38 = "《道路旅客运输企业安全管理规范》(2018) Art. 38"
}

/// One kind of staff and the least a group should have: max(atLeast, ⌈students ÷ perStudents⌉).
public struct StaffMinimum: Sendable, Equatable {
    public enum Role: String, Sendable, CaseIterable {
        case teachers, safetyOfficers = "safety_officers", guides
    }
    public var role: Role
    public var perStudents: Int?
    public var atLeast: Int
    public var source: String

    public func required(students: Int) -> Int {
        max(atLeast, perStudents.map { (students + $0 - 1) / $0 } ?? 0)
    }
}

/// How far a trip goes from home, in the administrative units the study-trip bands use.
public enum TripReach: Int, Sendable, Comparable, CaseIterable {
    case county, city, province, beyond
    public static func < (a: TripReach, b: TripReach) -> Bool { a.rawValue < b.rawValue }
    public var name: String { ["county", "city", "province", "beyond"][rawValue] }
    public var nameZh: String { ["本县（区、旗）", "本市（盟）", "本省（区）", "省（区）外"][rawValue] }
}

/// A school stage's band: the grades, the reach its trips keep to, the theme's name.
public struct GradeBand: Sendable, Equatable {
    public var grades: ClosedRange<Int>
    public var reach: TripReach
    public var theme: String
}

/// Defaults and minimums for school groups (`Config/group.yaml`).
public struct GroupRules: Sendable, Equatable {
    public var coachSeats: Sourced<Int>
    public var staff: [StaffMinimum]
    public var gradeBands: [GradeBand]
    public var gradeBandsSource: String

    /// For callers that load no configuration: the shipped seats and bands, no staff minimums.
    public static let shipped = GroupRules(
        coachSeats: .init(45, "project assumption"), staff: [],
        gradeBands: [
            GradeBand(grades: 1...6, reach: .county, theme: "乡土乡情"),
            GradeBand(grades: 7...9, reach: .city, theme: "县情市情"),
            GradeBand(grades: 10...12, reach: .province, theme: "省情国情")
        ], gradeBandsSource: "《国务院关于促进旅游业改革发展的若干意见》(2014), as implemented by 教基一〔2016〕8号")
}

/// What a trip costs besides tickets, in CNY (`Config/costs.yaml`).
public struct CostRates: Sendable, Equatable {
    public var coachPerDay: Sourced<Double>
    public var coachKmIncludedPerDay: Sourced<Double>
    public var coachPerKmBeyond: Sourced<Double>
    public var mealPerPerson: Sourced<Double>
    public var lodgingPerPersonNight: Sourced<Double>
    public var insurancePerPersonDay: Sourced<Double>
    public var guidePerDay: Sourced<Double>
}

/// A county-level or league-level seat (Vonng/adcode): where the trip's reach is measured.
public struct AdminSeat: Sendable, Equatable {
    /// 12-digit division code: province 2 digits, city (league) 4, county 6.
    public var code: String
    public var name: String
    public var longitude: Double
    public var latitude: Double
    public init(code: String, name: String, longitude: Double, latitude: Double) {
        self.code = code; self.name = name; self.longitude = longitude; self.latitude = latitude
    }
}

/// The rules and defaults a plan for a group is held to, each with its source: the driving
/// law, the group's minimums, the cost rates, and the seats that tell a trip's reach. Loaded
/// from `Config/` by the service; `builtIn` carries the law's numbers and nothing else.
public struct PlanRules: Sendable, Equatable {
    public var driving: DrivingLaw
    public var group: GroupRules
    /// nil: no rates loaded, so nothing but tickets is priced.
    public var costs: CostRates?
    /// County and league seats; empty: the reach is not measured.
    public var seats: [AdminSeat]

    public static let builtIn = PlanRules(driving: .article38, group: .shipped, costs: nil, seats: [])

    public init(driving: DrivingLaw, group: GroupRules, costs: CostRates?, seats: [AdminSeat]) {
        self.driving = driving; self.group = group; self.costs = costs; self.seats = seats
    }

    /// Reads `driving.yaml`, `group.yaml` and `costs.yaml` from `directory`; errors name the
    /// file, line and key (`Config/costs.yaml:12: meal_per_person needs value and source`).
    public static func load(directory: URL, seats: [AdminSeat]) throws -> PlanRules {
        func file(_ name: String) throws -> ConfigFile {
            let url = directory.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            return try ConfigFile(text, source: "Config/\(name)")
        }
        let d = try file("driving.yaml"), g = try file("group.yaml"), c = try file("costs.yaml")
        func hours(_ key: String) throws -> Sourced<Int> {
            let v = try d.number(key)
            return .init(Int((v.value * 3600).rounded()), v.source)
        }
        let rest = try d.number("rest_minutes")
        let driving = DrivingLaw(
            continuousDay: try hours("continuous_day_hours"), continuousNight: try hours("continuous_night_hours"),
            rest: .init(Int(rest.value) * 60, rest.source), maxIn24h: try hours("max_hours_in_24h"),
            maxIn7Days: try hours("max_hours_in_7_days"), noRunning: try d.window("no_running"),
            night: try d.window("night"), considerRailKm: try d.number("consider_rail_km"))
        let seatsValue = try g.number("coach_seats")
        let group = GroupRules(
            coachSeats: .init(Int(seatsValue.value), seatsValue.source), staff: try g.staff(),
            gradeBands: try g.gradeBands(), gradeBandsSource: try g.text("grade_bands_source"))
        let costs = CostRates(
            coachPerDay: try c.number("coach_per_day"),
            coachKmIncludedPerDay: try c.number("coach_km_included_per_day"),
            coachPerKmBeyond: try c.number("coach_per_km_beyond"), mealPerPerson: try c.number("meal_per_person"),
            lodgingPerPersonNight: try c.number("lodging_per_person_night"),
            insurancePerPersonDay: try c.number("insurance_per_person_day"), guidePerDay: try c.number("guide_per_day"))
        return PlanRules(driving: driving, group: group, costs: costs, seats: seats)
    }
}

/// One of `Config/*.yaml`, read with line numbers for its errors.
struct ConfigFile {
    let source: String
    let map: [String: (key: Node, value: Node)]

    init(_ text: String, source: String) throws {
        self.source = source
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw PlanError(.badFile, "\(source): not valid YAML (\(yamlProblem(error)))")
        }
        guard let mapping = node?.mapping else { throw PlanError(.badFile, "\(source): must be a mapping of keys") }
        var map: [String: (key: Node, value: Node)] = [:]
        for (k, v) in mapping { if let name = k.string { map[name] = (k, v) } }
        self.map = map
    }

    func fail(_ node: Node?, _ what: String) -> PlanError {
        PlanError(.badFile, "\(source):\(node.map { PlanSpec.line($0) } ?? 1): \(what)")
    }

    func entry(_ key: String) throws -> Node {
        guard let e = map[key] else { throw fail(nil, "\(key) is missing") }
        return e.value
    }

    /// `key: {value: V, source: text}`.
    func sourced(_ key: String) throws -> (value: Node, source: String) {
        let node = try entry(key)
        guard let value = node.mapping?["value"], let source = node.mapping?["source"]?.string, !source.isEmpty else {
            throw fail(node, "\(key) needs value and source")
        }
        return (value, source)
    }

    func number(_ key: String) throws -> Sourced<Double> {
        let (value, source) = try sourced(key)
        guard let text = value.string, let v = Double(text), v >= 0 else {
            throw fail(value, "\(key) must be a number ≥ 0")
        }
        return .init(v, source)
    }

    func window(_ key: String) throws -> Sourced<DailyWindow> {
        let (value, source) = try sourced(key)
        guard let w = value.string.flatMap(DailyWindow.init) else { throw fail(value, "\(key) must be HH:MM-HH:MM") }
        return .init(w, source)
    }

    func text(_ key: String) throws -> String {
        let node = try entry(key)
        guard let s = node.string, !s.isEmpty else { throw fail(node, "\(key) must be text") }
        return s
    }

    func staff() throws -> [StaffMinimum] {
        let node = try entry("staff")
        return try StaffMinimum.Role.allCases.map { role in
            guard let m = node.mapping?[role.rawValue]?.mapping else {
                throw fail(node, "staff needs \(role.rawValue): {at_least, source}")
            }
            guard let atLeast = m["at_least"]?.string.flatMap({ Int($0) }), atLeast >= 0,
                let source = m["source"]?.string, !source.isEmpty
            else { throw fail(node, "staff.\(role.rawValue) needs at_least (a whole number) and source") }
            let per = m["per_students"]?.string.flatMap { Int($0) }
            if m["per_students"] != nil, (per ?? 0) < 1 {
                throw fail(node, "staff.\(role.rawValue).per_students must be a whole number ≥ 1")
            }
            return StaffMinimum(role: role, perStudents: per, atLeast: atLeast, source: source)
        }
    }

    func gradeBands() throws -> [GradeBand] {
        let node = try entry("grade_bands")
        guard let items = node.sequence else { throw fail(node, "grade_bands must be a list") }
        return try items.map { item in
            let parts = item.mapping?["grades"]?.string?.split(separator: "-").compactMap { Int($0) } ?? []
            guard parts.count == 2, parts[0] <= parts[1],
                let reach = item.mapping?["reach"]?.string.flatMap({ r in TripReach.allCases.first { $0.name == r } }),
                let theme = item.mapping?["theme"]?.string
            else {
                throw fail(item, "grade_bands items need grades: \"A-B\", reach (county, city, province) and theme")
            }
            return GradeBand(grades: parts[0]...parts[1], reach: reach, theme: theme)
        }
    }
}
