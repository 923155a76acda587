import Foundation
import GeoCore

/// Every output of a plan, all from the same `TripItinerary`.
public enum PlanFormat: String, CaseIterable, Sendable {
    case text, json, geojson, gpx, kml, md, ics
    /// The parents' notice (家长告知书) and the filing sheet (备案表), Markdown.
    case notice, filing

    /// The format a file name asks for (`.geojson`, `.gpx`, `.kml`, `.md`, `.json`, `.txt`).
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "geojson": self = .geojson
        case "gpx": self = .gpx
        case "kml": self = .kml
        case "md", "markdown": self = .md
        case "json": self = .json
        case "txt", "text": self = .text
        case "ics", "ical", "icalendar": self = .ics
        default: return nil
        }
    }
}

public enum PlanLanguage: String, CaseIterable, Sendable { case zh, en }

extension TripItinerary {
    public func render(_ format: PlanFormat, language: PlanLanguage = .en) -> String {
        switch format {
        case .text: text()
        case .json: JSONWriter.string(jsonValue) + "\n"
        case .geojson: GeoJSON.text(.featureCollection(featureCollection)) + "\n"
        case .gpx: gpx()
        case .kml: kml()
        case .md: markdown(language)
        case .ics: calendar(language)
        case .notice: parentNotice(language)
        case .filing: filingSheet(language)
        }
    }

    func name(_ s: Stop, _ language: PlanLanguage = .en) -> String {
        switch s.kind {
        case .lunch:
            guard s.label.hasPrefix("lunch at ") else { return language == .zh ? "午餐" : "Lunch" }
            let place = String(s.label.dropFirst("lunch at ".count))
            return language == .zh ? "午餐（\(place)）" : "Lunch at \(place)"
        case .start, .end: return language == .zh ? (s.nameZh ?? s.label) : s.label
        case .visit:
            if language == .zh { return s.nameZh ?? s.nameEn ?? s.label }
            if let en = s.nameEn, let zh = s.nameZh { return "\(en) (\(zh))" }
            return s.nameEn ?? s.nameZh ?? s.label
        }
    }

    static func km(_ m: Double) -> String { String(format: "%.1f km", m / 1000) }
    static func minutesZh(_ s: Double) -> String {
        let m = Int((s / 60).rounded())
        if m < 60 { return "\(m) 分钟" }
        return m % 60 == 0 ? "\(m / 60) 小时" : "\(m / 60) 小时 \(m % 60) 分钟"
    }
    static func minutes(_ s: Double) -> String {
        let m = Int((s / 60).rounded())
        if m < 60 { return "\(m) min" }
        return m % 60 == 0 ? "\(m / 60) h" : "\(m / 60) h \(m % 60) min"
    }

    // MARK: text

    func text() -> String {
        var out = ""
        for day in days {
            out +=
                "Day \(day.index + 1)  \(day.date) (\(LocalDateNames.weekdayEn[day.date.weekday]))  — \(day.visits.count) sites, \(TripItinerary.km(day.distanceM)), \(TripItinerary.minutes(day.drivingS)) on the road\n"
            out += "  time          stop                                              stay        travel to here\n"
            for s in day.stops {
                let time =
                    s.kind == .start
                    ? "      \(clock(s.depart))"
                    : s.kind == .end ? "\(clock(s.arrive))      " : "\(clock(s.arrive + s.waiting))-\(clock(s.depart))"
                let stay =
                    s.kind == .visit || s.kind == .lunch
                    ? TripItinerary.minutes(Double(s.depart - s.arrive - s.waiting)) : ""
                var travel =
                    s.leg.map { "\(TripItinerary.minutes($0.durationS)), \(TripItinerary.km($0.distanceM))" } ?? ""
                if s.travelUnknown { travel = "not known (same coarse point as the last stop)" }
                if let rests = s.leg?.rests, rests > 0 { travel += " (incl. \(rests)×20 min rest)" }
                let label = (s.kind == .start ? "from " : s.kind == .end ? "back at " : "") + name(s)
                out +=
                    "  " + time.padding(toLength: 12, withPad: " ", startingAt: 0) + "  " + pad(label, 48) + "  "
                    + stay.padding(toLength: 10, withPad: " ", startingAt: 0) + "  " + travel + "\n"
            }
            out += "\n"
        }
        out +=
            "Score \(score): \(days.reduce(0) { $0 + $1.visits.count }) sites in \(days.count) day(s), \(TripItinerary.km(days.reduce(0) { $0 + $1.distanceM })) by \(profile).\n"
        if !skipped.isEmpty {
            out +=
                "Not included: " + skipped.prefix(8).map { "\($0.label) (\($0.reason))" }.joined(separator: "; ")
                + (skipped.count > 8 ? "; and \(skipped.count - 8) more" : "") + "\n"
        }
        if let worst = worstPrecision { out += CoordinatePrecision.line(worst) + ".\n" }
        out += groupText()
        out += "Assumptions: " + assumptions.joined(separator: "; ") + ".\n"
        for v in violations { out += "BREAKS: \(v)\n" }
        for w in warnings { out += "NOTE: \(w)\n" }
        return out
    }

