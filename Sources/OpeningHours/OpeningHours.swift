/// An OpenStreetMap `opening_hours` value, parsed once, evaluated for any date.
///
/// The subset that matters for visitor sites: weekday ranges and lists (`Mo-Fr`, `Tu-Su,PH`),
/// several time ranges a day (`09:00-12:00,13:30-17:00`, overnight `22:00-02:00`), `off`/`closed`,
/// month and date ranges for seasons (`Jun-Aug`, `Apr 15-Oct 15`, wrapping `Nov-Mar`), `PH`
/// (a `HolidayCalendar`), `24/7`, `unknown` (the source says nothing for those days: a caller
/// assumes its default hours and says so, never a closure), and both rule separators: `;` (a
/// later rule replaces the day's hours) and `,` (adds to them). Anything else (`SH`, `sunrise`, week numbers, `||`, comments)
/// is refused with its position, never silently misread.
public struct OpeningHours: Sendable, CustomStringConvertible {
    public let text: String
    let rules: [Rule]

    struct Rule: Sendable {
        var additional: Bool
        var dates: [DateRange] // empty = every day of the year
        var weekdays: UInt8 // bit 0 = Mo … bit 6 = Su
        var publicHoliday: Bool
        var times: [Range<Int>] // minutes from midnight; empty with `off` or `unknown`
        var off: Bool
        var unknown = false

        var hasDaySelector: Bool { weekdays != 0 || publicHoliday }

        func matches(_ date: LocalDate, _ holidays: HolidayCalendar) -> Bool {
            if !dates.isEmpty, !dates.contains(where: { $0.contains(date) }) { return false }
            guard hasDaySelector else { return true }
            if publicHoliday, holidays.isPublicHoliday(date) { return true }
            return weekdays & (1 << UInt8(date.weekday)) != 0
        }
    }

    /// A month/day range in any year; wraps over New Year when the end is before the start.
    struct DateRange: Sendable {
        var start: (month: Int, day: Int)
        var end: (month: Int, day: Int)
        func contains(_ d: LocalDate) -> Bool {
            let x = d.month * 100 + d.day, a = start.month * 100 + start.day, b = end.month * 100 + end.day
            return a <= b ? (a...b).contains(x) : (x >= a || x <= b)
        }
    }

    public var description: String { text }

    public init(_ text: String) throws(OpeningHoursError) {
        self.text = text
        var parser = Parser(text)
        rules = try parser.parseRules()
    }

    /// The open intervals of `date` in minutes from its midnight, sorted and merged; an interval
    /// past 1440 runs into the next day (overnight opening).
    /// `whenUnknown` is what a day the value marks `unknown` gets (the caller's default hours).
    public func intervals(on date: LocalDate, holidays: HolidayCalendar = .none, whenUnknown: [Range<Int>] = [])
        -> [Range<Int>]
    {
        known(on: date, holidays: holidays) ?? OpeningHours.merge(whenUnknown)
    }

    /// The open intervals of `date`, or nil where the value says the hours are `unknown`.
    public func known(on date: LocalDate, holidays: HolidayCalendar = .none) -> [Range<Int>]? {
        var result: [Range<Int>] = []
        var unknown = false
        for rule in rules where rule.matches(date, holidays) {
            if rule.off {
                result = []; unknown = false
            } else if rule.unknown {
                // `;` makes the day unknown; `,` only where nothing is known yet.
                if !rule.additional { result = []; unknown = true } else if result.isEmpty { unknown = true }
            } else {
                result = rule.additional ? result + rule.times : rule.times
                unknown = false
            }
        }
        return unknown ? nil : OpeningHours.merge(result)
    }

    /// Whether the value leaves `date`'s hours unknown (then callers assume defaults, and say so).
    public func isUnknown(on date: LocalDate, holidays: HolidayCalendar = .none) -> Bool {
        known(on: date, holidays: holidays) == nil
    }

    /// Whether the place is open at `minute` (0..<1440) of `date`, counting the previous
    /// day's overnight hours.
    public func isOpen(on date: LocalDate, minute: Int, holidays: HolidayCalendar = .none) -> Bool {
        if intervals(on: date, holidays: holidays).contains(where: { $0.contains(minute) }) { return true }
        return intervals(on: date.adding(days: -1), holidays: holidays).contains { $0.contains(minute + 1440) }
    }

    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !r.isEmpty {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}

/// A recursive-descent parser over the value's characters.
struct Parser {
    let chars: [Character]
    let text: String
    var i = 0

