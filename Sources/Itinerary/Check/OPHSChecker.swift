import Foundation

/// The independent check of an OPHS answer, in floating point on the instance itself (it shares
/// nothing with the search, which works on a scaled integer matrix): the number of trips, the
/// chaining of hotels, each trip's limit and the total, each vertex at most once.
public enum OPHSChecker {
    /// What is wrong with the answer, first problem first; empty when it is feasible.
    public static func violations(_ instance: OPHSInstance, _ answer: OPHSAnswer) -> [String] {
        var found: [String] = []
        let trips = answer.trips
        guard trips.count == instance.tripCount else {
            return ["\(trips.count) trips, the instance has \(instance.tripCount)"]
        }
        var seen = Set<Int>()
        var total = 0.0
        for (d, trip) in trips.enumerated() {
            guard trip.count >= 2 else { found.append("trip \(d + 1) lacks its start or end hotel"); continue }
            guard trip.allSatisfy({ (0..<instance.locationCount).contains($0) }) else {
                found.append("trip \(d + 1) names a location outside the file"); continue
            }
            let first = trip.first!, last = trip.last!
            if d == 0, first != 0 { found.append("trip 1 starts at \(first), not at the start hotel 0") }
            if d > 0, first != trips[d - 1].last {
                found.append("trip \(d + 1) starts at \(first), not where trip \(d) ended")
            }
            if d == trips.count - 1, last != 1 { found.append("the last trip ends at \(last), not at the end hotel 1") }
            if !instance.hotels.contains(last) { found.append("trip \(d + 1) ends at \(last), which is not a hotel") }
            for v in trip.dropFirst().dropLast() {
                if !instance.vertices.contains(v) {
                    found.append("trip \(d + 1) visits \(v), a hotel, between its ends")
                }
                if !seen.insert(v).inserted { found.append("vertex \(v) is visited twice") }
            }
            let length = answer.length(of: d, in: instance)
            total += length
            if length > instance.tripLimits[d] + OPHSInstance.tolerance {
                found.append("trip \(d + 1) is \(length) long, over its limit \(instance.tripLimits[d])")
            }
        }
        if total > instance.totalLimit + OPHSInstance.tolerance {
            found.append("the trips are \(total) long together, over Tmax \(instance.totalLimit)")
        }
        return found
    }
}
