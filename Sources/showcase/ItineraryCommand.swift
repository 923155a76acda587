import ArgumentParser
import Foundation
import GeoCore
import Planner
import Service
import Words

struct ItineraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itinerary",
        abstract: "Work with itineraries arranged by hand.",
        subcommands: [Evaluate.self]
    )

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time an arranged itinerary again and name every rule it breaks (exit 2 if any).",
            discussion: """
                FILE is a plan file (YAML or JSON, the keys of `showcase plan`) with `visits`: \
                each day's site ids in order, or {site, stay_minutes, rests, pinned}. The order \
                and days are kept: the group waits for opening, lunches when due, takes the coach \
                rule's rests (unless a visit gives its own `rests`), and every broken rule is \
                named with its day and site ("内蒙古博物院 is closed on Monday 2026-06-01"). \
                The web app's edits use the same operation: POST /itinerary/evaluate.

                Example file:
                  start: Hohhot
                  date: 2026-06-01
                  profile: coach
                  visits:
                    - [im-hhht-dazhao-temple, im-hhht-inner-mongolia-museum]
                    - [im-bt-meidaizhao]

                Examples:
                  showcase itinerary evaluate trip.yaml
                  showcase itinerary evaluate trip.yaml --format json --out trip.ics
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The itinerary (YAML or JSON), or - for stdin.") var file: String
        @Option(help: "text, json, geojson, gpx, kml, md or ics.") var format: PlanFormat = .text
        @Option(help: "Write to this file (format from the extension; repeatable).") var out: [String] = []
        @Option(help: "Language of every text (the schedule, notes, rules broken, errors): zh or en.") var lang:
            PlanLanguage = .en

        func run() throws {
            let voice = cliVoice(lang)
            let (name, text) = try TextInput.read(file, limit: Limits.commandLine.textBytes)
            let spec = try PlanSpec.parse(text, source: name)
            let itinerary = try store.open().evaluate(spec)
            for path in out {
                guard let f = PlanFormat(fileName: path) else {
                    throw ValidationError("cannot tell the format from \(path)")
                }
                try write(itinerary.render(f, voice: voice), to: path)
                note("wrote \(path)")
            }
            print(itinerary.render(format, voice: voice), terminator: "")
            for v in itinerary.violations { note("\(name): \(FieldText.spell(v.said(lang), flag))") }
            if !itinerary.violations.isEmpty { throw ExitCode(2) }
        }
    }
}