    /// Pads to a display width counting CJK characters as two columns.
    func pad(_ s: String, _ width: Int) -> String {
        let w = s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }

    // MARK: JSON and GeoJSON

    func stopObject(_ s: Stop, day: Day, order: Int) -> JSONObject {
        var o: JSONObject = [
            "day": .number(Double(day.index + 1)), "order": .number(Double(order)), "kind": .string(s.kind.rawValue),
            "site_id": s.siteID.map(JSONValue.string) ?? .null, "name_zh": s.nameZh.map(JSONValue.string) ?? .null,
            "name_en": s.nameEn.map(JSONValue.string) ?? .null, "label": .string(s.label),
            "arrive": .string(localTime(s.arrive)), "depart": .string(localTime(s.depart))
        ]
        if s.waiting > 0 { o["waiting_s"] = .number(Double(s.waiting)) }
        if let score = s.score { o["score"] = .number(Double(score)) }
        if let precision = s.precision { o["precision"] = .string(precision) }
        if s.travelUnknown { o["travel_unknown"] = .bool(true) }
        return o
    }

    public var jsonValue: JSONValue {
        .object([
            "profile": .string(profile), "first_date": .string(firstDate.description), "score": .number(Double(score)),
            "days": .array(
                days.map { day in
                    .object([
                        "day": .number(Double(day.index + 1)), "date": .string(day.date.description),
                        "distance_m": .number((day.distanceM * 10).rounded() / 10), "driving_s": .number(day.drivingS),
                        "stops": .array(
                            day.stops.enumerated().map { i, s in
                                var o = stopObject(s, day: day, order: i + 1)
                                o["lon"] = .number(GeoJSON.rounded(s.longitude));
                                o["lat"] = .number(GeoJSON.rounded(s.latitude))
                                if let leg = s.leg {
                                    o["travel_duration_s"] = .number(leg.durationS);
                                    o["travel_distance_m"] = .number((leg.distanceM * 10).rounded() / 10)
                                }
                                return .object(o)
                            })
                    ])
                }),
            "not_included": notIncludedJSON,
            "assumptions": .array(assumptions.map(JSONValue.string)),
            "violations": violationsJSON, "worst_precision": worstPrecisionJSON, "warnings": warningsJSON,
            "group": groupJSON, "costs": costsJSON
        ])
    }

