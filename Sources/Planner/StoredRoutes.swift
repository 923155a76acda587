import Foundation
import GeoCore
import OpeningHours
import RoadGraph
import SiteStore
import Yams

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
        do { root = try Yams.compose(yaml: text) } catch { throw PlanError(.badFile, "\(source): not valid YAML (\(yamlProblem(error)))") }
        guard let map = root?.mapping else { throw PlanError(.badFile, "\(source): a route file is a mapping (name_zh:, kind:, days:, start:, stops: …)") }
        func line(_ n: Node) -> Int { n.mark?.line ?? 0 }
        var record = RouteRecord(id: id, nameZh: nil, nameEn: nil, kind: "", audience: nil, days: 0, start: "", stops: [], notes: nil,
                                 example: true, source: "example authored for Showcase Route Planner from the seed article's places; not an official route", line: [])
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
                guard let s = v.string, kinds.contains(s) else { throw fail("must be one of \(kinds.joined(separator: ", "))") }
                record.kind = s
            case "days": guard let d = wholeNumber(v), (1...14).contains(d) else { throw fail("must be 1 to 14") }; record.days = d
            case "example": guard let b = v.bool else { throw fail("must be true or false") }; record.example = b
            case "stops":
                guard let seq = v.sequence, !seq.isEmpty else { throw fail("must be a list of {site, day, stay_minutes}") }
                for item in seq {
                    guard let m = item.mapping else { throw PlanError(.badFile, "\(source):\(line(item)): a stop is {site: ID, day: N, stay_minutes: M}") }
                    var stop = RouteStopRecord(site: "", day: 1, stayMinutes: nil, note: nil)
                    for (sk, sv) in m {
                        let skey = sk.string ?? ""
                        switch skey {
                        case "site": stop.site = sv.string ?? ""
                        case "day": guard let d = wholeNumber(sv), d >= 1 else { throw PlanError(.badFile, "\(source):\(line(sv)): day must be ≥ 1") }; stop.day = d
                        case "stay_minutes": guard let s = wholeNumber(sv), s > 0 else { throw PlanError(.badFile, "\(source):\(line(sv)): stay_minutes must be > 0") }; stop.stayMinutes = s
                        case "note": stop.note = sv.string
                        default: throw PlanError(.badFile, "\(source):\(line(sk)): unknown stop key \"\(skey)\" (known: \(stopKeys.joined(separator: ", ")))")
                        }
                    }
                    guard !stop.site.isEmpty else { throw PlanError(.badFile, "\(source):\(line(item)): a stop needs site: ID") }
                    record.stops.append(stop)
                }
            default:
                throw PlanError(.badFile, "\(source):\(line(k)): unknown key \"\(key)\" (known: \(keys.joined(separator: ", ")))")
            }
        }
        for required in ["kind", "days", "start", "stops"] where map[required] == nil {
            throw PlanError(.badFile, "\(source): missing \(required):")
        }
        if let late = record.stops.first(where: { $0.day > record.days }) {
            throw PlanError(.badFile, "\(source): stop \(late.site) is on day \(late.day) but the route has \(record.days) day(s)")
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
        var r = PlanRequest(start: try PlaceResolver.resolve(route.start, in: planner.store), firstDate: date, profile: profile)
        r.days = route.days
        r.must = route.stops.map(\.site)
        r.onlySites = route.stops.map(\.site)
        for s in route.stops { if let m = s.stayMinutes { r.stayMinutes[s.site] = m } }
        return r
    }

    /// The route's own schedule, driven as written: leave at the day's start, drive to each stop,
    /// wait for opening if it opens later that day, stay as planned, lunch at the first stop
    /// that ends after lunch may begin, drive back. Every rule it breaks is returned, in words.
    public func evaluate(_ route: RouteRecord, request r: PlanRequest) throws -> (TripItinerary, [String]) {
        let sites = Dictionary(uniqueKeysWithValues: try planner.store.sites().map { ($0.id, $0) })
        for s in route.stops where sites[s.site] == nil { throw PlanError(.unknownSite, "route \(route.id): unknown site \(s.site)") }
        let router = planner.router
        let base = try router.locate(longitude: r.start.longitude, latitude: r.start.latitude)
        var days: [TripItinerary.Day] = []
        for d in 0..<route.days {
            let date = r.firstDate.adding(days: d)
            var clock = d * 86_400 + r.window.start * 60
            var here = base
            var herePlace = r.start
            var stops: [TripItinerary.Stop] = [.init(kind: .start, siteID: nil, nameZh: nil, nameEn: nil, label: r.start.label,
                                                      longitude: r.start.longitude, latitude: r.start.latitude, arrive: clock, depart: clock, waiting: 0, leg: nil, score: nil)]
            var lunched = r.lunch == nil
            func lunchIfDue(force: Bool, nextBusy: Int = 0) {
                // A group eats when lunch may begin, or earlier in the window if the next drive
                // and visit would carry them past it.
                guard let lunch = r.lunch, !lunched else { return }
                let opens = d * 86_400 + lunch.window.start * 60, closes = d * 86_400 + lunch.window.end * 60
                guard force || clock >= opens || (clock + nextBusy > closes && clock + 3600 >= opens) else { return }
                let begin = max(clock, opens)
                stops.append(.init(kind: .lunch, siteID: nil, nameZh: "午餐", nameEn: "Lunch", label: "lunch near \(herePlace.label)",
                                   longitude: herePlace.longitude, latitude: herePlace.latitude, arrive: clock, depart: begin + lunch.minutes * 60,
                                   waiting: begin - clock, leg: nil, score: nil))
                clock = begin + lunch.minutes * 60
                lunched = true
            }
            func drive(_ route: Router.Route, to target: Router.Location) -> TripItinerary.Leg {
                var seconds = Int(route.cost.seconds.rounded()), rests = 0
                if r.drivingRule { (seconds, rests) = TripPlanner.withRests(seconds) }
                clock += seconds
                here = target
                return .init(durationS: Double(seconds), distanceM: route.cost.meters, coordinates: route.coordinates, rests: rests)
            }
            for stop in route.stops where stop.day == d + 1 {
                let site = sites[stop.site]!
                let target = try router.locate(longitude: site.coordinate.longitude, latitude: site.coordinate.latitude)
                let path = try router.route(from: here, to: target)
                let stay = (stop.stayMinutes ?? site.visitMinutes ?? 60) * 60
                lunchIfDue(force: false, nextBusy: Int(path.cost.seconds) + stay)
                let leg = drive(path, to: target)
                herePlace = PlanPlace(label: site.nameZh ?? site.id, siteID: site.id, longitude: site.coordinate.longitude, latitude: site.coordinate.latitude)
                let arrive = clock
                let minute = (arrive - d * 86_400) / 60
                let open = (site.openingHours.flatMap { try? OpeningHours($0) }?.intervals(on: date, holidays: planner.holidays))
                    ?? [r.defaultHours.start ..< r.defaultHours.end]
                let wait = open.first(where: { $0.lowerBound > minute }).map { iv in open.contains { $0.contains(minute) } ? 0 : (iv.lowerBound - minute) * 60 } ?? 0
                clock = arrive + wait + stay
                stops.append(.init(kind: .visit, siteID: site.id, nameZh: site.nameZh, nameEn: site.nameEn, label: site.nameZh ?? site.id,
                                   longitude: site.coordinate.longitude, latitude: site.coordinate.latitude, arrive: arrive, depart: clock,
                                   waiting: wait, leg: leg, score: TripPlanner.score(site, themes: [])))
            }
            lunchIfDue(force: true)
            let leg = drive(try router.route(from: here, to: base), to: base)
            stops.append(.init(kind: .end, siteID: nil, nameZh: nil, nameEn: nil, label: r.start.label, longitude: r.start.longitude,
                               latitude: r.start.latitude, arrive: clock, depart: clock, waiting: 0, leg: leg, score: nil))
            days.append(.init(index: d, date: date, stops: stops))
        }
        let itinerary = TripItinerary(profile: router.graph.profile.name, firstDate: r.firstDate, days: days,
                                      score: days.flatMap(\.visits).reduce(0) { $0 + ($1.score ?? 0) }, skipped: [],
                                      assumptions: ["the route's own order, days and stays", "travel on the \(router.graph.profile.name) road graph"])
        return (itinerary, PlanChecker.check(itinerary, request: r, sites: Array(sites.values), holidays: planner.holidays))
    }

    /// The best order and days for the same stops (all of them if they fit, else as many as
    /// fit), and the request it answers (without the must-visits when not all fit).
    public func optimize(_ route: RouteRecord, request r: PlanRequest) throws -> (TripItinerary, PlanRequest) {
        do { return (try planner.plan(r), r) } catch let e as PlanError where e.kind == .unsatisfiable {
            var relaxed = r
            relaxed.must = []
            var plan = try planner.plan(relaxed)
            plan.assumptions.append("not every stop fits (\(e.message)); the plan keeps as many as fit")
            return (plan, relaxed)
        }
    }
}
