import Foundation
import OpeningHours
import Yams

/// A plan request as written in a plan file (YAML) — the same keys as `showcase plan`'s flags,
/// in snake_case. Values stay text until the command resolves places and checks them, so a
/// flag can override any key. Unknown keys are errors with their line, never ignored.
public struct PlanSpec: Sendable, Equatable {
    public var start, end, date, window, profile, lunch, backBy, defaultHours, nightSearch: String?
    public var days, maxPerDay, groupSize, maxLegMinutes, iterations, hotelMinPopulation: Int?
    public var themes, kinds, must, avoid, hotels, lunchAt, only: [String]?
    /// An arranged itinerary (`showcase itinerary evaluate`): each day's visits in order.
    public var visits: [[PlannedVisit]]?
    public var drivingRule, chooseHotels, includeCoarse: Bool?
    public var timeLimit: Double?
    public var seed: UInt64?
    /// `group:` — the school group; `group_size` alone means that many pupils.
    public var group: GroupSpec?
    public var coachSeats: Int?
    public var budgetPerStudent: Double?

    public init() {}

    /// `group: {students, grade, teachers, safety_officers, guides}` as written (each optional,
    /// so a flag can override one of them).
    public struct GroupSpec: Sendable, Equatable {
        public var students, grade, teachers, safetyOfficers, guides: Int?
        public init(
            students: Int? = nil, grade: Int? = nil, teachers: Int? = nil, safetyOfficers: Int? = nil,
            guides: Int? = nil
        ) {
            self.students = students; self.grade = grade; self.teachers = teachers
            self.safetyOfficers = safetyOfficers; self.guides = guides
        }
        public static let keys = ["students", "grade", "teachers", "safety_officers", "guides"]
    }

    public static let keys = [
        "start", "end", "date", "days", "window", "profile", "themes", "kinds", "must", "avoid", "max_per_day",
        "lunch", "lunch_at", "hotels", "group_size", "max_leg_minutes", "back_by", "driving_rule", "choose_hotels",
        "default_hours",
        "time_limit", "seed", "iterations", "hotel_min_population", "only", "visits", "night_search",
        "include_coarse", "group", "coach_seats", "budget_per_student"
    ]

    /// Parses a plan file; errors read `trip.yaml:7: days must be a whole number`.
    public static func parse(_ text: String, source: String) throws -> PlanSpec {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let e as YamlError {
            throw PlanError(.badFile, "\(source): not valid YAML (\(yamlProblem(e)))")
        }
        guard let node else { throw PlanError(.badFile, "\(source): empty plan file") }
        guard let map = node.mapping else {
            throw PlanError(
                .badFile, "\(source):\(line(node)): a plan file is a mapping of keys (start:, date:, days: …)")
        }
        var spec = PlanSpec()
        for (k, v) in map {
            guard let key = k.string else { throw PlanError(.badFile, "\(source):\(line(k)): keys must be text") }
            func fail(_ what: String) -> PlanError {
                PlanError(.badFile, "\(source):\(line(v)): \(key) must be \(what)")
            }
            func text() throws -> String {
                guard let s = v.scalar?.string, !s.isEmpty else { throw fail("text") }
                return s
            }
            func int() throws -> Int {
                guard let s = v.scalar?.string, let i = Int(s) else { throw fail("a whole number") }
                return i
            }
            func list() throws -> [String] {
                if let s = v.scalar?.string { return s.isEmpty ? [] : [s] }
                guard let seq = v.sequence else { throw fail("a list") }
                return try seq.map { item in
                    guard let s = item.scalar?.string else {
                        throw PlanError(.badFile, "\(source):\(line(item)): \(key) items must be text")
                    }
                    return s
                }
            }
            switch key {
            case "start": spec.start = try text()
            case "end": spec.end = try text()
            case "date": spec.date = try text()
            case "days": spec.days = try int()
            case "window": spec.window = try text()
            case "profile": spec.profile = try text()
            case "night_search": spec.nightSearch = try text()
            case "themes": spec.themes = try list()
            case "kinds": spec.kinds = try list()
            case "must": spec.must = try list()
            case "avoid": spec.avoid = try list()
            case "max_per_day": spec.maxPerDay = try int()
            case "lunch": spec.lunch = try text()
            case "hotels": spec.hotels = try list()
            case "lunch_at": spec.lunchAt = try list()
            case "group_size": spec.groupSize = try int()
            case "max_leg_minutes": spec.maxLegMinutes = try int()
            case "back_by": spec.backBy = try text()
            case "default_hours": spec.defaultHours = try text()
            case "driving_rule":
                guard let b = v.bool else { throw fail("true or false") }
                spec.drivingRule = b
            case "choose_hotels":
                guard let b = v.bool else { throw fail("true or false") }
                spec.chooseHotels = b
            case "include_coarse":
                guard let b = v.bool else { throw fail("true or false") }
                spec.includeCoarse = b
            case "time_limit":
                guard let s = v.scalar?.string, let d = Double(s), d > 0 else { throw fail("a number of seconds") }
                spec.timeLimit = d
            case "seed":
                guard let s = v.scalar?.string, let n = UInt64(s) else { throw fail("a whole number ≥ 0") }
                spec.seed = n
            case "iterations":
                guard let s = v.scalar?.string, let n = Int(s), n >= 0 else { throw fail("a whole number ≥ 0") }
                spec.iterations = n
            case "hotel_min_population": spec.hotelMinPopulation = try int()
            case "only": spec.only = try list()
            case "visits": spec.visits = try visits(v, source: source)
            case "group": spec.group = try group(v, source: source)
            case "coach_seats": spec.coachSeats = try int()
            case "budget_per_student":
                guard let s = v.scalar?.string, let d = Double(s), d > 0 else { throw fail("a number of CNY above 0") }
                spec.budgetPerStudent = d
            default:
                throw PlanError(
                    .badFile, "\(source):\(line(k)): unknown key \"\(key)\" (known: \(keys.joined(separator: ", ")))")
            }
        }
        return spec
    }