    /// `{people, coaches, seats_per_coach, ratios: [...], …}`: the group and its staff ratios.
    var groupJSON: JSONValue {
        guard let g = group else { return .null }
        let n = { (x: Int) in JSONValue.number(Double(x)) }
        return .object([
            "students": n(g.group.students), "grade": g.group.grade.map(n) ?? .null, "teachers": n(g.group.teachers),
            "safety_officers": n(g.group.safetyOfficers), "guides": n(g.group.guides), "people": n(g.people),
            "coaches": g.coaches.map(n) ?? .null, "seats_per_coach": n(g.seatsPerCoach),
            "seats_source": .string(g.seatsSource),
            "ratios": .array(
                g.ratios.map { r in
                    .object([
                        "role": .string(r.role.rawValue), "count": n(r.count), "required": n(r.required),
                        "per_students": r.perStudents.map(n) ?? .null, "ok": .bool(r.ok), "source": .string(r.source)
                    ])
                }),
            "reach": g.reach.map { .string($0.name) } ?? .null,
            "band": g.band.map {
                .object([
                    "grades": .string("\($0.grades.lowerBound)-\($0.grades.upperBound)"),
                    "reach": .string($0.reach.name), "theme": .string($0.theme)
                ])
            } ?? .null
        ])
    }

    /// `{currency, items: [{item, quantity, unit_cny, amount_cny, source}], total_cny, per_student_cny,
    /// unknown_prices}`.
    var costsJSON: JSONValue {
        guard let c = costs else { return .null }
        return .object([
            "currency": .string(c.currency),
            "items": .array(
                c.items.map { i in
                    .object([
                        "kind": .string(i.kind.rawValue), "item": .string(i.item), "item_zh": .string(i.itemZh),
                        "quantity": .number(i.quantity), "unit": .string(i.unit), "unit_cny": .number(i.unitCNY),
                        "amount_cny": .number(i.amountCNY), "source": .string(i.source),
                        "day": .number(Double(i.day + 1))
                    ])
                }),
            "total_cny": .number(c.totalCNY), "per_student_cny": .number(c.perStudentCNY),
            "per_day_cny": .array(c.perDayCNY.map(JSONValue.number)),
            "unknown_prices": .array(c.unknownPrices.map(JSONValue.string)), "lower_bound": .bool(c.isLowerBound)
        ])
    }

    /// `{"precision": class, "site_ids": [...]}`: the coarsest coordinates the plan's times rest on.
    var worstPrecisionJSON: JSONValue {
        guard let worst = worstPrecision else { return .null }
        return .object(["precision": .string(worst.precision), "site_ids": .array(worst.siteIDs.map(JSONValue.string))])
    }

    var notIncludedJSON: JSONValue {
        .array(
            skipped.map {
                .object(["site_id": .string($0.siteID), "name": .string($0.label), "reason": .string($0.reason)])
            })
    }

    var warningsJSON: JSONValue { Self.ruleList(warnings) }

    /// Each broken rule with where it is: day (1-based), date, site and the rule's stable name.
    var violationsJSON: JSONValue { Self.ruleList(violations) }

    static func ruleList(_ list: [PlanViolation]) -> JSONValue {
        .array(
            list.map { v in
                .object([
                    "day": v.day.map { .number(Double($0 + 1)) } ?? .null,
                    "date": v.date.map { .string($0.description) } ?? .null,
                    "site_id": v.siteID.map(JSONValue.string) ?? .null, "rule": .string(v.rule.rawValue),
                    "message": .string(v.message),
                    "message_zh": .string(v.messageZh)
                ])
            })
    }

