import ArgumentParser
import Foundation
import Planner
import Service

extension PlanFormat: ExpressibleByArgument {}
extension PlanLanguage: ExpressibleByArgument {}

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

            PLACE is a site id, a town name (呼和浩特 or Hohhot) or lon,lat. A plan file (YAML) \
            holds the same settings (see Plans/*.yaml); flags given with it override it.

            Examples:
              showcase plan --start Hohhot --date 2026-06-02 --days 3 --profile coach --theme heritage
              showcase plan --start 呼和浩特 --date 2026-06-02 --days 2 --hotel Baotou --out trip.geojson
              showcase plan --start Hohhot --date 2026-06-01 --must im-hhht-inner-mongolia-museum --format md --lang zh
              showcase plan Plans/hohhot-heritage-3-days.yaml --out trip.gpx
            """
    )
    @OptionGroup var store: StoreOptions
    @Argument(help: "A plan file (YAML; keys as the flags in snake_case, see Plans/). Flags override it.") var planFile:
        String?
    @Option(help: "Where the trip starts (PLACE).") var start: String?
    @Option(help: "Where the last day ends (default: the start).") var end: String?
    @Option(help: "First day, YYYY-MM-DD.") var date: String?
    @Option(help: "Number of days (1–14; default 1).") var days: Int?
    @Option(help: "Daily window, HH:MM-HH:MM (default 08:30-17:30).") var window: String?
    @Option(help: "car, coach or walk (default car).") var profile: String?
    @Option(help: "Only sites with this theme (repeatable; any of them).") var theme: [String] = []
    @Option(help: "Only sites of this kind (repeatable).") var kind: [String] = []
    @Option(help: "A site id that must be visited (repeatable).") var must: [String] = []
    @Option(help: "A site id to leave out (repeatable).") var avoid: [String] = []
    @Option(help: "At most this many sites a day.") var maxPerDay: Int?
    @Option(
        help: "Lunch: HH:MM-HH:MM/minutes (the window it may start in, its length), or none (default 12:00-13:30/60).")
    var lunch: String?
    @Option(
        help:
            "A place to eat lunch at (PLACE, repeatable); lunch is then taken at the one with the least detour. Sites themed food count too."
    ) var lunchAt: [String] = []
    @Option(help: "Where to sleep each night (PLACE, repeatable, one per night in order).") var hotel: [String] = []
    @Flag(help: "Let the planner choose where to sleep each night among towns of --hotel-min-population or more.")
    var chooseHotels = false
    @Flag(
        help:
            "Also plan sites known only to their county or league seat (precision coarser than 10 km; off by default).")
    var includeCoarse = false
    @Option(help: "Towns considered by --choose-hotels (GeoNames population; default 100000).") var hotelMinPopulation:
        Int?
    @Option(help: .hidden) var nightSearch: String?
    @Option(help: "Pupils in the group (the same as --students).") var groupSize: Int?
    @Option(help: "Pupils in the school group (group.students in a plan file).") var students: Int?
    @Option(help: "The pupils' school grade, 1–12 (checked against the trip's reach).") var grade: Int?
    @Option(help: "Teachers with the group.") var teachers: Int?
    @Option(help: "Safety officers with the group.") var safetyOfficers: Int?
    @Option(help: "Guides (study tutors) with the group.") var guides: Int?
    @Option(help: "Passenger seats per coach (default in Config/group.yaml).") var coachSeats: Int?
    @Option(help: "Most the trip may cost per pupil, all in, in CNY (planned within it).") var budgetPerStudent: Double?
    @Option(help: "Longest single drive the group accepts, in minutes.") var maxLegMinutes: Int?
    @Option(help: "Back at the end by HH:MM on the last day.") var backBy: String?
    @Flag(help: "Leave out the coach driving rule (on by default for --profile coach).") var noDrivingRule = false
    @Option(help: "Hours assumed where a site has none, HH:MM-HH:MM (default 09:00-17:00).") var defaultHours: String?
    @Option(help: "Seconds of search (default 2).") var timeLimit: Double?
    @Option(help: "Seed (same seed, same data: same plan when the search finishes early).") var seed: UInt64?
    @Option(help: "Rounds of the final search per thread: with --seed, the same plan on any machine.") var iterations:
        Int?
    @Option(
        help: ArgumentHelp(
            "text, json, geojson, gpx, kml, md (printable), ics (calendar), notice (parents' notice, 家长告知书) or "
                + "filing (filing sheet, 备案表).")
    ) var format: PlanFormat = .text
    @Option(help: "Write to this file, the format from its extension (repeatable: one plan, several files).") var out:
        [String] = []
    @Option(help: "Language of the printable itinerary: zh or en.") var lang: PlanLanguage = .en

    func run() throws {
        var spec = PlanSpec()
        if let planFile {
            let (name, text) = try TextInput.read(planFile, limit: Limits.commandLine.textBytes)
            spec = try PlanSpec.parse(text, source: name)
        }
        // Flags override the plan file's keys; the library turns the result into a request.
        spec.start = start ?? spec.start; spec.end = end ?? spec.end; spec.date = date ?? spec.date
        spec.days = days ?? spec.days; spec.window = window ?? spec.window; spec.profile = profile ?? spec.profile
        spec.defaultHours = defaultHours ?? spec.defaultHours; spec.lunch = lunch ?? spec.lunch;
        spec.backBy = backBy ?? spec.backBy
        spec.maxPerDay = maxPerDay ?? spec.maxPerDay; spec.groupSize = groupSize ?? spec.groupSize
        spec.maxLegMinutes = maxLegMinutes ?? spec.maxLegMinutes; spec.timeLimit = timeLimit ?? spec.timeLimit;
        spec.seed = seed ?? spec.seed
        spec.iterations = iterations ?? spec.iterations;
        spec.hotelMinPopulation = hotelMinPopulation ?? spec.hotelMinPopulation
        for (flag, key) in [
            (theme, \PlanSpec.themes), (kind, \.kinds), (must, \.must), (avoid, \.avoid), (hotel, \.hotels),
            (lunchAt, \.lunchAt)
        ] where !flag.isEmpty {
            spec[keyPath: key] = flag
        }
        if chooseHotels { spec.chooseHotels = true }
        if includeCoarse { spec.includeCoarse = true }
        spec.nightSearch = nightSearch ?? spec.nightSearch
        if noDrivingRule { spec.drivingRule = false }
        if students != nil || grade != nil || teachers != nil || safetyOfficers != nil || guides != nil {
            var g = spec.group ?? PlanSpec.GroupSpec()
            g.students = students ?? g.students; g.grade = grade ?? g.grade; g.teachers = teachers ?? g.teachers
            g.safetyOfficers = safetyOfficers ?? g.safetyOfficers; g.guides = guides ?? g.guides
            spec.group = g
        }
        spec.coachSeats = coachSeats ?? spec.coachSeats
        spec.budgetPerStudent = budgetPerStudent ?? spec.budgetPerStudent
        let files = try out.map { path in
            guard let f = PlanFormat(fileName: path) else {
                throw ValidationError(
                    "cannot tell the format from \(path); use .geojson, .gpx, .kml, .md, .ics, .json or .txt")
            }
            return (path, f)
        }
        let outcome = try store.open().plan(spec)
        outcome.warnings.forEach { note("warning: \($0)") }
        let itinerary = outcome.itinerary
        for (path, f) in files {
            try write(itinerary.render(f, language: lang), to: path)
            note(
                "wrote \(path) (\(f.rawValue)): \(itinerary.days.reduce(0) { $0 + $1.visits.count }) sites in \(itinerary.days.count) day(s), score \(itinerary.score)"
            )
        }
        // With files written, stdout still shows the schedule (as text unless --format says otherwise).
        print(itinerary.render(files.isEmpty || format != .text ? format : .text, language: lang), terminator: "")
    }
}
