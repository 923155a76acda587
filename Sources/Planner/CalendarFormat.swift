import Foundation
import GeoCore
import Words

/// iCalendar (RFC 5545): one event per visit and per long drive, in China Standard Time.
extension TripItinerary {
    /// Drives at least this long get an event of their own (shorter ones are in the visit's description).
    static let calendarDriveSeconds = 3600.0

    func calendar(_ v: Voice, stamp: Date = Date()) -> String {
        let language = v.language
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0",
            "PRODID:-//Showcase Route Planner//Itinerary//\(language == .zh ? "ZH" : "EN")",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:"
                + Self.icsText(v.say(ItineraryText.tripName(firstDate: firstDate.description, days: days.count))),
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
                    lines += event(
                        uid: "\(day.date)-\(i + 1)-drive", stamp: dtstamp, start: s.arrive - Int(leg.durationS),
                        end: s.arrive, summary: v.say(ItineraryText.driveTo(name(s, language))),
                        location: from.map { name($0, language) }, geo: nil, description: travel(s, v))
                }
                let begin = s.arrive + s.waiting
                var detail: [String] = []
                if s.waiting > 0 { detail.append(v.say(ItineraryText.arriveAndWait(at: clock(s.arrive)))) }
                if let leg = s.leg, leg.durationS < Self.calendarDriveSeconds, leg.durationS > 0 {
                    detail.append(v.say(ItineraryText.driveOf(distanceM: leg.distanceM, durationS: leg.durationS)))
                }
                if let id = s.siteID { detail.append(v.say(ItineraryText.siteID(id))) }
                lines += event(
                    uid: "\(day.date)-\(i + 1)-\(s.kind.rawValue)", stamp: dtstamp, start: begin, end: s.depart,
                    summary: name(s, language), location: s.kind == .visit ? name(s, language) : nil,
                    geo: s.kind == .visit || s.siteID != nil ? (s.latitude, s.longitude) : nil,
                    description: Units.clauses(detail, language))
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
