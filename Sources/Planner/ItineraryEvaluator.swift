import Foundation
import GeoCore
import OpeningHours
import RoadGraph
import SiteStore

/// A visit as a person arranged it: which site, and optionally how long and how many 20-minute
/// rests the coach takes on the way there. A visit with `lunch` set is the day's lunch break,
/// placed where it stands instead of when lunch falls due.
public struct PlannedVisit: Sendable, Equatable {
    /// The site's id; empty for a lunch break.
    public var site: String
    public var lunch = false
    /// Planned stay; default the site's visit time.
    public var stayMinutes: Int?
    /// Rests on the drive here, as the group arranged them; nil: as the coach rule needs.
    public var rests: Int?
    /// Kept when the trip is planned again around the hand-made choices.
    public var pinned: Bool

    public init(site: String, stayMinutes: Int? = nil, rests: Int? = nil, pinned: Bool = false) {
        self.site = site; self.stayMinutes = stayMinutes; self.rests = rests; self.pinned = pinned
    }

    /// The lunch break at this point of the day.
    public static let lunchBreak: PlannedVisit = {
        var v = PlannedVisit(site: ""); v.lunch = true; return v
    }()
}

/// Times an itinerary arranged by hand (a stored route, an edit in the web app) and names every
/// rule it breaks. The order and days are kept as given: the group leaves at the day's start,
/// drives to each stop, waits if the site opens later that day, stays as planned, lunches when
/// lunch falls due, takes the rests the coach rule asks for (unless the visit says otherwise),
/// and drives to the night's base. `PlanChecker` then judges the result.
public struct ItineraryEvaluator {
    public let planner: TripPlanner

    public init(planner: TripPlanner) { self.planner = planner }

