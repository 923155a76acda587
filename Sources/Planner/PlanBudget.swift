import Foundation
import Itinerary
import SiteStore

/// Planning within `budget_per_student`.
///
/// The costs that do not depend on which sites are visited — coaches by the day, meals, nights,
/// insurance, guides, and the kilometres of the days without visits — are known once the
/// nights are: the budget less them is what tickets may cost. Tickets are a resource of each
/// visit (`Job.cost`) the solver keeps within that (`Problem.maxTotalCost`), maximising the
/// score. Visits also add kilometres, which the coach hire charges beyond an included distance
/// a day; a plan over the budget because of them is solved again with that much less for
/// tickets, and, if free sites' kilometres alone pass it, the least valuable visits are left
/// out until it fits. Sites whose ticket price is unknown are not planned unless named.
enum PlanBudget {
    /// What the whole group's tickets cost at a site, in fen: pupils at the student price (the
    /// full price if no student price is known: an upper bound), staff at the full price; nil
    /// if no price is known.
    static func ticketCents(_ siteID: String, _ group: Group, _ prices: [String: TicketPrice]) -> Int? {
        guard let p = prices[siteID], let adult = p.adultCNY else { return nil }
        let students = Double(group.students) * (p.studentCNY ?? adult), staff = Double(group.staff) * adult
        return CostEstimate.cents(students) + CostEstimate.cents(staff)
    }

    /// The trip's costs with no visit at all: each day from its start to its end, with lunch.
    static func fixedCosts(_ model: TripModel, nights: [Int]) -> CostEstimate? {
        let r = model.request
        guard let group = r.group else { return nil }
        let places = model.placed.places
        let days = (0..<r.days).map { d -> TripItinerary.Day in
            let a = d == 0 ? 0 : nights[d - 1], b = d == r.days - 1 ? 1 : nights[d]
            func stop(_ kind: TripItinerary.StopKind, _ p: Int, leg: TripItinerary.Leg?) -> TripItinerary.Stop {
                .init(
                    kind: kind, siteID: nil, nameZh: nil, nameEn: nil, label: places[p].label,
                    longitude: places[p].longitude, latitude: places[p].latitude, arrive: d * 86_400,
                    depart: d * 86_400, waiting: 0, leg: leg, score: nil)
            }
            let leg = TripItinerary.Leg(
                durationS: Double(model.travel.durations[a][b]), distanceM: Double(model.travel.distances[a][b]),
                coordinates: [], rests: 0)
            let lunch = r.lunch.map { _ in [stop(.lunch, a, leg: nil)] } ?? []
            return .init(
                index: d, date: r.firstDate.adding(days: d),
                stops: [stop(.start, a, leg: nil)] + lunch + [stop(.end, b, leg: leg)])
        }
        let skeleton = TripItinerary(
            profile: r.profile, firstDate: r.firstDate, days: days, score: 0, skipped: [], assumptions: [])
        let seats = r.coachSeats ?? r.rules.group.coachSeats.value
        let coaches = r.profile == "coach" ? Group.coaches(people: group.people, seats: seats) : nil
        return CostEstimate.estimate(skeleton, group: group, coaches: coaches, rates: r.rules.costs, prices: [:])
    }

    /// The whole group's budget in fen.
    static func limit(_ r: PlanRequest) -> Int? {
        guard let budget = r.budgetPerStudent, let group = r.group else { return nil }
        return CostEstimate.cents(budget) * group.students
    }

    /// What tickets may cost for these nights; throws, naming the least budget that works,
    /// when the fixed costs and the must-visits' tickets alone pass it.
    static func ticketAllowance(_ model: TripModel, nights: [Int]) throws -> Int? {
        let r = model.request
        guard let limit = limit(r), let group = r.group, let fixed = fixedCosts(model, nights: nights) else {
            return nil
        }
        let must = model.jobs.jobs.filter(\.mandatory).reduce(0) { $0 + $1.cost }
        let needed = CostEstimate.cents(fixed.totalCNY) + must
        guard needed <= limit else {
            let perStudent = CostEstimate.fen(Int((Double(needed) / Double(group.students)).rounded(.up)))
            var items = fixed.byKind.map { "\($0.kind.rawValue) \(TripItinerary.cny($0.amountCNY))" }
            if must > 0 { items.append("must-visit tickets \(TripItinerary.cny(CostEstimate.fen(must)))") }
            throw PlanError(
                "«budget_per_student» \(TripItinerary.cny(r.budgetPerStudent!)) CNY is below the fixed costs: "
                    + "\(items.joined(separator: ", ")) "
                    + "CNY for \(group.students) pupils; the budget must be at least "
                    + "\(TripItinerary.cny(perStudent)) CNY per pupil (rates: Config/costs.yaml)")
        }
        return limit - needed
    }

    /// Leaves out the least valuable visits (lowest score first) until the plan's costs fit
    /// the budget; each removal is re-checked by the solver's checker.
    static func dropUntilWithin(
        _ model: TripModel, _ solved: SolvedTrip, cost: (SolvedTrip) throws -> Int, limit: Int
    ) throws -> SolvedTrip {
        var solved = solved
        while try cost(solved) > limit {
            let visited = solved.solution.routes.enumerated().flatMap { r, stops in
                stops.enumerated().compactMap { i, stop -> (r: Int, i: Int, job: Int)? in
                    guard case let .job(j) = stop, !model.jobs.jobs[j].mandatory else { return nil }
                    return (r, i, j)
                }
            }.sorted { (model.jobs.jobs[$0.job].priority, -$0.job) < (model.jobs.jobs[$1.job].priority, -$1.job) }
            var removed = false
            for v in visited {
                var trial = solved.solution
                trial.routes[v.r].remove(at: v.i)
                if Checker.violations(solved.problem, trial).isEmpty {
                    solved.solution = trial; removed = true; break
                }
            }
            guard removed else {
                throw PlanError("no plan keeps «budget_per_student»: the kilometres of the must-visits pass it")
            }
        }
        return solved
    }
}
