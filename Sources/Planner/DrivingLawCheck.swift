import Foundation

/// The driving-time law applied to an itinerary's legs: how many rests a leg needs at the hour
/// it is driven, and every limit a trip breaks, on the day it breaks it.
///
/// Our reading, where the article leaves room: a stretch of driving between two rests may last
/// at most 4 h, and at most 2 h of it may fall in the night hours; rests sit where the driver
/// needs them (as late as the limits allow), so a leg keeps the law if its rests could be placed
/// that way. The 24-hour and 7-day limits are over any window (rolling), not calendar days, and
/// count driving only (a leg's rests excluded, its driving spread evenly over the leg).
extension DrivingLaw {
    /// Whether `t` (seconds from the first day's midnight) falls in the night hours.
    public func isNight(_ t: Int) -> Bool { Self.inside(t, night.value) }

    static func inside(_ t: Int, _ w: DailyWindow) -> Bool {
        let s = ((t % 86_400) + 86_400) % 86_400
        return w.start <= w.end ? (w.start * 60 <= s && s < w.end * 60) : (s >= w.start * 60 || s < w.end * 60)
    }

    /// Seconds from `t` to the next start or end of the night.
    func secondsToNightBoundary(_ t: Int) -> Int {
        let s = ((t % 86_400) + 86_400) % 86_400
        let marks = [night.value.start * 60, night.value.end * 60].flatMap { [$0, $0 + 86_400] }
        return marks.filter { $0 > s }.min().map { $0 - s } ?? 86_400
    }

    /// Rests a leg of `driving` seconds leaving at `depart` needs, placed as late as the limits
    /// allow (each stretch ends when it reaches 4 h, or 2 h of night).
    public func restsNeeded(depart: Int, driving: Int) -> Int {
        var t = depart, left = driving, rests = 0
        let day = continuousDay.value, nightLimit = continuousNight.value
        while left > 0 {
            var stretch = 0, atNight = 0
            while left > 0 {
                let isNight = isNight(t)
                var step = min(left, secondsToNightBoundary(t), day - stretch)
                if isNight { step = min(step, nightLimit - atNight) }
                if step <= 0 { break }
                t += step; left -= step; stretch += step
                if isNight { atNight += step }
            }
            guard left > 0 else { break }
            rests += 1
            t += rest.value
        }
        return rests
    }

    /// The rests a leg needs when the hour is not known: every `continuousNight` if the day may
    /// run into the night, else every `continuousDay` (what the planner's matrix adds).
    public func restsByInterval(_ driving: Int, nightPossible: Bool) -> Int {
        let interval = nightPossible ? continuousNight.value : continuousDay.value
        return driving > 0 ? (driving - 1) / interval : 0
    }

    /// Whether a day window (minutes) reaches into the night hours.
    public func windowTouchesNight(_ w: DailyWindow) -> Bool {
        stride(from: w.start, to: w.end, by: 1).contains { Self.inside($0 * 60, night.value) }
    }

    /// Whether a day window (minutes) reaches into the hours coaches do not run.
    public func windowTouchesNoRunning(_ w: DailyWindow) -> Bool {
        stride(from: w.start, to: w.end, by: 1).contains { Self.inside($0 * 60, noRunning.value) }
    }
}

/// One drive of an itinerary on the clock.
struct Drive {
    var day: Int
    var stop: TripItinerary.Stop
    var start: Int
    var end: Int
    /// Seconds at the wheel (the leg's time without its rests).
    var driving: Int
    var rests: Int
    var distanceM: Double
}

extension DrivingLaw {
    func drives(_ plan: TripItinerary) -> [Drive] {
        plan.days.flatMap { day in
            day.stops.compactMap { s -> Drive? in
                guard let leg = s.leg, leg.durationS > 0 else { return nil }
                let start = s.arrive - Int(leg.durationS)
                return Drive(
                    day: day.index, stop: s, start: start, end: s.arrive,
                    driving: max(0, Int(leg.durationS) - leg.rests * rest.value), rests: leg.rests,
                    distanceM: leg.distanceM)
            }
        }
    }

