import Foundation
import Planner

extension Workspace {
    /// `showcase itinerary evaluate` and `POST /itinerary/evaluate`: an itinerary arranged by
    /// hand (a plan file's keys plus `visits`, each day's site ids in order) timed again, with
    /// every rule it breaks in its `violations`. Order and days are kept as given.
    public func evaluate(_ spec: PlanSpec) throws -> TripItinerary {
        guard let visits = spec.visits else {
            throw FieldError("visits", "is missing: list each day's site ids in order")
        }
        if let days = spec.days, days != visits.count {
            throw FieldError("days", "is \(days) but visits lists \(visits.count) day(s)")
        }
        if spec.chooseHotels == true {
            throw FieldError("choose_hotels", "is for plans; an arranged itinerary names its «hotels»")
        }
        var s = spec
        s.days = visits.count
        var request = try s.request(resolve: { try place($0, field: $1) }, hotelTowns: { [] })
        request.rules = try rules()
        return try ItineraryEvaluator(planner: try planner(request.profile)).evaluate(visits, request: request)
    }
}
