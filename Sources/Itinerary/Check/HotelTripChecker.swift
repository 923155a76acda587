import Foundation

/// The check of a chosen trip (`HotelSelection`'s answer), sharing nothing with the search: the
/// nights here (the trip runs from its start to its end in its days, each night at a candidate,
/// the start or the end), the days by `Checker` on the day problem of those nights (windows,
/// each day's limits, the total travel). The days are chained by construction there: day d
/// starts where day d − 1 ended.
public enum HotelTripChecker {
    /// What is wrong with the trip, first problem first; empty when it is feasible.
    public static func violations(_ trip: HotelTripProblem, _ found: HotelTripSolution) -> [String] {
        guard found.hotels.count == trip.days.count + 1, found.hotels.first == trip.start,
            found.hotels.last == trip.end
        else {
            return ["the trip does not run from its start to its end in \(trip.days.count) days"]
        }
        let allowed = Set(trip.hotels + [trip.start, trip.end])
        if let night = found.hotels.dropFirst().dropLast().first(where: { !allowed.contains($0) }) {
            return ["night at \(night), not a candidate"]
        }
        let problem: Problem
        do { problem = try trip.dayProblem(found.hotels) } catch {
            return ["the nights make a day impossible: \(error)"]
        }
        return Checker.violations(problem, found.solution).map { "\($0)" }
    }
}