    static func line(_ node: Node) -> Int { (node.mark?.line ?? 0) }

    /// `group:` — a mapping of whole numbers (students, grade, teachers, safety_officers, guides).
    static func group(_ node: Node, source: String) throws -> GroupSpec {
        guard let m = node.mapping else {
            throw PlanError(
                .badFile,
                "\(source):\(line(node)): group must be a mapping: {students, grade, teachers, "
                    + "safety_officers, guides}")
        }
        var g = GroupSpec()
        for (k, v) in m {
            let key = k.string ?? ""
            guard let n = wholeNumber(v), n >= 0 else {
                throw PlanError(.badFile, "\(source):\(line(v)): group.\(key) must be a whole number ≥ 0")
            }
            switch key {
            case "students": g.students = n
            case "grade": g.grade = n
            case "teachers": g.teachers = n
            case "safety_officers": g.safetyOfficers = n
            case "guides": g.guides = n
            default:
                throw PlanError(
                    .badFile,
                    "\(source):\(line(k)): unknown key \"group.\(key)\" "
                        + "(known: \(GroupSpec.keys.joined(separator: ", ")))"
                )
            }
        }
        return g
    }

    /// `visits:` — a list per day of site ids, `{site, stay_minutes, rests, pinned}` or
    /// `{lunch: true}` (the lunch break there).
    static func visits(_ node: Node, source: String) throws -> [[PlannedVisit]] {
        func fail(_ n: Node, _ what: String) -> PlanError {
            PlanError(.badFile, "\(source):\(line(n)): visits \(what)")
        }
        guard let days = node.sequence else { throw fail(node, "must be a list of days, each a list of site ids") }
        return try days.map { day in
            guard let items = day.sequence else { throw fail(day, "must list each day as a list of site ids") }
            return try items.map { item in
                if let id = item.scalar?.string, !id.isEmpty { return PlannedVisit(site: id) }
                guard let m = item.mapping else {
                    throw fail(item, "items are site ids, {site, stay_minutes, rests, pinned} or {lunch: true}")
                }
                var visit = PlannedVisit(site: "")
                for (k, v) in m {
                    switch k.string ?? "" {
                    case "lunch": guard v.bool == true else { throw fail(v, "lunch must be true") }; visit.lunch = true
                    case "site": visit.site = v.scalar?.string ?? ""
                    case "stay_minutes":
                        guard let n = wholeNumber(v), n > 0 else {
                            throw fail(v, "stay_minutes must be a whole number > 0")
                        }; visit.stayMinutes = n
                    case "rests":
                        guard let n = wholeNumber(v), n >= 0 else { throw fail(v, "rests must be a whole number ≥ 0") };
                        visit.rests = n
                    case "pinned":
                        guard let b = v.bool else { throw fail(v, "pinned must be true or false") }; visit.pinned = b
                    default:
                        throw fail(k, "items take site, stay_minutes, rests and pinned (got \"\(k.string ?? "")\")")
                    }
                }
                guard visit.lunch != !visit.site.isEmpty else {
                    throw fail(item, "items need site: ID, or lunch: true alone")
                }
                return visit
            }
        }
    }
}

