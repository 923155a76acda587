import Foundation
import GeoCore
import OpeningHours
import RoadGraph
import SiteStore
import Yams
import Words

/// A scalar as a whole number, parsed here: Yams' `Node.int` also reads YAML 1.1 sexagesimal
/// ("1:30") and traps on overflow there (found by fuzzing: `days: 333…:33`).
func wholeNumber(_ node: Node) -> Int? { node.scalar.flatMap { Int($0.string) } }

/// A route or tour file from `Routes/` (YAML): names, kind, audience, days, a base, ordered stops.
public enum RouteFile {
    public static let kinds = ["heritage", "study", "red-education"]
    static let keys = ["name_zh", "name_en", "kind", "audience", "days", "start", "stops", "notes", "example", "source"]
    static let stopKeys = ["site", "day", "stay_minutes", "note"]

    /// Parses one file; `id` is the file name without `.yaml`. Errors read `Routes/x.yaml:12: …`.
    public static func parse(_ text: String, id: String, source: String) throws -> RouteRecord {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw PlanError(.badFile, "\(source): not valid YAML (\(yamlProblem(error)))")
        }
        guard let map = root?.mapping else {
            throw PlanError(.badFile, "\(source): a route file is a mapping (name_zh:, kind:, days:, start:, stops: …)")
        }
        func line(_ n: Node) -> Int { n.mark?.line ?? 0 }
        var record = RouteRecord(
            id: id, nameZh: nil, nameEn: nil, kind: "", audience: nil, days: 0, start: "", stops: [], notes: nil,
            example: true,
            source: "example authored for Showcase Route Planner from the seed article's places; not an official route",
            line: [])
        for (k, v) in map {
            let key = k.string ?? ""
            func fail(_ what: String) -> PlanError { PlanError(.badFile, "\(source):\(line(v)): \(key) \(what)") }
            switch key {
            case "name_zh": record.nameZh = v.string
            case "name_en": record.nameEn = v.string
            case "audience": record.audience = v.string
            case "notes": record.notes = v.string
            case "source": record.source = v.string ?? record.source
            case "start": guard let s = v.string, !s.isEmpty else { throw fail("must be a place") }; record.start = s
            case "kind":
                guard let s = v.string, kinds.contains(s) else {
                    throw fail("must be one of \(kinds.joined(separator: ", "))")
                }
                record.kind = s
            case "days":
                guard let d = wholeNumber(v), (1...14).contains(d) else { throw fail("must be 1 to 14") };
                record.days = d
            case "example": guard let b = v.bool else { throw fail("must be true or false") }; record.example = b
            case "stops":
                guard let seq = v.sequence, !seq.isEmpty else {
                    throw fail("must be a list of {site, day, stay_minutes}")
                }
                for item in seq {
                    guard let m = item.mapping else {
                        throw PlanError(
                            .badFile, "\(source):\(line(item)): a stop is {site: ID, day: N, stay_minutes: M}")
                    }
                    var stop = RouteStopRecord(site: "", day: 1, stayMinutes: nil, note: nil)
                    for (sk, sv) in m {
                        let skey = sk.string ?? ""
                        switch skey {
                        case "site": stop.site = sv.string ?? ""
                        case "day":
                            guard let d = wholeNumber(sv), d >= 1 else {
                                throw PlanError(.badFile, "\(source):\(line(sv)): day must be ≥ 1")
                            }; stop.day = d
                        case "stay_minutes":
                            guard let s = wholeNumber(sv), s > 0 else {
                                throw PlanError(.badFile, "\(source):\(line(sv)): stay_minutes must be > 0")
                            }; stop.stayMinutes = s
                        case "note": stop.note = sv.string
                        default:
                            throw PlanError(
                                .badFile,
                                "\(source):\(line(sk)): unknown stop key \"\(skey)\" (known: \(stopKeys.joined(separator: ", ")))"
                            )
                        }
                    }
                    guard !stop.site.isEmpty else {
                        throw PlanError(.badFile, "\(source):\(line(item)): a stop needs site: ID")
                    }
                    record.stops.append(stop)
                }
            default:
                throw PlanError(
                    .badFile, "\(source):\(line(k)): unknown key \"\(key)\" (known: \(keys.joined(separator: ", ")))")
            }
        }
        for required in ["kind", "days", "start", "stops"] where map[required] == nil {
            throw PlanError(.badFile, "\(source): missing \(required):")
        }
        if let late = record.stops.first(where: { $0.day > record.days }) {
            throw PlanError(
                .badFile, "\(source): stop \(late.site) is on day \(late.day) but the route has \(record.days) day(s)")
        }
        return record
    }
}

/// Checks a stored route as written (order, days, stays) on a date, and finds a better one.
public struct RouteEvaluator {
    public let planner: TripPlanner

    public init(planner: TripPlanner) { self.planner = planner }

    /// The request a stored route implies (its base, days, stays and stops).
    public func request(for route: RouteRecord, date: LocalDate, profile: String) throws -> PlanRequest {
        var r = PlanRequest(
            start: try PlaceResolver.resolve(route.start, in: planner.store), firstDate: date, profile: profile)
        r.days = route.days
        r.must = route.stops.map(\.site)
        r.onlySites = route.stops.map(\.site)
        for s in route.stops { if let m = s.stayMinutes { r.stayMinutes[s.site] = m } }
        return r
    }

    /// The route driven as written on the request's dates (see `ItineraryEvaluator`).
    public func evaluate(_ route: RouteRecord, request r: PlanRequest) throws -> (TripItinerary, [PlanViolation]) {
        let visits = (1...route.days).map { d in
            route.stops.filter { $0.day == d }.map { PlannedVisit(site: $0.site, stayMinutes: $0.stayMinutes) }
        }
        var plan = try ItineraryEvaluator(planner: planner).evaluate(visits, request: r)
        plan.assumptions.insert(.routeAsWritten, at: 0)
        return (plan, plan.violations)
    }

    /// The best order and days for the same stops (all of them if they fit, else as many as
    /// fit), and the request it answers (without the must-visits when not all fit).
    public func optimize(_ route: RouteRecord, request r: PlanRequest) throws -> (TripItinerary, PlanRequest) {
        do { return (try planner.plan(r), r) } catch let e as PlanError where e.kind == .unsatisfiable {
            var relaxed = r
            relaxed.must = []
            var plan = try planner.plan(relaxed)
            plan.assumptions.append(
                .notEveryStopFits(
                    reasonEn: FieldText.plain(e.template(in: .en)), reasonZh: FieldText.plain(e.template(in: .zh))))
            return (plan, relaxed)
        }
    }
}