    /// Every limit the plan's driving breaks (`violations`) and what it should know
    /// (`warnings`: driving at night, legs long enough for rail), each on its day.
    public func review(_ plan: TripItinerary) -> (violations: [PlanViolation], warnings: [PlanViolation]) {
        var violations: [PlanViolation] = [], warnings: [PlanViolation] = []
        let drives = drives(plan)
        func note(_ into: inout [PlanViolation], _ rule: PlanViolation.Rule, _ d: Drive, _ en: String, _ zh: String) {
            into.append(
                PlanViolation(
                    rule: rule, day: d.day, date: plan.firstDate.adding(days: d.day), siteID: d.stop.siteID,
                    message: en, messageZh: zh))
        }
        let to = { (d: Drive) in d.stop.label }
        for d in drives {
            let dayOnly = d.driving > 0 ? (d.driving - 1) / continuousDay.value : 0
            let needed = restsNeeded(depart: d.start, driving: d.driving)
            let h = TripItinerary.minutes(Double(d.driving))
            let restWord = d.rests == 0 ? "no" : "only \(d.rests)"
            let restWordZh = d.rests == 0 ? "没有" : "只有 \(d.rests) 次"
            if d.rests < dayOnly {
                note(
                    &violations, .drivingRule, d,
                    "drives \(h) to \(to(d)) with \(restWord) 20-minute rest\(d.rests == 1 ? "" : "s"): a coach may "
                        + "drive at most 4 h without one (\(continuousDay.source))",
                    "前往\(to(d))连续行车 \(TripItinerary.minutesZh(Double(d.driving)))，途中\(restWordZh) 20 分钟休息："
                        + "大巴日间连续驾驶不得超过 4 小时（\(continuousDay.source)）")
            } else if d.rests < needed {
                note(
                    &violations, .nightContinuous, d,
                    "drives \(h) to \(to(d)) at night (\(plan.clock(d.start))–\(plan.clock(d.end))) with \(restWord) "
                        + "rest\(d.rests == 1 ? "" : "s"): at night a coach may drive at most 2 h without a 20-minute "
                        + "rest (\(continuousNight.source))",
                    "夜间（\(plan.clock(d.start))–\(plan.clock(d.end))）前往\(to(d))行车 "
                        + "\(TripItinerary.minutesZh(Double(d.driving)))，途中\(restWordZh)休息：夜间连续驾驶不得超过 2 小时"
                        + "（\(continuousNight.source)）")
            }
            if let (a, b) = overlap(d, noRunning.value) {
                note(
                    &violations, .noRunning, d,
                    "drives to \(to(d)) between \(plan.clock(a)) and \(plan.clock(b)): long-distance coaches do not "
                        + "run \(DailyWindow.text(noRunning.value.start))–\(DailyWindow.text(noRunning.value.end)) "
                        + "(\(noRunning.source))",
                    "\(plan.clock(a))–\(plan.clock(b)) 在途前往\(to(d))：长途客运车辆凌晨 "
                        + "\(DailyWindow.text(noRunning.value.start))–\(DailyWindow.text(noRunning.value.end)) 停止运行"
                        + "（\(noRunning.source)）")
            } else if let (a, b) = overlap(d, night.value) {
                note(
                    &warnings, .nightDriving, d,
                    "drives at night (\(plan.clock(a))–\(plan.clock(b))) to \(to(d)): at most 2 h at a time, then a "
                        + "20-minute rest (\(continuousNight.source)); night is "
                        + "\(DailyWindow.text(night.value.start))–\(DailyWindow.text(night.value.end)) "
                        + "(\(night.source))",
                    "夜间（\(plan.clock(a))–\(plan.clock(b))）行车前往\(to(d))：夜间连续驾驶不得超过 2 小时，之后休息 20 分钟"
                        + "（\(continuousNight.source)）；夜间按 \(DailyWindow.text(night.value.start))–"
                        + "\(DailyWindow.text(night.value.end)) 计（\(night.source)）")
            }
            if d.distanceM > considerRailKm.value * 1000 {
                let km = Int((d.distanceM / 1000).rounded())
                note(
                    &warnings, .considerRail, d,
                    "the drive to \(to(d)) is \(km) km: over \(Int(considerRailKm.value)) km one way a coach needs two "
                        + "drivers (\(considerRailKm.source)); consider rail",
                    "前往\(to(d))单程 \(km) 公里：超过 \(Int(considerRailKm.value)) 公里的客运车辆须配备两名驾驶员"
                        + "（\(considerRailKm.source)）；建议考虑乘火车")
            }
        }
        violations += rolling(drives, plan, window: 86_400, limit: maxIn24h, rule: .driving24h)
        violations += rolling(drives, plan, window: 7 * 86_400, limit: maxIn7Days, rule: .driving7Days)
        return (violations, warnings)
    }