extension PlanSpec {
    /// The request this spec describes, with the documented defaults; `resolve` turns place text
    /// into places (given the text and its field's name), `hotelTowns` gives the towns `choose_hotels` picks from. One conversion for
    /// the CLI (flags merged into the spec first) and the HTTP `/plan`.
    public func request(resolve: (String, String) throws -> PlanPlace, hotelTowns: () throws -> [PlanPlace]) throws
        -> PlanRequest
    {
        guard let start else {
            throw PlanError(.invalidRequest, "say where the trip starts: «start» (a site, a town or lon,lat)")
        }
        guard let date else { throw PlanError(.invalidRequest, "give the first day: «date» YYYY-MM-DD") }
        guard let firstDate = LocalDate(iso: date) else {
            throw PlanError(.invalidRequest, "«date» must be YYYY-MM-DD, e.g. 2026-06-02 (got \"\(date)\")")
        }
        let windowText = window ?? "08:30-17:30"
        guard let dayWindow = DailyWindow(windowText) else {
            throw PlanError(.invalidRequest, "«window» must be HH:MM-HH:MM (got \"\(windowText)\")")
        }
        guard let assumed = DailyWindow(defaultHours ?? "09:00-17:00") else {
            throw PlanError(.invalidRequest, "«default_hours» must be HH:MM-HH:MM")
        }
        var r = PlanRequest(start: try resolve(start, "start"), firstDate: firstDate, profile: profile ?? "car")
        r.end = try end.map { try resolve($0, "end") }
        r.overnight = try (hotels ?? []).map { try resolve($0, "hotels") }
        r.lunchPlaces = try (lunchAt ?? []).map { try resolve($0, "lunch_at") }
        if chooseHotels == true {
            guard r.overnight.isEmpty else {
                throw PlanError(.invalidRequest, "give either «hotels» for each night or «choose_hotels», not both")
            }
            r.hotelChoices = try hotelTowns()
        }
        if let nightSearch {
            guard let how = NightSearch(rawValue: nightSearch) else {
                throw PlanError(
                    .invalidRequest,
                    "«night_search» is sequences (the default) or local (the earlier search, for comparison); got \"\(nightSearch)\""
                )
            }
            r.nightSearch = how
        }
        r.includeCoarse = includeCoarse ?? false
        r.days = days ?? 1
        r.window = dayWindow
        r.themes = themes ?? []; r.kinds = kinds ?? []; r.must = must ?? []; r.avoid = avoid ?? []
        r.maxSitesPerDay = maxPerDay
        r.group = try resolvedGroup()
        r.coachSeats = coachSeats
        r.budgetPerStudent = budgetPerStudent
        r.maxLegMinutes = maxLegMinutes
        r.defaultHours = assumed
        if let backBy {
            guard let m = DailyWindow.minutes(backBy) else {
                throw PlanError(.invalidRequest, "«back_by» must be HH:MM")
            }
            r.backBy = m
        }
        if let drivingRule { r.drivingRule = drivingRule }
        let lunchText = lunch ?? "12:00-13:30/60"
        if lunchText == "none" {
            r.lunch = nil
        } else {
            let parts = lunchText.split(separator: "/")
            guard parts.count == 2, let w = DailyWindow(String(parts[0])), let m = Int(parts[1]), m > 0 else {
                throw PlanError(.invalidRequest, "«lunch» must be HH:MM-HH:MM/minutes, e.g. 12:00-13:30/60, or none")
            }
            r.lunch = (w, m)
        }
        r.onlySites = only
        r.timeLimit = timeLimit ?? 2
        r.seed = seed ?? 1
        r.iterations = iterations
        return r
    }
}

extension PlanSpec {
    /// The group the keys describe: `group:`, or `group_size` pupils alone; nil for neither.
    func resolvedGroup() throws -> Group? {
        guard group != nil || groupSize != nil else { return nil }
        let g = group ?? GroupSpec()
        if let size = groupSize, let students = g.students, size != students {
            throw PlanError(
                .invalidRequest,
                "«group_size» (\(size)) and «group.students» (\(students)) disagree; give one of them")
        }
        guard let students = g.students ?? groupSize else {
            throw PlanError(.invalidRequest, "«group.students» is missing: the number of pupils")
        }
        return Group(
            students: students, grade: g.grade, teachers: g.teachers ?? 0, safetyOfficers: g.safetyOfficers ?? 0,
            guides: g.guides ?? 0)
    }
}

/// libyaml's message on one line and short: it quotes the offending line, which may be the
/// whole file (a 200 kB line of brackets must not become a 200 kB error).
func yamlProblem(_ error: Error) -> String {
    let text = "\(error)".replacingOccurrences(of: "\n", with: " ")
    return text.count > 200 ? text.prefix(200) + "…" : text
}
