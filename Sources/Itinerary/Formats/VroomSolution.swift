import Foundation
import GeoCore

/// VROOM's solution document (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md#output)
/// as typed values, timed from scratch by `Checker.schedule`, written as compact JSON with
/// sorted keys. Members VROOM readers do not know are ours: `hotel_selection`, `warnings`.
public struct VroomSolution: Sendable {
    public struct Step: Sendable, Equatable {
        public var type: RouteSchedule.Step.Kind
        public var id: Int?
        public var locationIndex: Int?
        public var location: [Double]?
        public var arrival: Int
        /// Travel so far (VROOM's step `duration`).
        public var duration: Int
        public var service: Int
        public var waitingTime: Int
        public var distance: Int?
    }

    public struct Route: Sendable, Equatable {
        public var vehicle: Int
        public var cost: Int
        public var service: Int
        public var duration: Int
        public var waitingTime: Int
        public var priority: Int
        public var distance: Int?
        public var steps: [Step]
    }

    public struct Unassigned: Sendable, Equatable {
        public var id: Int
        public var locationIndex: Int
        public var location: [Double]?
    }

    public struct Summary: Sendable, Equatable {
        public var cost = 0, routes = 0, unassigned = 0, service = 0, duration = 0, waitingTime = 0, priority = 0
        public var distance: Int?
        /// Milliseconds spent reading the problem and solving it.
        public var loading = 0, solving = 0
    }

    public var summary = Summary()
    public var unassigned: [Unassigned] = []
    public var routes: [Route] = []
    /// Our extension: the nights chosen by hotel selection.
    public var hotelSelection: HotelSelectionAnswer?
    /// Our extension: what a reader should know (keys ignored, where travel times came from).
    public var warnings: [String] = []

    /// The document for `solution`; routes the checker refuses are left out (the caller has
    /// checked the solution before).
    public init(
        _ problem: Problem, _ solution: Solution, coordinates: [[Double]]? = nil,
        computingMilliseconds: (loading: Int, solving: Int) = (0, 0)
    ) {
        let distances = problem.distances != nil
        summary.loading = computingMilliseconds.loading
        summary.solving = computingMilliseconds.solving
        if distances { summary.distance = 0 }
        for (v, stops) in solution.routes.enumerated() where !stops.isEmpty {
            guard case let .success(schedule) = Checker.schedule(problem, vehicle: v, stops: stops) else { continue }
            let priority = stops.reduce(0) { if case let .job(j) = $1 { $0 + problem.jobs[j].priority } else { $0 } }
            let steps = schedule.steps.map { step in
                Step(
                    type: step.kind, id: step.id, locationIndex: step.location,
                    location: step.location.flatMap { coordinates?[$0] }, arrival: step.arrival,
                    duration: step.travelSoFar, service: step.service, waitingTime: step.waiting,
                    distance: distances ? step.distanceSoFar : nil)
            }
            routes.append(
                Route(
                    vehicle: problem.vehicles[v].id, cost: schedule.travel, service: schedule.service,
                    duration: schedule.travel, waitingTime: schedule.waiting, priority: priority,
                    distance: distances ? schedule.distance : nil, steps: steps))
            summary.cost += schedule.travel; summary.service += schedule.service
            summary.duration += schedule.travel; summary.waitingTime += schedule.waiting
            summary.priority += priority
            if distances { summary.distance! += schedule.distance }
        }
        unassigned = solution.unassigned(in: problem).map { j in
            let location = problem.jobs[j].location
            return Unassigned(id: problem.jobs[j].id, locationIndex: location, location: coordinates?[location])
        }
        summary.routes = routes.count
        summary.unassigned = unassigned.count
    }

    /// Compact JSON, keys sorted at every level.
    public var text: String { JSONWriter.string(jsonValue) }

    public var jsonValue: JSONValue {
        var doc: [(String, JSONValue)] = [
            ("code", 0), ("routes", .array(routes.map(\.jsonValue))), ("summary", summary.jsonValue),
            ("unassigned", .array(unassigned.map(\.jsonValue)))
        ]
        if let hotelSelection { doc.append(("hotel_selection", hotelSelection.jsonValue)) }
        if !warnings.isEmpty { doc.append(("warnings", .array(warnings.map { .string($0) }))) }
        return .sorted(doc)
    }
}

extension VroomSolution.Step {
    var jsonValue: JSONValue {
        var o: [(String, JSONValue)] = [
            ("type", .string(type.rawValue)), ("arrival", .int(arrival)), ("duration", .int(duration)),
            ("setup", 0), ("service", .int(service)), ("waiting_time", .int(waitingTime))
        ]
        if let id { o.append(("id", .int(id))) }
        if let locationIndex { o.append(("location_index", .int(locationIndex))) }
        if let location { o.append(("location", .array(location.map { .number($0) }))) }
        if let distance { o.append(("distance", .int(distance))) }
        return .sorted(o)
    }
}

extension VroomSolution.Route {
    var jsonValue: JSONValue {
        var o: [(String, JSONValue)] = [
            ("vehicle", .int(vehicle)), ("cost", .int(cost)), ("setup", 0), ("service", .int(service)),
            ("duration", .int(duration)), ("waiting_time", .int(waitingTime)), ("priority", .int(priority)),
            ("steps", .array(steps.map(\.jsonValue)))
        ]
        if let distance { o.append(("distance", .int(distance))) }
        return .sorted(o)
    }
}

extension VroomSolution.Unassigned {
    var jsonValue: JSONValue {
        var o: [(String, JSONValue)] = [("id", .int(id)), ("type", "job"), ("location_index", .int(locationIndex))]
        if let location { o.append(("location", .array(location.map { .number($0) }))) }
        return .sorted(o)
    }
}

extension VroomSolution.Summary {
    var jsonValue: JSONValue {
        var o: [(String, JSONValue)] = [
            ("cost", .int(cost)), ("routes", .int(routes)), ("unassigned", .int(unassigned)), ("setup", 0),
            ("service", .int(service)), ("duration", .int(duration)), ("waiting_time", .int(waitingTime)),
            ("priority", .int(priority)), ("violations", .array([])),
            ("computing_times", .sorted([("loading", .int(loading)), ("solving", .int(solving)), ("routing", 0)]))
        ]
        if let distance { o.append(("distance", .int(distance))) }
        return .sorted(o)
    }
}

extension JSONValue {
    static func int(_ n: Int) -> JSONValue { .number(Double(n)) }

    /// An object with its members sorted by key (the solution's keys are unique).
    static func sorted(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.sorted { $0.0 < $1.0 }))
    }
}
