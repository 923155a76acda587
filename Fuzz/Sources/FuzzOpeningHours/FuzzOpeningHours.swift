import Foundation
import FuzzDriver
import OpeningHours

// Text as an opening_hours value; what parses is evaluated on dates across a year boundary, a
// leap day and public holidays, and must give sorted, disjoint, non-empty intervals within two days.
let holidays: HolidayCalendar = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../Config/holidays-cn.json"
    ).standardized.path
    return try! HolidayCalendar.load(path: path)
}()
let dates = ["2024-02-29", "2025-12-31", "2026-01-01", "2026-05-01", "2026-06-01", "2026-10-05", "2026-12-27"].map {
    LocalDate(iso: $0)!
}

@main enum Harness { static func main() { runLibFuzzer(fuzzOpeningHours) } }

@_cdecl("LLVMFuzzerTestOneInput") // libFuzzer's runtime links against this name
public func fuzzOpeningHours(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let hours = try? OpeningHours(text) else { return 0 }
    for date in dates {
        let intervals = hours.intervals(on: date, holidays: holidays)
        for (i, r) in intervals.enumerated() {
            guard !r.isEmpty && r.lowerBound >= 0 && r.upperBound <= 2 * 1440 else {
                fatalError("\(text): bad interval \(r) on \(date)")
            }
            if i > 0, intervals[i - 1].upperBound >= r.lowerBound {
                fatalError("\(text): unsorted or overlapping intervals \(intervals)")
            }
        }
        _ = hours.isOpen(on: date, minute: 720, holidays: holidays)
    }
    return 0
}
