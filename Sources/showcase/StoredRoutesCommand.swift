import ArgumentParser
import Foundation
import GeoCore
import OpeningHours
import SiteStore
import TripPlanner

/// Which stored layer a command works on; `routes` and `tours` share every subcommand.
protocol StoredLayer {
    static var layer: RouteRecord.Layer { get }
    static var noun: String { get }
}
enum RoutesLayer: StoredLayer { static let layer = RouteRecord.Layer.routes; static let noun = "route" }
enum ToursLayer: StoredLayer { static let layer = RouteRecord.Layer.tours; static let noun = "tour" }

struct RoutesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Stored heritage routes (Routes/*.yaml of kind heritage): list, show, evaluate, optimize.",
        discussion: """
            Examples:
              showcase routes list
              showcase routes evaluate hohhot-temples --date 2026-06-01
              showcase routes optimize baotou-heritage --date 2026-06-02 --out better.geojson
            """,
        subcommands: [StoredList<RoutesLayer>.self, StoredShow<RoutesLayer>.self, StoredEvaluate<RoutesLayer>.self, StoredOptimize<RoutesLayer>.self]
    )
}

struct ToursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tours",
        abstract: "Stored study and red-education tours (Routes/*.yaml): list, show, evaluate, optimize.",
        discussion: """
            Examples:
              showcase tours list
              showcase tours evaluate hohhot-museums-study --date 2026-06-01   # a Monday: museums closed
            """,
        subcommands: [StoredList<ToursLayer>.self, StoredShow<ToursLayer>.self, StoredEvaluate<ToursLayer>.self, StoredOptimize<ToursLayer>.self]
    )
}

func loadStored<L: StoredLayer>(_: L.Type, id: String, store: SiteStore) throws -> RouteRecord {
    guard let r = try store.storedRoute(L.layer, id: id) else {
        let ids = try store.storedRoutes(L.layer).map(\.id)
        throw InputError(source: id, line: nil, reason: "no such \(L.noun); stored \(L.layer.rawValue): \(ids.joined(separator: ", "))")
    }
    return r
}

struct StoredList<L: StoredLayer>: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "list", abstract: "List the stored \(L.layer.rawValue).") }
    @OptionGroup var store: StoreOptions
    func run() throws {
        for r in try store.open().storedRoutes(L.layer) {
            print("\(r.id.padding(toLength: 30, withPad: " ", startingAt: 0)) \(r.kind.padding(toLength: 14, withPad: " ", startingAt: 0)) \(r.days) day(s)  \(r.stops.count) stops  \(r.nameZh ?? "") \(r.nameEn.map { "/ \($0)" } ?? "")\(r.example ? "  [example]" : "")")
        }
    }
}

struct StoredShow<L: StoredLayer>: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "show", abstract: "Show one stored \(L.noun) and its stops.") }
    @OptionGroup var store: StoreOptions
    @Argument(help: "Its id (the file name in Routes/ without .yaml).") var id: String
    @Option(help: "text or geojson.") var format = "text"
    func run() throws {
        let db = try store.open()
        let r = try loadStored(L.self, id: id, store: db)
        if format == "geojson" {
            let sites = Dictionary(uniqueKeysWithValues: try db.sites().map { ($0.id, $0) })
            print(StoredRouteFormats.render([r], sites: sites, format: .geojson), terminator: "")
            return
        }
        var out = "\(r.nameZh ?? r.id)\(r.nameEn.map { " — \($0)" } ?? "")\n\(r.kind), \(r.audience ?? "general"), \(r.days) day(s), from \(r.start)\(r.example ? "; an example, not an official \(L.noun)" : "")\n"
        for s in r.stops {
            let site = try db.site(id: s.site)
            out += "  day \(s.day)  \(site?.nameZh ?? s.site)  \(s.stayMinutes.map { "\($0) min" } ?? "")\(s.note.map { "  — \($0)" } ?? "")\n"
        }
        if let notes = r.notes { out += "Notes: \(notes)\n" }
        print(out, terminator: "")
    }
}

/// Options shared by evaluate and optimize.
struct StoredPlanOptions: ParsableArguments {
    @Option(help: "First day, YYYY-MM-DD.") var date: String
    @Option(help: "car, coach or walk.") var profile = "coach"
    @Option(help: "text, json, geojson, gpx, kml or md.") var format = "text"
    @Option(help: "Write to this file (format from the extension; repeatable).") var out: [String] = []
    @Option(help: "zh or en for md.") var lang = "en"

    /// The stored route `id` of layer `L`, an evaluator on its profile's graph, and the request it implies.
    func prepare<L: StoredLayer>(_: L.Type, id: String, store: StoreOptions) throws -> (RouteEvaluator, RouteRecord, PlanRequest) {
        guard let d = LocalDate(iso: date) else { throw ValidationError("--date must be YYYY-MM-DD (got \"\(date)\")") }
        let planner = try makePlanner(try store.open(), data: store.data, profile: profile)
        let route = try loadStored(L.self, id: id, store: planner.store)
        let evaluator = RouteEvaluator(planner: planner)
        return (evaluator, route, try evaluator.request(for: route, date: d, profile: profile))
    }

    func emit(_ plan: TripItinerary) throws {
        guard let f = PlanFormat(rawValue: format), let language = PlanLanguage(rawValue: lang) else { throw ValidationError("--format or --lang not understood") }
        for path in out {
            guard let ff = PlanFormat(fileName: path) else { throw ValidationError("cannot tell the format from \(path)") }
            try plan.render(ff, language: language).write(toFile: path, atomically: true, encoding: .utf8)
            note("wrote \(path)")
        }
        print(plan.render(f, language: language), terminator: "")
    }
}

/// A planner on the opened database: its graph for `profile` and the shipped holiday calendar.
func makePlanner(_ db: SiteStore, data: String?, profile: String) throws -> TripPlanner {
    let shipped = try ShippedData.locate(explicit: data)
    let holidays = try HolidayCalendar.load(path: shipped.root.appendingPathComponent("Config/holidays-cn.json").path)
    return TripPlanner(store: db, graph: try loadGraph(db, profile: profile), holidays: holidays)
}

struct StoredEvaluate<L: StoredLayer>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "evaluate", abstract: "Drive a stored \(L.noun) as written on a date; name every rule it breaks (exit 2 if any).")
    }
    @OptionGroup var store: StoreOptions
    @Argument(help: "Its id.") var id: String
    @OptionGroup var options: StoredPlanOptions
    func run() throws {
        let (evaluator, r, request) = try options.prepare(L.self, id: id, store: store)
        let (plan, violations) = try evaluator.evaluate(r, request: request)
        try options.emit(plan)
        if violations.isEmpty {
            note("\(id): every rule kept on \(options.date) (hours, lunch, day window\(options.profile == "coach" ? ", driving rule" : ""))")
        } else {
            for v in violations { note("\(id): \(v)") }
            throw ExitCode(2)
        }
    }
}

struct StoredOptimize<L: StoredLayer>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "optimize", abstract: "The best order and days for the same stops of a stored \(L.noun), on a date.")
    }
    @OptionGroup var store: StoreOptions
    @Argument(help: "Its id.") var id: String
    @OptionGroup var options: StoredPlanOptions
    func run() throws {
        let (evaluator, r, request) = try options.prepare(L.self, id: id, store: store)
        let (asWritten, broken) = try evaluator.evaluate(r, request: request)
        let better = try evaluator.optimize(r, request: request)
        let drive = { (p: TripItinerary) in p.days.reduce(0.0) { $0 + $1.drivingS } }
        note(String(format: "%@ as written: %d rule(s) broken, %.0f min driving; optimized: %d of %d stops, %.0f min driving", id,
                    broken.count, drive(asWritten) / 60, better.days.reduce(0) { $0 + $1.visits.count }, r.stops.count, drive(better) / 60))
        try options.emit(better)
    }
}

/// Reads every Routes/*.yaml, resolves its line (base → stops in order → base) and stores them.
func loadShippedRoutes(_ shipped: ShippedData, into store: SiteStore) throws -> Int {
    let dir = shipped.root.appendingPathComponent("Routes")
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    let sites = Dictionary(uniqueKeysWithValues: try store.sites().map { ($0.id, $0) })
    var records: [RouteRecord] = []
    for file in files {
        let path = dir.appendingPathComponent(file).path
        let (_, text) = try readText(path)
        var r = try RouteFile.parse(text, id: String(file.dropLast(5)), source: "Routes/\(file)")
        let base = try PlaceResolver.resolve(r.start, in: store)
        var line = [Position(try Coordinate(longitude: base.longitude, latitude: base.latitude))]
        for s in r.stops {
            guard let site = sites[s.site] else { throw InputError(source: "Routes/\(file)", line: nil, reason: "unknown site \"\(s.site)\"") }
            line.append(Position(site.coordinate))
        }
        line.append(line[0])
        r.line = line
        records.append(r)
    }
    try store.replaceStoredRoutes(records, asOf: try shipped.asOf())
    return records.count
}
