import ArgumentParser
import Foundation
import Planner
import Service
import SiteStore
import Words

/// Which stored layer a command works on; `routes` and `tours` share every subcommand.
protocol StoredLayer {
    static var layer: RouteRecord.Layer { get }
}
enum RoutesLayer: StoredLayer { static let layer = RouteRecord.Layer.routes }
enum ToursLayer: StoredLayer { static let layer = RouteRecord.Layer.tours }

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
        subcommands: [
            StoredList<RoutesLayer>.self, StoredShow<RoutesLayer>.self, StoredEvaluate<RoutesLayer>.self,
            StoredOptimize<RoutesLayer>.self
        ]
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
        subcommands: [
            StoredList<ToursLayer>.self, StoredShow<ToursLayer>.self, StoredEvaluate<ToursLayer>.self,
            StoredOptimize<ToursLayer>.self
        ]
    )
}

struct StoredList<L: StoredLayer>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List the stored \(L.layer.rawValue).")
    }
    @OptionGroup var store: StoreOptions
    func run() throws {
        for r in try store.open().storedRoutes(L.layer) {
            print(
                "\(r.id.padding(toLength: 30, withPad: " ", startingAt: 0)) \(r.kind.padding(toLength: 14, withPad: " ", startingAt: 0)) \(r.days) day(s)  \(r.stops.count) stops  \(r.nameZh ?? "") \(r.nameEn.map { "/ \($0)" } ?? "")\(r.example ? "  [example]" : "")"
            )
        }
    }
}

struct StoredShow<L: StoredLayer>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "show", abstract: "Show one stored \(L.layer.noun) and its stops.")
    }
    @OptionGroup var store: StoreOptions
    @Argument(help: "Its id (the file name in Routes/ without .yaml).") var id: String
    @Option(help: "text or geojson.") var format = "text"
    func run() throws {
        let workspace = try store.open()
        let r = try workspace.storedRoute(L.layer, id: id)
        if format == "geojson" {
            print(StoredRouteFormats.render([r], sites: try workspace.sitesByID(), format: .geojson), terminator: "")
            return
        }
        var out =
            "\(r.nameZh ?? r.id)\(r.nameEn.map { " — \($0)" } ?? "")\n\(r.kind), \(r.audience ?? "general"), \(r.days) day(s), from \(r.start)\(r.example ? "; an example, not an official \(L.layer.noun)" : "")\n"
        for s in r.stops {
            let site = try workspace.store.site(id: s.site)
            out +=
                "  day \(s.day)  \(site?.nameZh ?? s.site)  \(s.stayMinutes.map { "\($0) min" } ?? "")\(s.note.map { "  — \($0)" } ?? "")\n"
        }
        if let notes = r.notes { out += "Notes: \(notes)\n" }
        out += "Source: \(r.source)\n"
        print(out, terminator: "")
    }
}

/// Options shared by evaluate and optimize.
struct StoredPlanOptions: ParsableArguments {
    @Option(help: "First day, YYYY-MM-DD.") var date: String
    @Option(help: "car, coach or walk.") var profile = "coach"
    @Option(help: "text, json, geojson, gpx, kml, md or ics.") var format: PlanFormat = .text
    @Option(help: "Write to this file (format from the extension; repeatable).") var out: [String] = []
    @Option(help: "Language of every text (the schedule, notes, rules broken, errors): zh or en.") var lang:
        PlanLanguage = .en

    func emit(_ plan: TripItinerary) throws {
        let voice = cliVoice(lang)
        for path in out {
            guard let f = PlanFormat(fileName: path) else {
                throw ValidationError("cannot tell the format from \(path)")
            }
            try write(plan.render(f, voice: voice), to: path)
            note("wrote \(path)")
        }
        print(plan.render(format, voice: voice), terminator: "")
    }
}

struct StoredEvaluate<L: StoredLayer>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "evaluate",
            abstract: "Drive a stored \(L.layer.noun) as written on a date; name every rule it breaks (exit 2 if any).")
    }
    @OptionGroup var store: StoreOptions
    @Argument(help: "Its id.") var id: String
    @OptionGroup var options: StoredPlanOptions
    func run() throws {
        let (plan, violations) = try store.open().evaluateStored(
            L.layer, id: id, date: options.date, profile: options.profile)
        try options.emit(plan)
        let lang = options.lang
        if violations.isEmpty {
            note(
                "\(id): "
                    + ItineraryText.everyRuleKept(date: options.date, drivingRule: options.profile == "coach").text(
                        lang))
        } else {
            for v in violations { note("\(id): \(v.said(lang))") }
            throw ExitCode(2)
        }
    }
}

struct StoredOptimize<L: StoredLayer>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "optimize",
            abstract: "The best order and days for the same stops of a stored \(L.layer.noun), on a date.")
    }
    @OptionGroup var store: StoreOptions
    @Argument(help: "Its id.") var id: String
    @OptionGroup var options: StoredPlanOptions
    func run() throws {
        let (asWritten, broken, better, stops) = try store.open().optimizeStored(
            L.layer, id: id, date: options.date, profile: options.profile)
        let drive = { (p: TripItinerary) in p.days.reduce(0.0) { $0 + $1.drivingS } }
        let compared = ItineraryText.comparedWithWritten(
            broken: broken.count, drivingS: drive(asWritten), kept: better.days.reduce(0) { $0 + $1.visits.count },
            of: stops, optimizedDrivingS: drive(better))
        note("\(id): " + compared.text(options.lang))
        try options.emit(better)
    }
}
