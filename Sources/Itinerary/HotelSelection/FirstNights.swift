import Foundation

/// The nights a trip search starts from: the sequence whose days, each valued alone, add up to
/// the most (the pair-value idea of Divsalar et al.'s memetic algorithm, 2014).
extension TripSearch {
    /// `estimates[d][a][b]` (pool positions): what day d alone collects going from pool[a] to
    /// pool[b], by greedy insertion over every site; nil where the day cannot be driven or the
    /// pair lies on no sequence from the start to the end. Days that compete for the same sites
    /// each count them, so a sum over a sequence overrates it; it ranks sequences, no more.
    mutating func dayEstimates() -> [[[Int?]]] {
        let days = trip.days.count, size = pool.count
        // reachable[d][a]: day d can start at pool[a]; finishing[d][a]: from pool[a] at the
        // start of day d the days left can reach the end.
        var reachable = Array(repeating: Array(repeating: false, count: size), count: days + 1)
        reachable[0][slot[trip.start]!] = true
        for d in 0..<days {
            for a in 0..<size where reachable[d][a] {
                for b in 0..<size where drivable[d][a][b] { reachable[d + 1][b] = true }
            }
        }
        var finishing = Array(repeating: Array(repeating: false, count: size), count: days + 1)
        finishing[days][slot[trip.end]!] = true
        for d in stride(from: days - 1, through: 0, by: -1) {
            for a in 0..<size {
                finishing[d][a] = (0..<size).contains { drivable[d][a][$0] && finishing[d + 1][$0] }
            }
        }
        let saved = search.problem.maxTotalTravel
        search.problem.maxTotalTravel = nil
        defer { search.problem.maxTotalTravel = saved }
        var estimates = Array(
            repeating: Array(repeating: [Int?](repeating: nil, count: size), count: size), count: days)
        for d in 0..<days {
            for a in 0..<size where reachable[d][a] && finishing[d][a] {
                for b in 0..<size where drivable[d][a][b] && finishing[d + 1][b] {
                    estimates[d][a][b] = dayAlone(d, from: pool[a], to: pool[b])
                }
            }
        }
        return estimates
    }

    /// What day d collects alone from hotel a to hotel b by greedy insertion.
    mutating func dayAlone(_ d: Int, from a: Int, to b: Int) -> Int {
        search.problem.vehicles[d].start = a
        search.problem.vehicles[d].end = b
        var state = State(
            routes: search.problem.vehicles.map { _ in Route() },
            visited: Array(repeating: false, count: search.jobCount))
        state.routes[d] = search.emptyRoute(vehicle: d)
        state.travel = state.routes[d].travel
        search.recreate(&state, noise: 0, only: [d])
        return state.score
    }

    /// The sequence start, nights, end whose estimates add up to the most (each estimate
    /// scaled by a random factor within ±`noise`, so parallel searches start apart), within
    /// the total travel limit; nil when no sequence of drivable days reaches the end.
    mutating func bestSequence(_ estimates: [[[Int?]]], noise: Double) -> [Int]? {
        let days = trip.days.count, size = pool.count
        var value = Array(repeating: [Double?](repeating: nil, count: size), count: days + 1)
        var from = Array(repeating: Array(repeating: -1, count: size), count: days + 1)
        value[0][slot[trip.start]!] = 0
        for d in 0..<days {
            for a in 0..<size {
                guard let here = value[d][a] else { continue }
                for b in 0..<size {
                    guard let e = estimates[d][a][b] else { continue }
                    let v = here + Double(e) * (noise > 0 ? 1 + noise * (search.rng.nextDouble() * 2 - 1) : 1)
                    if value[d + 1][b] == nil || v > value[d + 1][b]! { value[d + 1][b] = v; from[d + 1][b] = a }
                }
            }
        }
        let end = slot[trip.end]!
        guard value[days][end] != nil else { return nil }
        var sequence = [end]
        for d in stride(from: days, to: 0, by: -1) { sequence.append(from[d][sequence.last!]) }
        let hotels = sequence.reversed().map { pool[$0] }
        if let limit = trip.totalTravelLimit, travel(hotels) > limit { return shortestSequence(estimates) }
        return hotels
    }

    /// The sequence with the least driving hotel to hotel, for a total travel limit the best
    /// estimated one breaks; nil when even that one breaks it.
    func shortestSequence(_ estimates: [[[Int?]]]) -> [Int]? {
        let days = trip.days.count, size = pool.count
        var length = Array(repeating: [Int?](repeating: nil, count: size), count: days + 1)
        var from = Array(repeating: Array(repeating: -1, count: size), count: days + 1)
        length[0][slot[trip.start]!] = 0
        for d in 0..<days {
            for a in 0..<size {
                guard let here = length[d][a] else { continue }
                for b in 0..<size where estimates[d][a][b] != nil {
                    let l = here + trip.durations[pool[a]][pool[b]]
                    if length[d + 1][b] == nil || l < length[d + 1][b]! { length[d + 1][b] = l; from[d + 1][b] = a }
                }
            }
        }
        let end = slot[trip.end]!
        guard let shortest = length[days][end], shortest <= trip.totalTravelLimit ?? .max else { return nil }
        var sequence = [end]
        for d in stride(from: days, to: 0, by: -1) { sequence.append(from[d][sequence.last!]) }
        return sequence.reversed().map { pool[$0] }
    }

    /// Driving hotel to hotel along a sequence, with no visit.
    func travel(_ hotels: [Int]) -> Int {
        zip(hotels, hotels.dropFirst()).reduce(0) { $0 + trip.durations[$1.0][$1.1] }
    }
}
