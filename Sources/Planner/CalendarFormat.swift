import Foundation
import GeoCore

/// iCalendar (RFC 5545): one event per visit and per long drive, in China Standard Time.
extension TripItinerary {
    /// Drives at least this long get an event of their own (shorter ones are in the visit's description).
    static let calendarDriveSeconds = 3600.0

    func calendar(_ language: PlanLanguage, stamp: Date = Date()) -> String {
        let zh = language == .zh
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Showcase Route Planner//Itinerary//\(zh ? "ZH" : "EN")",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:"
                + Self.icsText(
                    zh ? "行程：\(firstDate) 起 \(days.count) 天" : "Trip from \(firstDate), \(days.count) day(s)"),
            "X-WR-TIMEZONE:Asia/Shanghai",
            // China has kept UTC+8 all year since 1991: one STANDARD rule describes it.
            "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:19910915T000000",
            "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE"
        ]
        let dtstamp = Self.utcStamp(stamp)
        for day in days {
            for (i, s) in day.stops.enumerated() where s.kind == .visit || s.kind == .lunch {
                if let leg = s.leg, leg.durationS >= Self.calendarDriveSeconds {
                    let from = day.stops[..<i].last { $0.kind != .lunch }
                    let drive = zh ? "车程：前往\(name(s, language))" : "Drive to \(name(s, language))"
                    var detail = "\(TripItinerary.minutes(leg.durationS)), \(TripItinerary.km(leg.distanceM))"
                    if leg.rests > 0 { detail += zh ? "，含 \(leg.rests) 次 20 分钟休息" : ", incl. \(leg.rests)×20 min rest" }
                    lines += event(
                        uid: "\(day.date)-\(i + 1)-drive", stamp: dtstamp, start: s.arrive - Int(leg.durationS),
                        end: s.arrive,
                        summary: drive, location: from.map { name($0, language) }, geo: nil, description: detail)
                }
                let begin = s.arrive + s.waiting
                var detail: [String] = []
                if s.waiting > 0 {
                    detail.append(zh ? "到达 \(clock(s.arrive))，等候开门" : "arrive \(clock(s.arrive)), wait for opening")
                }
                if let leg = s.leg, leg.durationS < Self.calendarDriveSeconds, leg.durationS > 0 {
                    detail.append(
                        (zh ? "车程 " : "drive ")
                            + "\(TripItinerary.minutes(leg.durationS)), \(TripItinerary.km(leg.distanceM))")
                }
                if let id = s.siteID { detail.append((zh ? "地点编号 " : "site ") + id) }
                lines += event(
                    uid: "\(day.date)-\(i + 1)-\(s.kind.rawValue)", stamp: dtstamp, start: begin, end: s.depart,
                    summary: name(s, language), location: s.kind == .visit ? name(s, language) : nil,
                    geo: s.kind == .visit || s.siteID != nil ? (s.latitude, s.longitude) : nil,
                    description: detail.joined(separator: "; "))
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    func event(
        uid: String, stamp: String, start: Int, end: Int, summary: String, location: String?, geo: (Double, Double)?,
        description: String
    ) -> [String] {
        var e = [
            "BEGIN:VEVENT", "UID:\(uid)-\(firstDate)@showcase-route-planner", "DTSTAMP:\(stamp)",
            "DTSTART;TZID=Asia/Shanghai:\(Self.icsLocal(localTime(start)))",
            "DTEND;TZID=Asia/Shanghai:\(Self.icsLocal(localTime(end)))",
            "SUMMARY:" + Self.icsText(summary)
        ]
        if let location { e.append("LOCATION:" + Self.icsText(location)) }
        if let (lat, lon) = geo { e.append("GEO:" + String(format: "%.6f;%.6f", lat, lon)) } // RFC 5545: latitude first
        if !description.isEmpty { e.append("DESCRIPTION:" + Self.icsText(description)) }
        e.append("END:VEVENT")
        return e
    }

    /// `2026-06-01T09:30:00` → `20260601T093000`.
    static func icsLocal(_ iso: String) -> String {
        iso.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
    }

    static func utcStamp(_ date: Date) -> String {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        let p = c.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", p.year!, p.month!, p.day!, p.hour!, p.minute!, p.second!)
    }

    /// TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11).
    static func icsText(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(
            of: ",", with: "\\,"
        )
        .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence: each
    /// continuation starts with one space, which counts toward its 75.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = "", width = 0
        for scalar in line.unicodeScalars {
            let n = String(scalar).utf8.count
            if width + n > 75 { out += "\r\n "; width = 1 }
            out.unicodeScalars.append(scalar)
            width += n
        }
        return out
    }
}
