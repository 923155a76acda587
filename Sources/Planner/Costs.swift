import Foundation
import SiteStore

/// One line of a trip's costs: what, how many, at what unit price, and where the price comes from.
public struct CostItem: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case tickets, coach, coachKm = "coach-km", meals, lodging, insurance, guides
    }
    public var kind: Kind
    /// What, in words: "Tickets 大召寺（无量寺）: pupils".
    public var item: String
    public var itemZh: String
    public var quantity: Double
    /// The unit counted: person, coach-day, km, meal, person-night, person-day, guide-day.
    public var unit: String
    public var unitCNY: Double
    /// quantity × unit price, in CNY to the fen.
    public var amountCNY: Double
    public var source: String
    /// The day (0-based) it falls on.
    public var day: Int
}

/// What a trip costs, item by item. A ticket no source prices is listed in `unknownPrices` and
/// counted as nothing in the total, which is then a lower bound (said wherever it is printed).
public struct CostEstimate: Sendable {
    public var currency = "CNY"
    public var items: [CostItem]
    /// The sum of the items, to the fen.
    public var totalCNY: Double
    public var perStudentCNY: Double
    /// Visited sites whose ticket price is not known (ids, in visiting order).
    public var unknownPrices: [String]
    /// Visited sites (ids, once each), to say for how many the price is missing.
    public var pricedSites: Int
    /// Each day's share of the total.
    public var perDayCNY: [Double]
    public var isLowerBound: Bool { !unknownPrices.isEmpty }
    /// The items by kind, summed (for the parents' notice: cost per pupil item by item).
    public var byKind: [(kind: CostItem.Kind, amountCNY: Double)] {
        CostItem.Kind.allCases.compactMap { k in
            let lines = items.filter { $0.kind == k }
            return lines.isEmpty ? nil : (k, Self.fen(lines.reduce(0) { $0 + Self.cents($1.amountCNY) }))
        }
    }

    static func cents(_ cny: Double) -> Int { Int((cny * 100).rounded()) }
    static func fen(_ cents: Int) -> Double { Double(cents) / 100 }

    /// Prices a trip for a group. Coach hire counts only for the coach profile; meals are the
    /// lunches the plan holds plus dinner and breakfast around each night.
    public static func estimate(
        _ plan: TripItinerary, group: Group, coaches: Int?, rates: CostRates?, prices: [String: TicketPrice]
    ) -> CostEstimate {
        var items: [CostItem] = []
        var unknown: [String] = [], seen = Set<String>()
        func add(
            _ kind: CostItem.Kind, _ en: String, _ zh: String, _ quantity: Double, _ unit: String, _ price: Double,
            _ source: String, day: Int
        ) {
            guard quantity > 0 else { return }
            items.append(
                CostItem(
                    kind: kind, item: en, itemZh: zh, quantity: quantity, unit: unit, unitCNY: price,
                    amountCNY: fen(cents(quantity * price)), source: source, day: day))
        }
        let students = Double(group.students), staff = Double(group.staff), people = Double(group.people)
        let last = plan.days.count - 1
        for day in plan.days {
            let d = day.index
            for s in day.visits {
                guard let id = s.siteID, seen.insert(id).inserted else { continue }
                let name = s.nameZh ?? s.label
                guard let p = prices[id], let adult = p.adultCNY else { unknown.append(id); continue }
                let source = "\(p.source) (\(p.asOf))"
                if let student = p.studentCNY {
                    add(
                        .tickets, "Tickets \(name): pupils", "门票 \(name)：学生", students, "person", student, source,
                        day: d)
                } else {
                    add(
                        .tickets, "Tickets \(name): pupils (no student price found; full price counted)",
                        "门票 \(name)：学生（未查到学生价，按全价计）", students, "person", adult, source, day: d)
                }
                add(.tickets, "Tickets \(name): staff", "门票 \(name)：带队人员", staff, "person", adult, source, day: d)
            }
            guard let rates else { continue }
            if let coaches {
                let n = Double(coaches)
                add(
                    .coach, "Coach hire", "大巴租车", n, "coach-day", rates.coachPerDay.value, rates.coachPerDay.source,
                    day: d)
                let beyond = (day.distanceM / 1000 - rates.coachKmIncludedPerDay.value).rounded(.up)
                if beyond > 0 {
                    add(
                        .coachKm,
                        "Coach km beyond \(Int(rates.coachKmIncludedPerDay.value)) km a day "
                            + "(\(Int(beyond)) km × \(coaches))",
                        "超出每日 \(Int(rates.coachKmIncludedPerDay.value)) 公里的里程（\(Int(beyond)) 公里 × \(coaches) 辆）",
                        beyond * n, "km", rates.coachPerKmBeyond.value,
                        rates.coachPerKmBeyond.source + "; included: " + rates.coachKmIncludedPerDay.source, day: d)
                }
            }
            let lunches = day.stops.filter { $0.kind == .lunch }.count
            let meals = lunches + (d < last ? 1 : 0) + (d > 0 ? 1 : 0)
            add(
                .meals, "Meals (\(meals) a person)", "餐费（每人 \(meals) 餐）", people * Double(meals), "meal",
                rates.mealPerPerson.value, rates.mealPerPerson.source, day: d)
            if d < last {
                add(
                    .lodging, "Lodging", "住宿", people, "person-night", rates.lodgingPerPersonNight.value,
                    rates.lodgingPerPersonNight.source, day: d)
            }
            add(
                .insurance, "Accident insurance", "意外保险", people, "person-day", rates.insurancePerPersonDay.value,
                rates.insurancePerPersonDay.source, day: d)
            add(
                .guides, "Guides", "导游（研学导师）", Double(group.guides), "guide-day", rates.guidePerDay.value,
                rates.guidePerDay.source, day: d)
        }
        let total = items.reduce(0) { $0 + cents($1.amountCNY) }
        let perDay = plan.days.map { day in
            fen(items.filter { $0.day == day.index }.reduce(0) { $0 + cents($1.amountCNY) })
        }
        return CostEstimate(
            items: items, totalCNY: fen(total),
            perStudentCNY: group.students > 0 ? fen(Int((Double(total) / Double(group.students)).rounded(.up))) : 0,
            unknownPrices: unknown, pricedSites: seen.count, perDayCNY: perDay)
    }
}
