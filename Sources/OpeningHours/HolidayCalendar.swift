import Foundation

/// Public holidays (`PH` in opening_hours) and the weekend days made working days, by date.
/// The shipped calendar is `Config/holidays-cn.json` (mainland China, from the State Council's
/// yearly notices); a date outside its years is treated as no holiday, and `covers` says so.
public struct HolidayCalendar: Sendable {
    public var daysOff: [LocalDate: String]
    public var workingDays: [LocalDate: String]
    public var years: ClosedRange<Int>?
    public var source: String
    /// The same in Chinese (`source_zh`; the English where the file has none).
    public var sourceZh: String

    public static let none = HolidayCalendar(
        daysOff: [:], workingDays: [:], years: nil, source: "no holiday calendar", sourceZh: "未使用节假日日历")

    public init(
        daysOff: [LocalDate: String], workingDays: [LocalDate: String], years: ClosedRange<Int>?, source: String,
        sourceZh: String? = nil
    ) {
        self.daysOff = daysOff; self.workingDays = workingDays; self.years = years; self.source = source
        self.sourceZh = sourceZh ?? source
    }

    public func isPublicHoliday(_ date: LocalDate) -> Bool { daysOff[date] != nil }
    public func covers(_ date: LocalDate) -> Bool { years?.contains(date.year) ?? false }

    /// Reads the JSON the shipped tool writes: `{"source", "source_zh", "years": [a, b],
    /// "days_off": {date: name}, "working_days": {…}}`.
    public static func load(path: String) throws -> HolidayCalendar {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw OpeningHoursError(
                text: path, position: nil, reason: "cannot read the holiday calendar (expected JSON with days_off)")
        }
        func dates(_ key: String) throws -> [LocalDate: String] {
            var out: [LocalDate: String] = [:]
            for (k, v) in object[key] as? [String: String] ?? [:] {
                guard let d = LocalDate(iso: k) else {
                    throw OpeningHoursError(text: path, position: nil, reason: "\(key): \"\(k)\" is not YYYY-MM-DD")
                }
                out[d] = v
            }
            return out
        }
        let years = (object["years"] as? [Int]).flatMap { $0.count == 2 ? $0[0]...$0[1] : nil }
        return HolidayCalendar(
            daysOff: try dates("days_off"), workingDays: try dates("working_days"), years: years,
            source: object["source"] as? String ?? path, sourceZh: object["source_zh"] as? String)
    }
}