    /// The part of a drive inside the daily window `w`, if any (first such stretch).
    func overlap(_ d: Drive, _ w: DailyWindow) -> (Int, Int)? {
        var t = d.start
        while t < d.end {
            if Self.inside(t, w) {
                var e = t
                while e < d.end && Self.inside(e, w) { e = min(d.end, e + 60) }
                return (t, e)
            }
            t += 60
        }
        return nil
    }

    /// Driving over any `window` seconds above `limit`: once per day it happens, on the day
    /// the window's driving passes the limit.
    func rolling(
        _ drives: [Drive], _ plan: TripItinerary, window: Int, limit: Sourced<Int>, rule: PlanViolation.Rule
    ) -> [PlanViolation] {
        var found: [PlanViolation] = []
        var reported = Set<Int>()
        for first in drives {
            let from = first.start, to = first.start + window
            var total = 0.0
            for d in drives where d.end > from && d.start < to {
                let span = Double(d.end - d.start)
                let inside = Double(min(d.end, to) - max(d.start, from))
                total += span > 0 ? Double(d.driving) * inside / span : 0
                guard total > Double(limit.value) + 60, reported.insert(d.day).inserted else { continue }
                let hours = window / 3600, h = TripItinerary.minutes(total), limitH = limit.value / 3600
                let until = plan.localTime(to).replacingOccurrences(of: "T", with: " ").prefix(16)
                let since = plan.localTime(from).replacingOccurrences(of: "T", with: " ").prefix(16)
                found.append(
                    PlanViolation(
                        rule: rule, day: d.day, date: plan.firstDate.adding(days: d.day), siteID: d.stop.siteID,
                        message:
                            "drives \(h) in the \(hours == 24 ? "24 hours" : "7 days") from \(since) "
                            + "(to \(until)), more than the \(limitH) h allowed (\(limit.source))",
                        messageZh:
                            "自 \(since) 起\(hours == 24 ? " 24 小时" : "连续 7 日")内累计驾驶 "
                            + "\(TripItinerary.minutesZh(total))，超过 \(limitH) 小时（\(limit.source)）"))
                break
            }
        }
        return found
    }
}

extension DrivingLaw {
    /// What a plan by coach assumes about the law, in one line.
    public func assumption(window: DailyWindow) -> String {
        let night = windowTouchesNight(window)
        return "coach rule: a \(rest.value / 60)-minute rest after every "
            + "\(TripItinerary.minutes(Double(night ? continuousNight.value : continuousDay.value))) of continuous "
            + "driving, added inside long legs\(night ? " (the day reaches into the night hours)" : ""); at most "
            + "\(maxIn24h.value / 3600) h of driving in 24 h and \(maxIn7Days.value / 3600) h in 7 days; no driving "
            + "\(DailyWindow.text(noRunning.value.start))–\(DailyWindow.text(noRunning.value.end)) "
            + "(\(DrivingLaw.art38))"
    }

    /// Seconds by which a plan's driving passes the rolling 24-hour and 7-day limits, by day
    /// (the day whose driving passes it): what the planner tightens and solves again.
    func excessByDay(_ plan: TripItinerary) -> [Int: Int] {
        var excess: [Int: Int] = [:]
        let drives = drives(plan)
        for (window, limit) in [(86_400, maxIn24h.value), (7 * 86_400, maxIn7Days.value)] {
            for first in drives {
                let from = first.start, to = first.start + window
                var total = 0.0, last: Int?
                for d in drives where d.end > from && d.start < to {
                    let span = Double(d.end - d.start)
                    total += span > 0 ? Double(d.driving) * Double(min(d.end, to) - max(d.start, from)) / span : 0
                    last = d.day
                }
                if let last, total > Double(limit) + 60 {
                    excess[last] = max(excess[last] ?? 0, Int(total.rounded(.up)) - limit)
                }
            }
        }
        return excess
    }
}