    public var featureCollection: FeatureCollection {
        var features: [Feature] = []
        for day in days {
            for (i, s) in day.stops.enumerated() {
                if let leg = s.leg, leg.coordinates.count >= 2,
                    let line = try? leg.coordinates.map({ Position(try Coordinate(longitude: $0.0, latitude: $0.1)) })
                {
                    let from = day.stops[..<i].last { $0.kind != .lunch }
                    features.append(
                        Feature(
                            geometry: .lineString(line),
                            properties: [
                                "kind": .string("leg"), "day": .number(Double(day.index + 1)),
                                "order": .number(Double(i + 1)),
                                "from": .string(from.map { name($0) } ?? ""), "to": .string(name(s)),
                                "depart": .string(localTime(from?.depart ?? s.arrive)),
                                "arrive": .string(localTime(s.arrive)),
                                "distance_m": .number((leg.distanceM * 10).rounded() / 10),
                                "duration_s": .number(leg.durationS),
                                "rests": .number(Double(leg.rests))
                            ]))
                }
                if let c = try? Coordinate(longitude: s.longitude, latitude: s.latitude) {
                    var p = stopObject(s, day: day, order: i + 1)
                    p["kind"] = .string(s.kind == .visit ? "stop" : s.kind.rawValue)
                    features.append(Feature(geometry: .point(Position(c)), properties: p))
                }
            }
        }
        // The plan's own facts beside the features (RFC 7946 foreign members), so one document
        // holds everything a map page or a program needs.
        let members: JSONObject = [
            "attribution": .string(
                "Sites: Showcase Route Planner data (sources per site); roads: see the database's road source"),
            "profile": .string(profile), "first_date": .string(firstDate.description), "score": .number(Double(score)),
            "assumptions": .array(assumptions.map(JSONValue.string)), "not_included": notIncludedJSON,
            "violations": violationsJSON,
            "worst_precision": worstPrecisionJSON, "warnings": warningsJSON, "group": groupJSON, "costs": costsJSON
        ]
        return FeatureCollection(features: features, foreignMembers: members)
    }

    // MARK: GPX 1.1 and KML 2.2

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func coord(_ x: Double) -> String { String(format: "%.7f", x) }

