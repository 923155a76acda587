import Foundation
import Itinerary
import OpeningHours
import RoadGraph
import SiteStore
import Planner

// Plan benchmark: `showcase plan` from Hohhot for 1…5 days on a database's sites, timing the
// whole plan (locating, candidate pruning, matrix, solve, legs) and writing the exact problem
// the solver got as VROOM JSON, so VROOM can be run on the same matrix with the same time.
//
// Usage: PlanBench DB CONFIG_DIR OUTDIR LABEL SECONDS

let args = CommandLine.arguments
guard args.count == 6, let seconds = Double(args[5]) else {
    fatalError("usage: PlanBench DB CONFIG_DIR OUTDIR LABEL SECONDS")
}
let store = try SiteStore(path: args[1])
let holidays = try HolidayCalendar.load(path: args[2] + "/holidays-cn.json")
let outDir = URL(fileURLWithPath: args[3])
try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
let label = args[4]
let graph = try CompiledGraph(decoding: try store.roadGraph(profile: "car")!.bytes)
let planner = TripPlanner(store: store, graph: graph, holidays: holidays)
let start = try PlaceResolver.resolve("Hohhot", in: store)
let candidates = try store.sites().count
for days in 1...5 {
    var r = PlanRequest(start: start, firstDate: LocalDate(year: 2026, month: 6, day: 2)!, profile: "car")
    r.days = days
    r.timeLimit = seconds
    var problem: Problem?
    let t0 = DispatchTime.now().uptimeNanoseconds
    let plan = try planner.plan(r) { problem = $0 }
    let total = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    let file = outDir.appendingPathComponent("\(label)-\(days)d.json")
    try Data(VroomProblem.text(problem!).utf8).write(to: file)
    let visits = plan.days.reduce(0) { $0 + $1.visits.count }
    print(
        "\(label)\t\(candidates)\t\(days)\t\(problem!.jobs.count)\t\(String(format: "%.2f", total))\t\(plan.score)\t\(visits)\t\(file.path)"
    )
}
