import Foundation
import GeoCore
import SiteStore

/// What a plan for a group says beside its days: the coaches, the staff against the minimums,
/// the trip's reach against the grade's band, the costs, and the driving law's warnings. One
/// function for planned and hand-arranged itineraries, so an edit is priced like a plan.
enum SchoolReport {
    static func attach(_ plan: inout TripItinerary, request r: PlanRequest, prices: [String: TicketPrice]) {
        if r.drivingRule { plan.warnings += r.rules.driving.review(plan).warnings }
        guard let group = r.group else { return }
        let rules = r.rules.group
        let seats = r.coachSeats ?? rules.coachSeats.value
        let coaches = plan.profile == "coach" ? Group.coaches(people: group.people, seats: seats) : nil
        var summary = GroupSummary(
            group: group, coaches: coaches, seatsPerCoach: seats,
            seatsSource: r.coachSeats == nil ? rules.coachSeats.source : "given in the request",
            ratios: rules.staff.map {
                .init(
                    role: $0.role, count: group.count($0.role), required: $0.required(students: group.students),
                    perStudents: $0.perStudents, source: $0.source)
            })
        func warn(_ rule: PlanViolation.Rule, _ en: String, _ zh: String, site: String? = nil) {
            plan.warnings.append(PlanViolation(rule: rule, siteID: site, message: en, messageZh: zh))
        }
        for ratio in summary.ratios where !ratio.ok {
            let (en, zh) = roleNames[ratio.role]!
            let per = ratio.perStudents.map { " (one per \($0) pupils)" } ?? ""
            let perZh = ratio.perStudents.map { "（每 \($0) 名学生 1 名）" } ?? ""
            warn(
                .staffRatio,
                "\(ratio.count) \(en) for \(group.students) pupils: at least \(ratio.required)\(per) (\(ratio.source))",
                "\(group.students) 名学生配\(zh) \(ratio.count) 名：至少应有 \(ratio.required) 名\(perZh)（\(ratio.source)）")
        }
        if let grade = group.grade, let band = rules.gradeBands.first(where: { $0.grades.contains(grade) }) {
            summary.band = band
            if let reach = reach(plan, start: r.start, seats: r.rules.seats) {
                summary.reach = reach
                if reach > band.reach {
                    warn(
                        .gradeReach,
                        "grade \(grade): study trips of grades \(band.grades.lowerBound)–\(band.grades.upperBound) "
                            + "keep mainly to \(band.theme) (within the home \(band.reach.name)); this trip goes "
                            + "beyond it (reach: \(reach.name), by the nearest county seat of each stop; "
                            + "\(rules.gradeBandsSource))",
                        "\(grade) 年级：\(band.grades.lowerBound)–\(band.grades.upperBound) 年级研学以\(band.theme)为主"
                            + "（\(band.reach.nameZh)）；本行程到达\(reach.nameZh)（按各站最近的县级驻地估算；"
                            + "\(rules.gradeBandsSource)）")
                }
            }
        }
        for day in plan.days {
            for s in day.visits {
                guard let waves = s.waves else { continue }
                warn(
                    .waves,
                    "day \(day.index + 1): \(s.label) takes the group of \(group.people) in \(waves) waves, one after "
                        + "another (the visit time is counted \(waves) times)",
                    "第 \(day.index + 1) 天：\(s.label)分 \(waves) 批接待 \(group.people) 人，依次参观（参观时间按 \(waves) 倍计）",
                    site: s.siteID)
            }
        }
        let costs = CostEstimate.estimate(plan, group: group, coaches: coaches, rates: r.rules.costs, prices: prices)
        if costs.isLowerBound {
            warn(
                .unknownPrices,
                "ticket prices unknown for \(costs.unknownPrices.count) of the \(costs.pricedSites) sites visited "
                    + "(\(costs.unknownPrices.joined(separator: ", "))): they are not counted, so the total "
                    + "\(money(costs.totalCNY)) is a lower bound",
                "\(costs.pricedSites) 个参观地点中有 \(costs.unknownPrices.count) 个门票价格未知"
                    + "（\(costs.unknownPrices.joined(separator: "、"))），未计入，合计 \(money(costs.totalCNY)) 为最低估计")
        }
        plan.group = summary
        plan.costs = costs
    }

    static let roleNames: [StaffMinimum.Role: (String, String)] = [
        .teachers: ("teachers", "带队教师"), .safetyOfficers: ("safety officers", "安全员"), .guides: ("guides", "导游（研学导师）")
    ]

    static func money(_ cny: Double) -> String { String(format: "%.2f CNY", cny) }

    /// How far the visits go from the start, by the nearest county-level seat of each place:
    /// county, city (league), province, or beyond (farther than 300 km from every seat).
    static func reach(_ plan: TripItinerary, start: PlanPlace, seats: [AdminSeat]) -> TripReach? {
        let counties = seats.filter { $0.code.count == 12 && $0.code.dropFirst(4).prefix(2) != "00" }
        guard !counties.isEmpty else { return nil }
        func seat(_ lon: Double, _ lat: Double) -> AdminSeat? {
            let near = counties.min {
                Distance.haversineMeters($0.longitude, $0.latitude, lon, lat)
                    < Distance.haversineMeters($1.longitude, $1.latitude, lon, lat)
            }!
            return Distance.haversineMeters(near.longitude, near.latitude, lon, lat) > 300_000 ? nil : near
        }
        guard let home = seat(start.longitude, start.latitude) else { return .beyond }
        var reach = TripReach.county
        for s in plan.days.flatMap(\.visits) {
            guard let here = seat(s.longitude, s.latitude) else { return .beyond }
            let r: TripReach =
                here.code.prefix(6) == home.code.prefix(6)
                ? .county
                : here.code.prefix(4) == home.code.prefix(4)
                    ? .city : here.code.prefix(2) == home.code.prefix(2) ? .province : .beyond
            reach = max(reach, r)
        }
        return reach
    }
}
