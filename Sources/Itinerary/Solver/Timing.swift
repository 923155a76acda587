import Foundation

/// Route timing: windows, service, the O(n) refresh of the timing caches and insertion checks.
extension Search {

    func window(_ stop: Int, vehicle v: Int) -> [TimeWindow] {
        stop >= 0 ? problem.jobs[stop].windows : problem.vehicles[v].breaks[-stop - 1].windows
    }

    func service(_ stop: Int, vehicle v: Int) -> Int {
        stop >= 0 ? problem.jobs[stop].service : problem.vehicles[v].breaks[-stop - 1].service
    }

    /// Recomputes a route's timing caches in O(n).
    func refresh(_ route: inout Route, vehicle v: Int) {
        let vehicle = problem.vehicles[v]
        let n = route.stops.count
        route.arrival = Array(repeating: 0, count: n)
        route.start = Array(repeating: 0, count: n)
        route.wait = Array(repeating: 0, count: n)
        route.maxShift = Array(repeating: 0, count: n)
        route.hasBreaks = false
        route.hasLocatedBreaks = false
        route.feasible = true
        var time = vehicle.window.open
        var location = vehicle.start
        var travel = 0
        var closes = Array(repeating: 0, count: n)
        for (i, stop) in route.stops.enumerated() {
            var arrival = time
            if stop >= 0 {
                let loc = problem.jobs[stop].location
                if let from = location { let leg = problem.travel(from, loc); arrival += leg; travel += leg }
                location = loc
            } else {
                route.hasBreaks = true
                let brk = vehicle.breaks[-stop - 1]
                if !brk.locations.isEmpty {
                    route.hasLocatedBreaks = true
                    // A located break (lunch at a place to eat): travel there first.
                    let next =
                        route.stops[(i + 1)...].first { $0 >= 0 }.map { problem.jobs[$0].location } ?? vehicle.end
                    let place = brk.place(from: location, next: next, in: problem)!
                    if let from = location { let leg = problem.travel(from, place); arrival += leg; travel += leg }
                    location = place
                }
            }
            let windows = window(stop, vehicle: v)
            let w = windows.first { $0.close >= arrival } ?? windows[windows.count - 1]
            if w.close < arrival { route.feasible = false }
            let start = max(arrival, w.open)
            route.arrival[i] = arrival
            route.start[i] = start
            route.wait[i] = start - arrival
            closes[i] = w.close
            time = start + service(stop, vehicle: v)
        }
        if let from = location, let to = vehicle.end { let leg = problem.travel(from, to); time += leg; travel += leg }
        route.endArrival = time
        route.travel = travel
        if time > vehicle.window.close { route.feasible = false }
        if let limit = vehicle.maxTravelTime, travel > limit { route.feasible = false }
        if let limit = vehicle.maxJobs, route.stops.lazy.filter({ $0 >= 0 }).count > limit { route.feasible = false }
        var nextSlack = vehicle.window.close - time // wait (0) + maxShift of the end
        for i in stride(from: n - 1, through: 0, by: -1) {
            route.maxShift[i] = min(closes[i] - route.start[i], nextSlack)
            nextSlack = route.wait[i] + route.maxShift[i]
        }
    }

    /// Travel added by putting job j at position p (p = 0…count), or nil if it does not fit;
    /// O(1) from the caches for break-free routes, otherwise by evaluating a copy.
    func insertion(_ route: Route, vehicle v: Int, job j: Int, at p: Int) -> Int? {
        insertionCost(route, vehicle: v, job: j, at: p)?.travel
    }

    /// Travel added and time consumed (the shift: travel, waiting and service the visit adds
    /// before the next stop) by putting job j at position p. Unlocated breaks (taken where the
    /// vehicle is) add no travel, so the detour is between the neighbouring jobs either way.
    func insertionCost(_ route: Route, vehicle v: Int, job j: Int, at p: Int) -> (travel: Int, shift: Int)? {
        let vehicle = problem.vehicles[v]
        let job = problem.jobs[j]
        if let limit = vehicle.maxJobs, route.stops.lazy.filter({ $0 >= 0 }).count >= limit { return nil }
        if route.hasLocatedBreaks {
            var trial = route
            trial.stops.insert(j, at: p)
            refresh(&trial, vehicle: v)
            return trial.feasible
                ? (trial.travel - route.travel, max(0, trial.endArrival - route.endArrival) + job.service) : nil
        }
        let stops = route.stops
        let prevLoc = placeNear(stops, p - 1, vehicle: v, forward: false)
        let nextLoc = placeNear(stops, p, vehicle: v, forward: true)
        let toJob = prevLoc.map { problem.travel($0, job.location) } ?? 0
        let fromJob = nextLoc.map { problem.travel(job.location, $0) } ?? 0
        let direct = (prevLoc != nil && nextLoc != nil) ? problem.travel(prevLoc!, nextLoc!) : 0
        let delta = toJob + fromJob - direct
        if let limit = vehicle.maxTravelTime, route.travel + delta > limit { return nil }
        let depart = p == 0 ? vehicle.window.open : route.start[p - 1] + service(stops[p - 1], vehicle: v)
        let arrival = depart + toJob
        guard let w = job.windows.first(where: { $0.close >= arrival }) else { return nil }
        let leave = max(arrival, w.open) + job.service
        let cost = (delta, leave + fromJob - depart - direct)
        if route.hasBreaks {
            return fitsAfter(route, vehicle: v, insertedAt: p, leaving: leave, from: job.location) ? cost : nil
        }
        // No breaks: O(1) from the forward slack ("max shift") of the stop that follows.
        let shift = leave + fromJob - (p == stops.count ? route.endArrival : route.arrival[p])
        if shift > 0 {
            let slack = p == stops.count ? vehicle.window.close - route.endArrival : route.wait[p] + route.maxShift[p]
            if shift > slack { return nil }
        }
        return cost
    }

    /// Whether the stops from p on still keep their windows and the day's end when the vehicle
    /// leaves `location` at `leave` before them. Breaks sit in the route, so the forward slack of
    /// one stop does not cover the next job's extra travel; instead the day is re-timed from p
    /// only until a job starts exactly as before (usually a few stops: the lunch window or a
    /// site's opening absorbs the shift). Copying and re-timing the whole day per candidate was
    /// 80 % of a 5-day plan's solve.
    func fitsAfter(_ route: Route, vehicle v: Int, insertedAt p: Int, leaving leave: Int, from location: Int) -> Bool {
        let stops = route.stops
        var time = leave
        var location = location
        for i in p..<stops.count {
            let stop = stops[i]
            var at = time
            if stop >= 0 {
                let here = problem.jobs[stop].location
                at += problem.travel(location, here)
                location = here
            }
            guard let open = window(stop, vehicle: v).first(where: { $0.close >= at }) else { return false }
            let start = max(at, open.open)
            // Same start at a job (same place): the rest of the day is as it was.
            if stop >= 0 && start == route.start[i] { return true }
            time = start + service(stop, vehicle: v)
        }
        if let end = problem.vehicles[v].end { time += problem.travel(location, end) }
        return time <= problem.vehicles[v].window.close
    }
}