    /// Waypoints for the stops and one track per day (GPS apps cap route points; tracks they keep).
    func gpx() -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Showcase Route Planner\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
        out +=
            "  <metadata><name>\(TripItinerary.xml("Trip from \(firstDate), \(days.count) day(s)"))</name></metadata>\n"
        for day in days {
            for s in day.stops
            where s.kind == .visit || (s.kind == .start && day.index == 0)
                || (s.kind == .end && day.index == days.count - 1)
                || (s.kind == .end && s.label != day.stops.first?.label)
            {
                out +=
                    "  <wpt lat=\"\(TripItinerary.coord(s.latitude))\" lon=\"\(TripItinerary.coord(s.longitude))\"><name>\(TripItinerary.xml(name(s)))</name>"
                out +=
                    "<desc>\(TripItinerary.xml("Day \(day.index + 1), \(clock(s.arrive + s.waiting))–\(clock(s.depart))"))</desc>"
                out += s.kind == .visit ? "<type>site</type></wpt>\n" : "<type>\(s.kind.rawValue)</type></wpt>\n"
            }
        }
        for day in days {
            out += "  <trk><name>\(TripItinerary.xml("Day \(day.index + 1) \(day.date)"))</name><trkseg>\n"
            var last: (Double, Double)?
            for s in day.stops {
                for p in s.leg?.coordinates ?? [] where last.map({ $0 != p }) ?? true {
                    out += "    <trkpt lat=\"\(TripItinerary.coord(p.1))\" lon=\"\(TripItinerary.coord(p.0))\"/>\n";
                    last = p
                }
            }
            out += "  </trkseg></trk>\n"
        }
        return out + "</gpx>\n"
    }

    /// A folder per day: the stops as placemarks and the day's roads as one line.
    func kml() -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n"
        out += "  <name>\(TripItinerary.xml("Trip from \(firstDate)"))</name>\n"
        for day in days {
            out += "  <Folder><name>\(TripItinerary.xml("Day \(day.index + 1) \(day.date)"))</name>\n"
            for s in day.stops where s.kind != .lunch {
                out +=
                    "    <Placemark><name>\(TripItinerary.xml(name(s)))</name><description>\(TripItinerary.xml("\(clock(s.arrive + s.waiting))–\(clock(s.depart))"))</description>"
                out +=
                    "<Point><coordinates>\(TripItinerary.coord(s.longitude)),\(TripItinerary.coord(s.latitude))</coordinates></Point></Placemark>\n"
            }
            var coords: [String] = []
            for s in day.stops {
                for p in s.leg?.coordinates ?? [] {
                    let c = "\(TripItinerary.coord(p.0)),\(TripItinerary.coord(p.1))";
                    if coords.last != c { coords.append(c) }
                }
            }
            if coords.count >= 2 {
                out +=
                    "    <Placemark><name>\(TripItinerary.xml("Day \(day.index + 1) route"))</name><LineString><tessellate>1</tessellate><coordinates>\(coords.joined(separator: " "))</coordinates></LineString></Placemark>\n"
            }
            out += "  </Folder>\n"
        }
        return out + "</Document>\n</kml>\n"
    }

    // MARK: printable Markdown

    func markdown(_ language: PlanLanguage) -> String {
        let zh = language == .zh
        var out =
            zh ? "# 行程：\(firstDate) 起 \(days.count) 天\n\n" : "# Itinerary: \(days.count) day(s) from \(firstDate)\n\n"
        for day in days {
            let weekday = zh ? LocalDateNames.weekdayZh[day.date.weekday] : LocalDateNames.weekdayEn[day.date.weekday]
            out +=
                zh
                ? "## 第 \(day.index + 1) 天 · \(day.date)（\(weekday)）\n\n"
                : "## Day \(day.index + 1) · \(day.date) (\(weekday))\n\n"
            out +=
                zh
                ? "| 时间 | 地点 | 停留 | 路程 |\n|---|---|---|---|\n" : "| Time | Stop | Stay | Travel |\n|---|---|---|---|\n"
            for s in day.stops {
                let time =
                    s.kind == .start
                    ? clock(s.depart)
                    : s.kind == .end ? clock(s.arrive) : "\(clock(s.arrive + s.waiting))–\(clock(s.depart))"
                let what =
                    s.kind == .start
                    ? (zh ? "出发：" : "Leave ") + name(s, language)
                    : s.kind == .end ? (zh ? "到达：" : "Arrive ") + name(s, language) : name(s, language)
                let stay = s.kind == .visit || s.kind == .lunch ? "\((s.depart - s.arrive - s.waiting) / 60) min" : ""
                var travel =
                    s.leg.map { String(format: "%.0f min, %.1f km", $0.durationS / 60, $0.distanceM / 1000) } ?? ""
                if s.travelUnknown { travel = zh ? "未知（与上一站同一粗略坐标）" : "not known (same coarse point as the last stop)" }
                out += "| \(time) | \(what.replacingOccurrences(of: "|", with: "/")) | \(stay) | \(travel) |\n"
            }
            out +=
                "\n"
                + (zh
                    ? "当日行驶 \(String(format: "%.1f", day.distanceM / 1000)) km，约 \(Int((day.drivingS / 60).rounded())) 分钟。\n\n"
                    : "Driving today: \(TripItinerary.km(day.distanceM)), about \(TripItinerary.minutes(day.drivingS)).\n\n")
        }
        if !violations.isEmpty {
            out += zh ? "## 需要注意：不符合规定之处\n\n" : "## Rules this itinerary breaks\n\n"
            for v in violations { out += zh ? "- \(v.day.map { "第 \($0 + 1) 天：" } ?? "")\(v.messageZh)\n" : "- \(v)\n" }
            out += "\n"
        }
        out += groupMarkdown(zh)
        if !warnings.isEmpty {
            out += zh ? "## 提示\n\n" : "## To note\n\n"
            for w in warnings { out += zh ? "- \(w.day.map { "第 \($0 + 1) 天：" } ?? "")\(w.messageZh)\n" : "- \(w)\n" }
            out += "\n"
        }
        out += zh ? "## 说明\n\n" : "## Notes\n\n"
        if let worst = worstPrecision { out += "- \(CoordinatePrecision.line(worst, chinese: zh))\n" }
        for a in assumptions { out += "- \(a)\n" }
        if !skipped.isEmpty {
            out += zh ? "- 未安排：" : "- Not included: "
            out += skipped.prefix(10).map { "\($0.label) (\($0.reason))" }.joined(separator: "; ") + "\n"
        }
        return out
    }
}

enum LocalDateNames {
    static let weekdayEn = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let weekdayZh = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
}