    init(_ text: String) { self.text = text; chars = Array(text) }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let weekdays = ["mo", "tu", "we", "th", "fr", "sa", "su"]

    func fail(_ reason: String, at position: Int? = nil) -> OpeningHoursError {
        OpeningHoursError(text: text, position: (position ?? i) + 1, reason: reason)
    }

    mutating func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }

    /// The next run of letters, lower-cased, without consuming it.
    func peekWord(at start: Int? = nil) -> String {
        var j = start ?? i
        var w = ""
        while j < chars.count, chars[j].isLetter { w.append(chars[j]); j += 1 }
        return w.lowercased()
    }

    func nextNonSpace(after index: Int) -> Int {
        var j = index
        while j < chars.count, chars[j] == " " { j += 1 }
        return j
    }

    mutating func parseRules() throws(OpeningHoursError) -> [OpeningHours.Rule] {
        var rules: [OpeningHours.Rule] = []
        var additional = false
        skipSpaces()
        guard i < chars.count else { throw fail("empty value") }
        while true {
            var rule = try parseRule()
            rule.additional = additional
            rules.append(rule)
            skipSpaces()
            if i >= chars.count { return rules }
            switch chars[i] {
            case ";": additional = false; i += 1
            case ",": additional = true; i += 1
            case "|": throw fail("fallback rules (||) are not supported")
            case "\"": throw fail("comments are not supported")
            default: throw fail("unexpected \"\(chars[i])\"; rules are separated by ; or ,")
            }
            skipSpaces()
            if i >= chars.count { return rules } // a trailing separator is tolerated
        }
    }

    mutating func parseRule() throws(OpeningHoursError) -> OpeningHours.Rule {
        var rule = OpeningHours.Rule(
            additional: false, dates: [], weekdays: 0, publicHoliday: false, times: [], off: false)
        skipSpaces()
        let start = i
        if text.dropFirst(i).hasPrefix("24/7") {
            i += 4
            rule.times = [0..<1440]
            try parseModifier(&rule)
            return rule
        }
        if Parser.months.contains(peekWord()) { rule.dates = try parseDates() }
        skipSpaces()
        let word = peekWord()
        if Parser.weekdays.contains(word) || word == "ph" || word == "sh" { try parseWeekdays(&rule) }
        skipSpaces()
        if i < chars.count, chars[i].digitValue != nil { rule.times = try parseTimes() }
        let hadTimes = !rule.times.isEmpty
        try parseModifier(&rule)
        if i == start { throw fail("expected a rule such as \"Mo-Fr 09:00-17:00\"") }
        if !hadTimes && !rule.off && !rule.unknown { rule.times = [0..<1440] } // "Mo-Fr" alone: open all day
        return rule
    }

    mutating func parseModifier(_ rule: inout OpeningHours.Rule) throws(OpeningHoursError) {
        skipSpaces()
        switch peekWord() {
        case "off", "closed": i += peekWord().count; rule.off = true; rule.times = []
        case "open": i += 4
        case "unknown": i += 7; rule.unknown = true; rule.times = []
        case "": break
        case let w where Parser.weekdays.contains(w) || w == "ph":
            throw fail("a day selector must come before the times")
        case let w: throw fail("unknown word \"\(w)\"")
        }
    }

    mutating func parseMonth() throws(OpeningHoursError) -> Int {
        let w = peekWord()
        guard w.count == 3, let m = Parser.months.firstIndex(of: w) else { throw fail("expected a month (Jan…Dec)") }
        i += 3
        return m + 1
    }

    /// `DD` after a month, if present (one or two digits, then not a colon: that would be a time).
    mutating func parseDayOfMonth(month: Int) throws(OpeningHoursError) -> Int? {
        let j = nextNonSpace(after: i)
        guard j < chars.count, chars[j].digitValue != nil else { return nil }
        var k = j, n = 0
        // Long runs of digits are refused below.
        while k < chars.count, let d = chars[k].digitValue { if k - j < 3 { n = n * 10 + d }; k += 1 }
        if k < chars.count, chars[k] == ":" { return nil }
        guard k - j <= 2, (1...LocalDate.daysIn(month: month, year: 2024)).contains(n) else {
            throw fail("day \(n) is not in that month", at: j)
        }
        i = k
        return n
    }

