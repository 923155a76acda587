import Foundation
import GeoCore
import OpeningHours
import Planner

/// A plan and what its reader should know beside it.
public struct PlanOutcome: Sendable {
    public var itinerary: TripItinerary
    public var request: PlanRequest
    /// Notes for the reader (the holiday calendar's reach, a capped time limit).
    public var warnings: [String]
}

extension Workspace {
    /// `showcase plan` and `POST /plan`: a plan file's keys (flags merged in by the CLI) to a
    /// checked itinerary. `PlanChecker` always runs: a plan it refuses is an error, never an answer.
    public func plan(_ spec: PlanSpec) throws -> PlanOutcome {
        if spec.visits != nil {
            throw FieldError(
                "visits", "are for evaluating an arranged itinerary (itinerary evaluate); a plan chooses its visits")
        }
        var warnings: [String] = []
        var request = try spec.request(
            resolve: { try place($0, field: $1) },
            hotelTowns: { try PlaceResolver.hotelTowns(in: store, minPopulation: spec.hotelMinPopulation ?? 100_000) })
        request.rules = try rules()
        if request.timeLimit > limits.solveSeconds {
            warnings.append(
                "time_limit \(request.timeLimit) s is over this service's \(Int(limits.solveSeconds)) s; searching \(Int(limits.solveSeconds)) s"
            )
            request.timeLimit = limits.solveSeconds
        }
        let planner = try planner(request.profile)
        let lastDate = request.firstDate.adding(days: request.days - 1), holidays = try holidays()
        if !holidays.covers(request.firstDate) || !holidays.covers(lastDate) {
            warnings.append(
                "the holiday calendar covers \(holidays.years.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "no years"); PH rules are not applied outside it"
            )
        }
        let itinerary = try planner.plan(request)
        try check(itinerary)
        return PlanOutcome(itinerary: itinerary, request: request, warnings: warnings)
    }

    /// The extra check after the planner's own `PlanChecker` (which `TripPlanner.plan` runs):
    /// a refused plan is our bug, said as such.
    func check(_ itinerary: TripItinerary) throws {
        let violations = extraPlanCheck?(itinerary) ?? []
        guard violations.isEmpty else {
            throw PlanError(
                .internalError, "internal error, the plan breaks a rule: \(violations[0]) (please report the request)")
        }
    }
}