    /// `visits[d]` are day d's visits in order; the request gives the dates, window, lunch,
    /// bases (start, hotels, end) and the rules. The itinerary carries its `violations`.
    public func evaluate(_ visits: [[PlannedVisit]], request: PlanRequest) throws -> TripItinerary {
        var r = request
        r.days = visits.count
        guard (1...14).contains(r.days) else {
            throw PlanError(.invalidRequest, "«visits» must hold 1 to 14 days (got \(r.days))")
        }
        if !r.overnight.isEmpty, r.overnight.count != r.days - 1 {
            throw PlanError(
                .invalidRequest,
                "\(r.days) days need \(r.days - 1) overnight stops («hotels», one per night), got \(r.overnight.count)")
        }
        let sites = Dictionary(uniqueKeysWithValues: try planner.store.sites().map { ($0.id, $0) })
        for v in visits.joined() where !v.lunch {
            guard sites[v.site] != nil else { throw PlanError(.unknownSite, "«visits»: unknown site id \"\(v.site)\"") }
            if let m = v.stayMinutes { r.stayMinutes[v.site] = m }
        }
        let router = planner.router
        func located(_ p: PlanPlace) throws -> Router.Location {
            try router.locate(longitude: p.longitude, latitude: p.latitude)
        }
        var days: [TripItinerary.Day] = []
        for (d, dayVisits) in visits.enumerated() {
            let date = r.firstDate.adding(days: d)
            let from = d == 0 || r.overnight.isEmpty ? r.start : r.overnight[d - 1]
            let to = d == r.days - 1 ? (r.end ?? r.start) : (r.overnight.isEmpty ? r.start : r.overnight[d])
            var clock = d * 86_400 + r.window.start * 60
            var here = try located(from), herePlace = from
            var stops: [TripItinerary.Stop] = [
                .init(
                    kind: .start, siteID: from.siteID, nameZh: from.nameZh, nameEn: nil, label: from.label,
                    longitude: from.longitude, latitude: from.latitude, arrive: clock, depart: clock, waiting: 0,
                    leg: nil, score: nil)
            ]
            // A day that places its lunch takes it there, never earlier on its own.
            var lunched = r.lunch == nil || dayVisits.contains(where: \.lunch)
            func lunchIfDue(force: Bool, nextBusy: Int = 0) {
                // A group eats when lunch may begin, or earlier in the window if the next drive
                // and visit would carry them past it.
                guard let lunch = r.lunch, !lunched else { return }
                let opens = d * 86_400 + lunch.window.start * 60, closes = d * 86_400 + lunch.window.end * 60
                guard force || clock >= opens || (clock + nextBusy > closes && clock + 3600 >= opens) else {
                    return
                }
                let begin = max(clock, opens)
                stops.append(
                    .init(
                        kind: .lunch, siteID: herePlace.siteID, nameZh: "午餐", nameEn: "Lunch",
                        label: "lunch near \(herePlace.label)",
                        longitude: herePlace.longitude, latitude: herePlace.latitude, arrive: clock,
                        depart: begin + lunch.minutes * 60,
                        waiting: begin - clock, leg: nil, score: nil))
                clock = begin + lunch.minutes * 60
                lunched = true
            }
            func drive(_ route: Router.Route, to target: Router.Location, rests given: Int?) -> TripItinerary.Leg {
                var seconds = Int(route.cost.seconds.rounded()), rests = 0
                if let given {
                    rests = given; seconds += given * 20 * 60
                } else if r.drivingRule {
                    // As many rests as the law needs at this hour (more at night).
                    rests = r.rules.driving.restsNeeded(depart: clock, driving: seconds)
                    seconds += rests * r.rules.driving.rest.value
                }
                clock += seconds
                here = target
                return .init(
                    durationS: Double(seconds), distanceM: route.cost.meters, coordinates: route.coordinates,
                    rests: rests)
            }
            for (k, visit) in dayVisits.enumerated() {
                if visit.lunch {
                    guard let lunch = r.lunch else { continue }
                    lunched = false
                    // A lunch the user did not pin is where the plan had it, not a rule: reached
                    // before lunch may begin, with the next visit done by then (a lunch left
                    // first in the day after an edit), it waits until it falls due.
                    if !visit.pinned, let next = dayVisits[(k + 1)...].first(where: { !$0.lunch }),
                        let site = sites[next.site], clock < d * 86_400 + lunch.window.start * 60
                    {
                        let target = try router.locate(
                            longitude: site.coordinate.longitude, latitude: site.coordinate.latitude)
                        let busy =
                            Int(try router.route(from: here, to: target).cost.seconds)
                            + (next.stayMinutes ?? site.visitMinutes ?? 60) * 60
                        if clock + busy <= d * 86_400 + lunch.window.start * 60 { continue }
                    }
                    lunchIfDue(force: true)
                    continue
                }
                let site = sites[visit.site]!
                let target = try router.locate(
                    longitude: site.coordinate.longitude, latitude: site.coordinate.latitude)
                let path = try router.route(from: here, to: target)
                let waves = visitWaves(r.groupSize, capacity: site.groupCapacity, waves: site.groupWaves)
                let stay = (visit.stayMinutes ?? site.visitMinutes ?? 60) * 60 * (waves ?? 1)
                lunchIfDue(force: false, nextBusy: Int(path.cost.seconds) + stay)
                let leg = drive(path, to: target, rests: visit.rests)
                herePlace = PlanPlace(
                    label: site.nameZh ?? site.id, siteID: site.id, longitude: site.coordinate.longitude,
                    latitude: site.coordinate.latitude)
                let arrive = clock, second = arrive - d * 86_400
                let open =
                    (site.openingHours.flatMap { try? OpeningHours($0) }?.intervals(
                        on: date, holidays: planner.holidays,
                        whenUnknown: [r.defaultHours.start..<r.defaultHours.end]))
                    ?? [r.defaultHours.start..<r.defaultHours.end]
                // Open now: no wait; else wait for the next opening that day (to the second, as the solver does).
                let isOpen = open.contains { $0.lowerBound * 60 <= second && second < $0.upperBound * 60 }
                let wait =
                    isOpen
                    ? 0
                    : open.first(where: { $0.lowerBound * 60 > second }).map { $0.lowerBound * 60 - second } ?? 0
                clock = arrive + wait + stay
                stops.append(
                    .init(
                        kind: .visit, siteID: site.id, nameZh: site.nameZh, nameEn: site.nameEn,
                        label: site.nameZh ?? site.id,
                        longitude: site.coordinate.longitude, latitude: site.coordinate.latitude, arrive: arrive,
                        depart: clock,
                        waiting: wait, leg: leg, score: TripPlanner.score(site, themes: r.themes),
                        precision: site.precision, waves: waves.flatMap { $0 > 1 ? $0 : nil }))
            }
            lunchIfDue(force: true)
            let leg = drive(try router.route(from: here, to: try located(to)), to: try located(to), rests: nil)
            stops.append(
                .init(
                    kind: .end, siteID: to.siteID, nameZh: to.nameZh, nameEn: nil, label: to.label,
                    longitude: to.longitude,
                    latitude: to.latitude, arrive: clock, depart: clock, waiting: 0, leg: leg, score: nil))
            // Leave as late as the order allows (the planner's schedule does the same).
            stops = TripItinerary.leavingLate(stops)
            days.append(.init(index: d, date: date, stops: stops))
        }
        var itinerary = TripItinerary(
            profile: router.graph.profile.name, firstDate: r.firstDate, days: days,
            score: days.flatMap(\.visits).reduce(0) { $0 + ($1.score ?? 0) }, skipped: [],
            assumptions: [
                "order and days as arranged; times re-computed",
                "travel on the \(router.graph.profile.name) road graph",
                "sites without opening hours in the data: assumed open \(DailyWindow.text(r.defaultHours.start))–\(DailyWindow.text(r.defaultHours.end))"
            ])
        r.must += visits.joined().filter { $0.pinned && !r.must.contains($0.site) }.map(\.site)
        SchoolReport.attach(&itinerary, request: r, prices: try planner.store.ticketPrices())
        itinerary.violations = PlanChecker.check(
            itinerary, request: r, sites: Array(sites.values), holidays: planner.holidays)
        return itinerary
    }
}
