import Foundation
import Yams

/// A plan request as written in a plan file (YAML) — the same keys as `showcase plan`'s flags,
/// in snake_case. Values stay text until the command resolves places and checks them, so a
/// flag can override any key. Unknown keys are errors with their line, never ignored.
public struct PlanSpec: Sendable, Equatable {
    public var start, end, date, window, profile, lunch, backBy, defaultHours: String?
    public var days, maxPerDay, groupSize, maxLegMinutes: Int?
    public var themes, kinds, must, avoid, hotels, lunchAt: [String]?
    public var drivingRule, chooseHotels: Bool?
    public var timeLimit: Double?
    public var seed: UInt64?

    public init() {}

    public static let keys = ["start", "end", "date", "days", "window", "profile", "themes", "kinds", "must", "avoid", "max_per_day",
                              "lunch", "lunch_at", "hotels", "group_size", "max_leg_minutes", "back_by", "driving_rule", "choose_hotels", "default_hours",
                              "time_limit", "seed"]

    /// Parses a plan file; errors read `trip.yaml:7: days must be a whole number`.
    public static func parse(_ text: String, source: String) throws -> PlanSpec {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let e as YamlError {
            throw PlanError("\(source): not valid YAML (\(e))".replacingOccurrences(of: "\n", with: " "))
        }
        guard let node else { throw PlanError("\(source): empty plan file") }
        guard let map = node.mapping else { throw PlanError("\(source):\(line(node)): a plan file is a mapping of keys (start:, date:, days: …)") }
        var spec = PlanSpec()
        for (k, v) in map {
            guard let key = k.string else { throw PlanError("\(source):\(line(k)): keys must be text") }
            func fail(_ what: String) -> PlanError { PlanError("\(source):\(line(v)): \(key) must be \(what)") }
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
                    guard let s = item.scalar?.string else { throw PlanError("\(source):\(line(item)): \(key) items must be text") }
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
            case "time_limit":
                guard let s = v.scalar?.string, let d = Double(s), d > 0 else { throw fail("a number of seconds") }
                spec.timeLimit = d
            case "seed":
                guard let s = v.scalar?.string, let n = UInt64(s) else { throw fail("a whole number ≥ 0") }
                spec.seed = n
            default:
                throw PlanError("\(source):\(line(k)): unknown key \"\(key)\" (known: \(keys.joined(separator: ", ")))")
            }
        }
        return spec
    }

    static func line(_ node: Node) -> Int { (node.mark?.line ?? 0) }
}