    mutating func parseDates() throws(OpeningHoursError) -> [OpeningHours.DateRange] {
        var ranges: [OpeningHours.DateRange] = []
        while true {
            let m1 = try parseMonth()
            let d1 = try parseDayOfMonth(month: m1)
            var end = (month: m1, day: d1 ?? LocalDate.daysIn(month: m1, year: 2024))
            skipSpaces()
            if i < chars.count, chars[i] == "-" {
                i += 1; skipSpaces()
                if Parser.months.contains(peekWord()) {
                    let m2 = try parseMonth()
                    end = (m2, try parseDayOfMonth(month: m2) ?? LocalDate.daysIn(month: m2, year: 2024))
                } else if let d2 = try parseDayOfMonth(month: m1), d1 != nil {
                    end = (m1, d2)
                } else {
                    throw fail("expected a month or a day after -")
                }
            }
            ranges.append(.init(start: (m1, d1 ?? 1), end: end))
            let j = nextNonSpace(after: i)
            guard j < chars.count, chars[j] == ",", Parser.months.contains(peekWord(at: nextNonSpace(after: j + 1)))
            else { return ranges }
            i = nextNonSpace(after: j + 1)
        }
    }

    mutating func parseWeekdays(_ rule: inout OpeningHours.Rule) throws(OpeningHoursError) {
        while true {
            skipSpaces()
            let w = peekWord()
            if w == "ph" {
                i += 2; rule.publicHoliday = true
            } else if w == "sh" {
                throw fail("school holidays (SH) are not supported")
            } else if let a = Parser.weekdays.firstIndex(of: w) {
                i += 2
                var b = a
                if i < chars.count, chars[i] == "[" { throw fail("nth-weekday selectors like Mo[1] are not supported") }
                if i < chars.count, chars[i] == "-" {
                    i += 1
                    guard let e = Parser.weekdays.firstIndex(of: peekWord()) else {
                        throw fail("expected a weekday (Mo…Su) after -")
                    }
                    i += 2; b = e
                }
                var d = a
                while true { rule.weekdays |= 1 << UInt8(d); if d == b { break }; d = (d + 1) % 7 } // Sa-Mo wraps
            } else {
                throw fail("expected a weekday (Mo…Su) or PH")
            }
            let j = nextNonSpace(after: i)
            let next = peekWord(at: nextNonSpace(after: j + 1))
            guard j < chars.count, chars[j] == ",", Parser.weekdays.contains(next) || next == "ph" || next == "sh"
            else { return }
            i = j + 1
        }
    }

    mutating func parseTime() throws(OpeningHoursError) -> Int {
        let start = i
        var h = 0, digits = 0
        while i < chars.count, chars[i].digitValue != nil, digits < 2 {
            h = h * 10 + chars[i].digitValue!; i += 1; digits += 1
        }
        guard digits > 0, i < chars.count, chars[i] == ":" else { throw fail("expected a time like 09:00", at: start) }
        i += 1
        var m = 0
        digits = 0
        while i < chars.count, chars[i].digitValue != nil, digits < 2 {
            m = m * 10 + chars[i].digitValue!; i += 1; digits += 1
        }
        guard digits == 2, m < 60, h <= 24, h < 24 || m == 0 else {
            throw fail("\(String(chars[start..<i])) is not a time of day", at: start)
        }
        return h * 60 + m
    }

    mutating func parseTimes() throws(OpeningHoursError) -> [Range<Int>] {
        var out: [Range<Int>] = []
        while true {
            skipSpaces()
            let a = try parseTime()
            skipSpaces()
            guard i < chars.count, chars[i] == "-" else {
                if i < chars.count, chars[i] == "+" { throw fail("open-ended times (09:00+) are not supported") }
                throw fail("expected - and a closing time")
            }
            i += 1; skipSpaces()
            if peekWord().hasPrefix("sun") || peekWord() == "dusk" || peekWord() == "dawn" {
                throw fail("sun-based times are not supported")
            }
            var b = try parseTime()
            if b <= a { b += 1440 } // overnight, or 00:00-24:00 style full days
            out.append(a..<b)
            let j = nextNonSpace(after: i)
            let k = nextNonSpace(after: j + 1)
            guard j < chars.count, chars[j] == ",", k < chars.count, chars[k].digitValue != nil else { return out }
            i = j + 1
        }
    }
}

private extension Character {
    /// 0–9 only: `isNumber` also accepts "½" or "٣", which have no place in opening_hours.
    var digitValue: Int? { isASCII ? wholeNumberValue : nil }
}
