import OpeningHours
import Testing

@testable import Planner

/// Hand-built itineraries, each breaking one limit of the driving-time law, with times exact to
/// the minute: the law's review must name each on the day it happens, and nothing else.
@Suite struct DrivingLawTests {
    let law = DrivingLaw.article38
    let first = LocalDate(year: 2026, month: 6, day: 1)!

    /// A leg from `from` to `to` (seconds from the first midnight), `rests` 20-minute rests inside.
    func stop(_ label: String, at: Int, from: Int? = nil, rests: Int = 0, km: Double = 100) -> TripItinerary.Stop {
        .init(
            kind: from == nil ? .start : .visit, siteID: label, nameZh: label, nameEn: nil, label: label,
            longitude: 111,
            latitude: 40, arrive: at, depart: at + (from == nil ? 0 : 600), waiting: 0,
            leg: from.map { .init(durationS: Double(at - $0), distanceM: km * 1000, coordinates: [], rests: rests) },
            score: nil)
    }

    /// A day of drives: `(start, end, rests)` in hours after that day's midnight.
    func day(_ d: Int, _ drives: [(Double, Double, Int)]) -> TripItinerary.Day {
        let base = d * 86_400
        var stops = [stop("start-\(d)", at: base + Int(drives[0].0 * 3600))]
        for (i, (a, b, rests)) in drives.enumerated() {
            stops.append(stop("stop-\(d)-\(i)", at: base + Int(b * 3600), from: base + Int(a * 3600), rests: rests))
        }
        return .init(index: d, date: first.adding(days: d), stops: stops)
    }

    func plan(_ days: [TripItinerary.Day]) -> TripItinerary {
        TripItinerary(profile: "coach", firstDate: first, days: days, score: 0, skipped: [], assumptions: [])
    }

    func rules(_ p: TripItinerary) -> [(String, Int?)] {
        law.review(p).violations.map { ($0.rule.rawValue, $0.day) }
    }

    @Test func twoHoursAtNightWithoutARestIsBroken() {
        // 21:30 → 00:15: 2 h 45 min at the wheel, 2 h 15 of it at night, no rest.
        let broken = plan([day(0, [(21.5, 24.25, 0)])])
        let found = law.review(broken).violations
        #expect(found.map(\.rule) == [.nightContinuous] && found[0].day == 0, "\(found)")
        #expect(found[0].message.contains("at night") && found[0].message.contains("Art. 38(1)"))
        #expect(found[0].messageZh.contains("夜间连续驾驶不得超过 2 小时"))
        // One rest (the leg 20 min longer) keeps it: 30 min by day, 2 h at night, rest, 15 min.
        let rested = plan([day(0, [(21.5, 24.25 + 1.0 / 3, 1)])])
        #expect(law.review(rested).violations.isEmpty)
        // Legal or not, driving at night is said.
        #expect(law.review(rested).warnings.map(\.rule) == [.nightDriving])
        // By day the same 2 h 45 min needs no rest.
        #expect(law.review(plan([day(0, [(9, 11.75, 0)])])).violations.isEmpty)
    }

    @Test func eightHoursInAny24IsBrokenAcrossTwoDays() {
        // Day 1 drives 13:00–16:00 and 16:30–18:30 (5 h), day 2 08:00–12:00 (4 h): each day is
        // under 8 h, but 13:00 on day 1 to 13:00 on day 2 holds 9 h.
        let broken = plan([day(0, [(13, 16, 0), (16.5, 18.5, 0)]), day(1, [(8, 12, 0)])])
        #expect(rules(broken).map(\.0) == ["driving-24h"] && rules(broken)[0].1 == 1, "\(rules(broken))")
        let v = law.review(broken).violations[0]
        #expect(
            v.message.contains("drives 9 h in the 24 hours") && v.message.contains("more than the 8 h allowed")
                && v.message.contains("38(2)"))
        // Day 2 leaving at 13:00 keeps it: no 24 hours then hold more than 5 h 30 min.
        let kept = plan([day(0, [(13, 16, 0), (16.5, 18.5, 0)]), day(1, [(13, 17, 0)])])
        #expect(rules(kept).isEmpty, "\(rules(kept))")
    }

    @Test func drivingBetweenTwoAndFiveIsBroken() {
        let broken = plan([day(0, [(1.5, 3, 0)])])
        let found = law.review(broken).violations
        #expect(found.map(\.rule) == [.noRunning] && found[0].day == 0, "\(found)")
        #expect(found[0].message.contains("02:00") && found[0].message.contains("05:00"))
        #expect(found[0].message.contains("Art. 38(5)"))
        #expect(law.review(plan([day(0, [(5, 7, 0)])])).violations.isEmpty)
    }

    @Test func fortyFourHoursInSevenDaysIsBrokenOverAWeek() {
        // Seven days of 6 h 30 min (3 h 15 in the morning, 3 h 15 in the afternoon): no 24 hours
        // hold more than 8, but the week holds 45 h 30.
        let week = (0..<7).map { day($0, [(8, 11.25, 0), (14, 17.25, 0)]) }
        let found = law.review(plan(week)).violations
        #expect(found.map(\.rule) == [.driving7Days] && found[0].day == 6, "\(found)")
        #expect(found[0].message.contains("45 h 30 min") && found[0].message.contains("44 h"))
        #expect(found[0].messageZh.contains("连续 7 日"))
        // Six such days are 39 h: kept.
        #expect(law.review(plan(Array(week.prefix(6)))).violations.isEmpty)
    }

    @Test func fourHoursByDayWithoutARestIsStillTheFirstRule() {
        let found = law.review(plan([day(0, [(8, 12.5, 0)])])).violations
        #expect(found.map(\.rule) == [.drivingRule], "\(found)")
        #expect(law.review(plan([day(0, [(8, 12.5 + 1.0 / 3, 1)])])).violations.isEmpty)
    }

    @Test func restsArePlacedWhereTheLawNeedsThem() {
        // By day, one rest per full 4 h; at night every 2 h; across the evening, as each part needs.
        #expect(law.restsNeeded(depart: 8 * 3600, driving: 4 * 3600) == 0)
        #expect(law.restsNeeded(depart: 8 * 3600, driving: 4 * 3600 + 1) == 1)
        #expect(law.restsNeeded(depart: 8 * 3600, driving: 8 * 3600 + 1) == 2)
        #expect(law.restsNeeded(depart: 22 * 3600, driving: 2 * 3600 + 1) == 1)
        #expect(law.restsNeeded(depart: 22 * 3600, driving: 6 * 3600) == 2)
        // 20:00 → 22:00 by day, then 2 h at night: 4 h in one stretch, 2 of them at night.
        #expect(law.restsNeeded(depart: 20 * 3600, driving: 4 * 3600) == 0)
        #expect(law.restsNeeded(depart: 20 * 3600, driving: 4 * 3600 + 60) == 1)
    }

    @Test func legsOverFourHundredKilometresSayConsiderRail() {
        var p = plan([day(0, [(8, 11, 0)])])
        p.days[0].stops[1].leg!.distanceM = 420_000
        let w = law.review(p).warnings
        #expect(w.map(\.rule) == [.considerRail] && w[0].message.contains("420 km") && w[0].message.contains("rail"))
        #expect(w[0].messageZh.contains("建议考虑乘火车"))
    }
}
