import ArgumentParser
import Foundation
import OpeningHours
import RoadGraph
import SiteStore
import TripPlanner

extension PlanError: UserError {}
extension OpeningHoursError: UserError {}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a trip: which sites, on which day, at what time, on the roads.",
        discussion: """
            Chooses among the shipped (or your) sites the most worthwhile ones that fit: opening \
            hours on each date (public holidays from Config/holidays-cn.json), visit times, the \
            daily window, a lunch break, must-see sites, and for coaches China's driving rule \
            (20 min rest after 4 h at the wheel). Each day starts where the previous night was: \
            back at --start every evening, or at the --hotel of that night.

            Score of a site: 10, + its showcase designation (national 10, autonomous region 6, \
            league 3, banner 1), + 5 for each --theme it has. The plan maximises the score, then \
            minimises driving.

            PLACE is a site id, a town name (呼和浩特 or Hohhot) or lon,lat.

            Examples:
              showcase plan --start Hohhot --date 2026-06-02 --days 3 --profile coach --theme heritage
              showcase plan --start 呼和浩特 --date 2026-06-02 --days 2 --hotel Baotou --out trip.geojson
              showcase plan --start Hohhot --date 2026-06-01 --must im-hhht-inner-mongolia-museum --format md --lang zh
            """
    )
    @OptionGroup var store: StoreOptions
    @Option(help: "Where the trip starts (PLACE).") var start: String
    @Option(help: "Where the last day ends (default: the start).") var end: String?
    @Option(help: "First day, YYYY-MM-DD.") var date: String
    @Option(help: "Number of days (1–14).") var days = 1
    @Option(help: "Daily window, HH:MM-HH:MM.") var window = "08:30-17:30"
    @Option(help: "car, coach or walk.") var profile = "car"
    @Option(help: "Only sites with this theme (repeatable; any of them).") var theme: [String] = []
    @Option(help: "Only sites of this kind (repeatable).") var kind: [String] = []
    @Option(help: "A site id that must be visited (repeatable).") var must: [String] = []
    @Option(help: "A site id to leave out (repeatable).") var avoid: [String] = []
    @Option(help: "At most this many sites a day.") var maxPerDay: Int?
    @Option(help: "Lunch: HH:MM-HH:MM/minutes (the window it may start in, its length), or none.") var lunch = "12:00-13:30/60"
    @Option(help: "Where to sleep each night (PLACE, repeatable, one per night in order).") var hotel: [String] = []
    @Option(help: "Group size (checked against each site's capacity where known).") var groupSize: Int?
    @Option(help: "Longest single drive the group accepts, in minutes.") var maxLegMinutes: Int?
    @Option(help: "Back at the end by HH:MM on the last day.") var backBy: String?
    @Flag(help: "Leave out the coach driving rule (on by default for --profile coach).") var noDrivingRule = false
    @Option(help: "Hours assumed where a site has none, HH:MM-HH:MM.") var defaultHours = "09:00-17:00"
    @Option(help: "Seconds of search.") var timeLimit = 2.0
    @Option(help: "Seed (same seed, same data: same plan when the search finishes early).") var seed: UInt64 = 1
    @Option(help: "text, json, geojson, gpx, kml or md (printable).") var format = "text"
    @Option(help: "Write to this file, the format from its extension (repeatable: one plan, several files).") var out: [String] = []
    @Option(help: "Language of the printable itinerary: zh or en.") var lang = "en"

    func run() throws {
        guard let firstDate = LocalDate(iso: date) else { throw ValidationError("--date must be YYYY-MM-DD, e.g. 2026-06-02 (got \"\(date)\")") }
        guard let dayWindow = DailyWindow(window) else { throw ValidationError("--window must be HH:MM-HH:MM (got \"\(window)\")") }
        guard let assumed = DailyWindow(defaultHours) else { throw ValidationError("--default-hours must be HH:MM-HH:MM") }
        guard let language = PlanLanguage(rawValue: lang) else { throw ValidationError("--lang must be zh or en") }
        guard let outputFormat = PlanFormat(rawValue: format) else { throw ValidationError("--format must be text, json, geojson, gpx, kml or md") }
        let files = try out.map { path in
            guard let f = PlanFormat(fileName: path) else { throw ValidationError("cannot tell the format from \(path); use .geojson, .gpx, .kml, .md, .json or .txt") }
            return (path, f)
        }
        let db = try store.open()
        let shipped = try ShippedData.locate(explicit: store.data)
        let holidays = try HolidayCalendar.load(path: shipped.root.appendingPathComponent("Config/holidays-cn.json").path)
        func place(_ text: String) throws -> PlanPlace {
            let p = try resolvePlace(text, in: db)
            return PlanPlace(label: p.label, siteID: p.siteID, longitude: p.longitude, latitude: p.latitude)
        }
        var request = PlanRequest(start: try place(start), firstDate: firstDate, profile: profile)
        request.end = try end.map(place)
        request.overnight = try hotel.map(place)
        request.days = days
        request.window = dayWindow
        request.themes = theme; request.kinds = kind; request.must = must; request.avoid = avoid
        request.maxSitesPerDay = maxPerDay
        request.groupSize = groupSize
        request.maxLegMinutes = maxLegMinutes
        request.defaultHours = assumed
        if let backBy {
            guard let m = DailyWindow.minutes(backBy) else { throw ValidationError("--back-by must be HH:MM") }
            request.backBy = m
        }
        if noDrivingRule { request.drivingRule = false }
        if lunch == "none" { request.lunch = nil } else {
            let parts = lunch.split(separator: "/")
            guard parts.count == 2, let w = DailyWindow(String(parts[0])), let m = Int(parts[1]), m > 0 else {
                throw ValidationError("--lunch must be HH:MM-HH:MM/minutes, e.g. 12:00-13:30/60, or none")
            }
            request.lunch = (w, m)
        }
        request.timeLimit = timeLimit
        request.seed = seed
        if !holidays.covers(firstDate) || !holidays.covers(firstDate.adding(days: days - 1)) {
            note("warning: the holiday calendar covers \(holidays.years.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "no years"); PH rules are not applied outside it")
        }
        let planner = TripPlanner(store: db, graph: try loadGraph(db, profile: profile), holidays: holidays)
        let itinerary = try planner.plan(request)
        let violations = PlanChecker.check(itinerary, request: request, sites: try db.sites(), holidays: holidays)
        guard violations.isEmpty else { throw PlanError("internal error, the plan breaks a rule: \(violations[0]) (please report the command)") }
        for (path, f) in files {
            do { try itinerary.render(f, language: language).write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw InputError(source: path, line: nil, reason: "cannot write the file (\(error.localizedDescription))")
            }
            note("wrote \(path) (\(f.rawValue)): \(itinerary.days.reduce(0) { $0 + $1.visits.count }) sites in \(itinerary.days.count) day(s), score \(itinerary.score)")
        }
        // With files written, stdout still shows the schedule (as text unless --format says otherwise).
        print(itinerary.render(files.isEmpty || format != "text" ? outputFormat : .text, language: language), terminator: "")
    }
}
