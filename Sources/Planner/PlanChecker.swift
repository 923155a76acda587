import OpeningHours
import SiteStore

/// Re-checks a finished itinerary against the request and the site data, sharing no code with
/// the planner or the solver: every rule a planner relies on, each violation in words.
public enum PlanChecker {
    public static func check(_ plan: TripItinerary, request r: PlanRequest, sites: [Site], holidays: HolidayCalendar) -> [String] {
        var problems: [String] = []
        let byID = Dictionary(uniqueKeysWithValues: sites.map { ($0.id, $0) })
        var seen = Set<String>()
        for day in plan.days {
            let tag = "day \(day.index + 1) (\(day.date))"
            let base = day.index * 86_400
            guard let first = day.stops.first, let last = day.stops.last, first.kind == .start, last.kind == .end else {
                problems.append("\(tag): does not start and end at a base"); continue
            }
            if first.depart < base + r.window.start * 60 { problems.append("\(tag): leaves before \(DailyWindow.text(r.window.start))") }
            let close = day.index == plan.days.count - 1 ? min(r.window.end, r.backBy ?? r.window.end) : r.window.end
            if last.arrive > base + close * 60 { problems.append("\(tag): back at \(plan.clock(last.arrive)), after \(DailyWindow.text(close))") }
            var clock = first.depart
            var lunches = 0
            for s in day.stops.dropFirst() {
                if let leg = s.leg {
                    let driving = leg.durationS - Double(leg.rests * 1200)
                    if r.drivingRule, driving - Double(leg.rests) * 4 * 3600 > 4 * 3600 + 1 {
                        problems.append("\(tag): \(Int(driving / 60)) min to \(s.label) with \(leg.rests) rest(s): more than 4 h without a break")
                    }
                    if let maxLeg = r.maxLegMinutes, leg.durationS > Double(maxLeg * 60) { problems.append("\(tag): the drive to \(s.label) is over \(maxLeg) min") }
                    clock += Int(leg.durationS)
                }
                if s.arrive < clock - 1 { problems.append("\(tag): \(s.label) reached at \(plan.clock(s.arrive)) but the drive ends at \(plan.clock(clock))") }
                clock = max(clock, s.depart)
                switch s.kind {
                case .lunch:
                    lunches += 1
                    if let lunch = r.lunch {
                        let begin = s.arrive + s.waiting - base
                        if begin < lunch.window.start * 60 || begin > lunch.window.end * 60 { problems.append("\(tag): lunch at \(plan.clock(s.arrive + s.waiting)) is outside \(DailyWindow.text(lunch.window.start))–\(DailyWindow.text(lunch.window.end))") }
                        if s.depart - s.arrive - s.waiting < lunch.minutes * 60 { problems.append("\(tag): lunch shorter than \(lunch.minutes) min") }
                    }
                case .visit:
                    guard let id = s.siteID, let site = byID[id] else { problems.append("\(tag): unknown site \(s.label)"); continue }
                    if !seen.insert(id).inserted { problems.append("\(tag): \(s.label) visited twice") }
                    if r.avoid.contains(id) { problems.append("\(tag): \(s.label) was to be avoided") }
                    if let size = r.groupSize, let cap = site.groupCapacity, size > cap { problems.append("\(tag): \(s.label) takes \(cap), the group is \(size)") }
                    let begin = s.arrive + s.waiting - base, end = s.depart - base
                    let planned = r.stayMinutes[id] ?? site.visitMinutes ?? 60
                    if end - begin < planned * 60 { problems.append("\(tag): \(s.label) visit shorter than \(planned) min") }
                    let open: [Range<Int>]
                    if let text = site.openingHours, !text.isEmpty, let hours = try? OpeningHours(text) {
                        open = hours.intervals(on: day.date, holidays: holidays)
                    } else {
                        open = [r.defaultHours.start ..< r.defaultHours.end]
                    }
                    if !open.contains(where: { $0.lowerBound * 60 <= begin && end <= $0.upperBound * 60 }) {
                        let weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.date.weekday]
                        problems.append(open.isEmpty ? "\(tag): \(s.label) is closed on \(weekday)" : "\(tag): \(s.label) visited \(plan.clock(s.arrive + s.waiting))–\(plan.clock(s.depart)), outside its hours")
                    }
                case .start, .end: break
                }
            }
            if r.lunch != nil, lunches != 1 { problems.append("\(tag): \(lunches) lunch breaks") }
            if let m = r.maxSitesPerDay, day.visits.count > m { problems.append("\(tag): \(day.visits.count) sites, more than \(m)") }
        }
        for id in r.must where !seen.contains(id) { problems.append("must-visit \(id) is not in the plan") }
        return problems
    }
}
