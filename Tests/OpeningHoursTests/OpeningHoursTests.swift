import Foundation
import OpeningHours
import Testing
import TestSupport

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The distinct opening_hours strings of GeoData/sites.csv (read by Python's csv module).
func shippedStrings() throws -> [String] {
    let out = String(
        decoding: try python([
            "-c",
            "import csv,sys,json; print(json.dumps(sorted({r['opening_hours'] for r in csv.DictReader(open(sys.argv[1])) if r['opening_hours']})))",
            root.appendingPathComponent("GeoData/sites.csv").path
        ]), as: UTF8.self)
    return try JSONDecoder().decode([String].self, from: Data(out.utf8))
}

func python(_ args: [String], stdin: Data = Data()) throws -> Data { try toolOutput(["python3"] + args, stdin: stdin) }

@Suite struct OpeningHoursTests {
    /// Every shipped string and a grammar sampler, at 400 seeded instants over two years, must
    /// agree with opening-hours-py (no holiday calendar on either side).
    @Test func agreesWithOpeningHoursPy() throws {
        let extra = [
            "Mo-Fr 08:00-12:00,13:00-17:30; Sa 09:00-12:00", "Mo-Fr 09:00-17:00; We off", "Sa-Mo 10:00-16:00",
            "Apr 15-Oct 15 08:00-18:00; Oct 16-Apr 14 09:00-16:00", "Nov-Mar 10:00-15:00", "24/7", "Mo-Fr 22:00-02:00",
            "Mo 10:00-12:00, We 14:00-16:00", "Dec 25 off; 09:00-18:00", "May-Oct Tu-Su 09:00-17:00; Mo off",
            "Jan-Mar,Nov-Dec Mo-Fr 10:00-16:00", "Mo,We,Fr 09:00-12:00", "Tu-Su"
        ]
        let strings = try shippedStrings() + extra
        #expect(strings.count >= 9 + extra.count - 3)
        var rng = SeededGenerator(seed: 3)
        let start = LocalDate(year: 2026, month: 1, day: 1)!
        let instants = (0..<400).map { _ in
            (start.adding(days: Int.random(in: 0..<730, using: &rng)), Int.random(in: 0..<1440, using: &rng))
        }
        let iso = instants.map { d, m in "\(d)T\(m / 60 < 10 ? "0" : "")\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)" }
        let request = try JSONSerialization.data(withJSONObject: ["strings": strings, "instants": iso])
        let reference = try JSONDecoder().decode(
            [[Bool]].self, from: python([fixtures.appendingPathComponent("oh_reference.py").path], stdin: request))
        for (s, expected) in zip(strings, reference) {
            let oh = try OpeningHours(s)
            for (k, (d, m)) in instants.enumerated() {
                #expect(oh.isOpen(on: d, minute: m) == expected[k], "\(s) at \(iso[k])")
            }
        }
    }

    @Test func closedOnMondayAndOpenOnAPublicHolidayMonday() throws {
        let calendar = try HolidayCalendar.load(path: root.appendingPathComponent("Config/holidays-cn.json").path)
        let museum = try OpeningHours("Tu-Su,PH 09:00-17:00; Mo off; PH 09:00-17:00")
        let monday = LocalDate(year: 2026, month: 3, day: 2)! // an ordinary Monday
        let nationalDayMonday = LocalDate(year: 2026, month: 10, day: 5)!
        #expect(monday.weekday == 0 && nationalDayMonday.weekday == 0)
        #expect(museum.intervals(on: monday, holidays: calendar).isEmpty)
        #expect(calendar.isPublicHoliday(nationalDayMonday))
        #expect(museum.intervals(on: nationalDayMonday, holidays: calendar) == [540..<1020])
        #expect(museum.intervals(on: nationalDayMonday, holidays: .none).isEmpty)
        #expect(
            try OpeningHours("Mo-Su 09:00-17:00; PH off").intervals(
                on: LocalDate(year: 2026, month: 2, day: 17)!, holidays: calendar
            ).isEmpty)
        // 2026-02-28 (a Saturday) is an official working day; it stays a Saturday for opening hours.
        #expect(calendar.workingDays[LocalDate(year: 2026, month: 2, day: 28)!] != nil)
    }

    @Test func seasonsAndOvernightHours() throws {
        let temple = try OpeningHours("Jun-Aug 08:00-18:00; Dec-Feb 09:00-17:00")
        #expect(temple.intervals(on: LocalDate(year: 2026, month: 7, day: 1)!) == [480..<1080])
        #expect(temple.intervals(on: LocalDate(year: 2026, month: 1, day: 15)!) == [540..<1020])
        #expect(temple.intervals(on: LocalDate(year: 2026, month: 4, day: 15)!).isEmpty)
        let bar = try OpeningHours("Fr-Sa 20:00-02:00")
        let saturday = LocalDate(year: 2026, month: 3, day: 7)!
        #expect(bar.isOpen(on: saturday, minute: 60)) // Friday night, after midnight
        #expect(!bar.isOpen(on: saturday.adding(days: 2), minute: 60))
    }

    /// A source that covers some months only leaves the others unknown, not closed (Xilitu Zhao):
    /// callers get their default hours there, and can tell that they did.
    @Test func unknownMonthsGetTheCallersDefaultHours() throws {
        let temple = try OpeningHours("Jun-Aug 08:00-18:00; Dec-Feb 09:00-17:00; Mar-May unknown; Sep-Nov unknown")
        let november = LocalDate(year: 2026, month: 11, day: 2)!, july = LocalDate(year: 2026, month: 7, day: 1)!
        #expect(temple.known(on: november) == nil && temple.isUnknown(on: november))
        #expect(temple.intervals(on: november, whenUnknown: [540..<1020]) == [540..<1020])
        #expect(temple.intervals(on: november).isEmpty) // no default given: not open
        #expect(
            temple.known(on: july) == [480..<1080] && temple.intervals(on: july, whenUnknown: [0..<60]) == [480..<1080])
        // A later rule decides: known hours after `unknown` replace it, `off` closes.
        #expect(
            try OpeningHours("unknown; Sa 10:00-12:00").known(on: LocalDate(year: 2026, month: 3, day: 7)!) == [
                600..<720
            ])
        #expect(try OpeningHours("unknown; Sa off").known(on: LocalDate(year: 2026, month: 3, day: 7)!) == [])
        #expect(
            try OpeningHours("Sa 10:00-12:00, unknown").known(on: LocalDate(year: 2026, month: 3, day: 7)!) == [
                600..<720
            ])
    }

    @Test(arguments: [
        ("Mo-Fr 09:00-17", 13, "expected a time like 09:00"),
        ("Mo-Fr 09:61-17:00", 7, "is not a time of day"),
        ("Mo-Xx 09:00-17:00", 4, "expected a weekday"),
        ("Mo-Fr 09:00-17:00 || \"by appointment\"", 19, "fallback rules"),
        ("SH off", 1, "school holidays"),
        ("Mo-Fr sunrise-sunset", 7, "unknown word"),
        ("", 1, "empty value"),
        ("Feb 30 10:00-12:00", 5, "day 30 is not in that month"),
        ("09:00-17:00 Mo", 13, "a day selector must come before"),
        // Found by fuzzing (Fuzz/FuzzOpeningHours): an overflowing day and a non-ASCII digit crashed.
        ("Jan 99999999999999999999 10:00-12:00", 5, "is not in that month"),
        ("Mo-Fr 0½:00-12:00", 7, "expected a time like 09:00")
    ])
    func badStringsNameThePosition(text: String, position: Int, reason: String) {
        #expect {
            _ = try OpeningHours(text)
        } throws: { error in
            guard let e = error as? OpeningHoursError else { return false }
            return e.position == position && e.reason.contains(reason)
        }
    }

    @Test func datesRoundTrip() {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<1000 {
            let n = Int.random(in: -100_000...100_000, using: &rng)
            let d = LocalDate(dayNumber: n)
            #expect(d.dayNumber == n && LocalDate(iso: d.description) == d)
        }
        #expect(LocalDate(year: 2026, month: 11, day: 29)!.weekday == 6) // a Sunday
        #expect(LocalDate(iso: "2026-02-29") == nil && LocalDate(iso: "2026-2-1") == nil)
    }
}
