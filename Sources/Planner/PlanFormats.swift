import Foundation
import GeoCore
import Words

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

/// The languages of plans' texts (Words' `Language`; the name plans have always used).
public typealias PlanLanguage = Language

extension TripItinerary {
    /// `format` in `language`, with request fields spelled plainly (`include_coarse`).
    public func render(_ format: PlanFormat, language: Language = .en) -> String {
        render(format, voice: Voice(language))
    }

    /// `format` in a face's voice: its language and its spelling of request fields.
    public func render(_ format: PlanFormat, voice: Voice) -> String {
        switch format {
        case .text: text(voice)
        case .json: JSONWriter.string(json(voice)) + "\n"
        case .geojson: GeoJSON.text(.featureCollection(featureCollection(voice))) + "\n"
        case .gpx: gpx(voice)
        case .kml: kml(voice)
        case .md: markdown(voice)
        case .ics: calendar(voice)
        case .notice: parentNotice(voice.language)
        case .filing: filingSheet(voice.language)
        }
    }

    func name(_ s: Stop, _ language: Language = .en) -> String {
        switch s.kind {
        case .lunch:
            guard s.label.hasPrefix("lunch at ") else { return ItineraryText.lunch.text(language) }
            return ItineraryText.lunchAt(String(s.label.dropFirst("lunch at ".count))).text(language)
        case .start, .end: return language == .zh ? s.nameZh ?? s.label : s.label
        case .visit:
            if language == .zh { return s.nameZh ?? s.nameEn ?? s.label }
            if let en = s.nameEn, let zh = s.nameZh { return "\(en) (\(zh))" }
            return s.nameEn ?? s.nameZh ?? s.label
        }
    }

    /// The coarsest coordinates' line, if any visit has a precision class.
    func precisionNote() -> PrecisionNote? {
        guard let worst = worstPrecision else { return nil }
        return CoordinatePrecision.isSiteLevel(worst.precision)
            ? .coarsest(precision: worst.precision) : .estimates(precision: worst.precision, stops: worst.siteIDs.count)
    }

    /// A stop's time: `09:00-10:30` for a visit, the departure or arrival for the day's ends.
    func times(_ s: Stop, dash: String) -> String {
        s.kind == .start
            ? clock(s.depart)
            : s.kind == .end ? clock(s.arrive) : "\(clock(s.arrive + s.waiting))\(dash)\(clock(s.depart))"
    }

    /// How the group got to a stop: the drive with its rests, or "not known" between two
    /// sites sharing one coarse point.
    func travel(_ s: Stop, _ v: Voice) -> String {
        if s.travelUnknown { return v.say(ItineraryText.travelNotKnown) }
        guard let leg = s.leg else { return "" }
        let drive = v.say(ItineraryText.leg(durationS: leg.durationS, distanceM: leg.distanceM))
        return leg.rests > 0 ? drive + " (" + v.say(ItineraryText.restsIncluded(leg.rests)) + ")" : drive
    }

    static func km(_ m: Double) -> String { Units.km(m, .en) }
    static func minutesZh(_ s: Double) -> String { Units.duration(s, .zh) }
    static func minutes(_ s: Double) -> String { Units.duration(s, .en) }

    // MARK: text

    func text(_ v: Voice = Voice()) -> String {
        var out = ""
        for day in days {
            out +=
                v.say(
                    ItineraryText.dayHeading(day: day.index + 1, date: day.date.description, weekday: day.date.weekday))
                + "  — "
                + v.say(
                    ItineraryText.daySummary(sites: day.visits.count, distanceM: day.distanceM, drivingS: day.drivingS))
                + "\n"
            out += "  " + v.say(ItineraryText.textColumns) + "\n"
            for s in day.stops {
                let time =
                    s.kind == .start
                    ? "      " + times(s, dash: "-")
                    : s.kind == .end ? times(s, dash: "-") + "      " : times(s, dash: "-")
                let stay =
                    s.kind == .visit || s.kind == .lunch
                    ? Units.duration(Double(s.depart - s.arrive - s.waiting), v.language) : ""
                let label =
                    s.kind == .start
                    ? v.say(ItineraryText.leave(name(s, v.language)))
                    : s.kind == .end
                        ? v.say(ItineraryText.backAt(name(s, v.language)))
                        : name(s, v.language)
                out +=
                    "  " + time.padding(toLength: 12, withPad: " ", startingAt: 0) + "  " + pad(label, 48) + "  "
                    + pad(stay, 10) + "  " + travel(s, v) + "\n"
            }
            out += "\n"
        }
        out +=
            v.say(
                ItineraryText.total(
                    score: score, sites: days.reduce(0) { $0 + $1.visits.count }, days: days.count,
                    distanceM: days.reduce(0) { $0 + $1.distanceM }, profile: profile)) + "\n"
        let colon = v.language == .zh ? "：" : ": "
        if !skipped.isEmpty {
            var items = skipped.prefix(8).map { notIncluded($0, v) }
            if skipped.count > 8 { items.append(v.say(ItineraryText.andMore(skipped.count - 8))) }
            out += v.say(ItineraryText.notIncluded) + colon + Units.clauses(items, v.language) + "\n"
        }
        if let note = precisionNote() { out += v.say(note) + (v.language == .zh ? "。" : ".") + "\n" }
        out += groupText(zh: v.language == .zh)
        out +=
            v.say(ItineraryText.assumptions) + colon + Units.clauses(assumptions.map { v.say($0) }, v.language)
            + (v.language == .zh ? "。" : ".") + "\n"
        for violation in violations { out += v.say(ItineraryText.breaks) + colon + said(violation, v) + "\n" }
        for warning in warnings { out += v.say(ItineraryText.note) + colon + said(warning, v) + "\n" }
        return out
    }

    /// A left-out site and why: `name (reason)`.
    func notIncluded(_ s: Skipped, _ v: Voice) -> String {
        v.language == .zh ? "\(s.name(.zh))（\(v.say(s.reason))）" : "\(s.name(.en)) (\(v.say(s.reason)))"
    }

    /// A broken rule with its day, in a voice.
    func said(_ violation: PlanViolation, _ v: Voice) -> String { FieldText.spell(violation.said(v.language), v.field) }

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

    /// The plan as JSON, its texts in English.
    public var jsonValue: JSONValue { json(Voice()) }

    /// The plan as JSON, its texts (assumptions, reasons, violations) in a voice.
    public func json(_ v: Voice) -> JSONValue {
        let plan: JSONObject = [
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
            "not_included": notIncludedJSON(v), "violations": violationsJSON(v),
            "worst_precision": worstPrecisionJSON(v), "warnings": ruleList(warnings, v), "group": groupJSON,
            "costs": costsJSON
        ]
        return .object(plan.adding(assumptionsJSON(v)))
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

    /// A text in the voice's language, and in each language (`key`, `key_en`, `key_zh`), so a
    /// reader that switches language (the web app) has the other without asking again.
    func texts(_ key: String, _ text: some Worded, _ v: Voice) -> JSONObject {
        [
            key: .string(v.say(text)), key + "_en": .string(FieldText.spell(text.english, v.field)),
            key + "_zh": .string(FieldText.spell(text.chinese, v.field))
        ]
    }

    /// `assumptions` (and `assumptions_en`, `assumptions_zh`).
    func assumptionsJSON(_ v: Voice) -> JSONObject {
        [
            "assumptions": .array(assumptions.map { .string(v.say($0)) }),
            "assumptions_en": .array(assumptions.map { .string(FieldText.spell($0.english, v.field)) }),
            "assumptions_zh": .array(assumptions.map { .string(FieldText.spell($0.chinese, v.field)) })
        ]
    }

    /// `{"precision": class, "site_ids": [...], "note": …}`: the coarsest coordinates the plan's
    /// times rest on, and the line that says so.
    func worstPrecisionJSON(_ v: Voice) -> JSONValue {
        guard let worst = worstPrecision, let note = precisionNote() else { return .null }
        let o: JSONObject = [
            "precision": .string(worst.precision), "site_ids": .array(worst.siteIDs.map(JSONValue.string))
        ]
        return .object(o.adding(texts("note", note, v)))
    }

    func notIncludedJSON(_ v: Voice) -> JSONValue {
        .array(
            skipped.map { s -> JSONValue in
                let o: JSONObject = [
                    "site_id": .string(s.siteID), "name": .string(s.name(v.language)),
                    "name_en": .string(s.name(.en)), "name_zh": .string(s.name(.zh))
                ]
                return .object(o.adding(texts("reason", s.reason, v)))
            })
    }

    /// Each broken rule with where it is: day (1-based), date, site, the rule's stable name, and
    /// what is wrong in the voice's language (`message`) and in both (`message_en`, `message_zh`).
    func violationsJSON(_ v: Voice) -> JSONValue { ruleList(violations, v) }

    /// Rules broken (or warnings) as `violations` lists them.
    func ruleList(_ list: [PlanViolation], _ v: Voice) -> JSONValue {
        .array(
            list.map { violation -> JSONValue in
                let o: JSONObject = [
                    "day": violation.day.map { .number(Double($0 + 1)) } ?? .null,
                    "date": violation.date.map { .string($0.description) } ?? .null,
                    "site_id": violation.siteID.map(JSONValue.string) ?? .null,
                    "rule": .string(violation.rule.rawValue)
                ]
                return .object(o.adding(texts("message", violation.text, v)))
            })
    }

    /// The plan as GeoJSON, its texts in English.
    public var featureCollection: FeatureCollection { featureCollection(Voice()) }

    /// Stops as Points and legs as LineStrings, the plan's facts as foreign members, in a voice.
    public func featureCollection(_ v: Voice) -> FeatureCollection {
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
                                "from": .string(from.map { name($0, v.language) } ?? ""),
                                "to": .string(name(s, v.language)),
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
        let facts: JSONObject = [
            "attribution": .string(
                "Sites: Showcase Route Planner data (sources per site); roads: see the database's road source"),
            "profile": .string(profile), "first_date": .string(firstDate.description), "score": .number(Double(score)),
            "not_included": notIncludedJSON(v), "violations": violationsJSON(v),
            "worst_precision": worstPrecisionJSON(v), "warnings": ruleList(warnings, v), "group": groupJSON,
            "costs": costsJSON
        ]
        return FeatureCollection(features: features, foreignMembers: facts.adding(assumptionsJSON(v)))
    }

    // MARK: GPX 1.1 and KML 2.2

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func coord(_ x: Double) -> String { String(format: "%.7f", x) }

    /// Waypoints for the stops and one track per day (GPS apps cap route points; tracks they keep).
    func gpx(_ v: Voice = Voice()) -> String {
        let say = { (t: ItineraryText) in TripItinerary.xml(v.say(t)) }
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"Showcase Route Planner\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n"
        let trip = say(.tripName(firstDate: firstDate.description, days: days.count))
        out += "  <metadata><name>\(trip)</name></metadata>\n"
        for day in days {
            for s in day.stops
            where s.kind == .visit || (s.kind == .start && day.index == 0)
                || (s.kind == .end && day.index == days.count - 1)
                || (s.kind == .end && s.label != day.stops.first?.label)
            {
                let (lat, lon) = (TripItinerary.coord(s.latitude), TripItinerary.coord(s.longitude))
                let times = ItineraryText.visitTimes(
                    day: day.index + 1, from: clock(s.arrive + s.waiting), to: clock(s.depart))
                out += "  <wpt lat=\"\(lat)\" lon=\"\(lon)\"><name>\(TripItinerary.xml(name(s, v.language)))</name>"
                out += "<desc>\(say(times))</desc>"
                out += s.kind == .visit ? "<type>site</type></wpt>\n" : "<type>\(s.kind.rawValue)</type></wpt>\n"
            }
        }
        for day in days {
            out += "  <trk><name>\(say(.dayDated(day: day.index + 1, date: day.date.description)))</name><trkseg>\n"
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
    func kml(_ v: Voice = Voice()) -> String {
        let say = { (t: ItineraryText) in TripItinerary.xml(v.say(t)) }
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n"
        out += "  <name>\(say(.tripName(firstDate: firstDate.description, days: days.count)))</name>\n"
        for day in days {
            out += "  <Folder><name>\(say(.dayDated(day: day.index + 1, date: day.date.description)))</name>\n"
            for s in day.stops where s.kind != .lunch {
                out +=
                    "    <Placemark><name>\(TripItinerary.xml(name(s, v.language)))</name>"
                    + "<description>\(clock(s.arrive + s.waiting))–\(clock(s.depart))</description>"
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
                    "    <Placemark><name>\(say(.route(day: day.index + 1)))</name><LineString><tessellate>1</tessellate>"
                    + "<coordinates>\(coords.joined(separator: " "))</coordinates></LineString></Placemark>\n"
            }
            out += "  </Folder>\n"
        }
        return out + "</Document>\n</kml>\n"
    }

    // MARK: printable Markdown

    func markdown(_ v: Voice) -> String {
        var out = "# " + v.say(ItineraryText.title(days: days.count, firstDate: firstDate.description)) + "\n\n"
        for day in days {
            out +=
                "## "
                + v.say(
                    ItineraryText.dayHeading(day: day.index + 1, date: day.date.description, weekday: day.date.weekday))
                + "\n\n"
            out += v.say(ItineraryText.columns) + "\n|---|---|---|---|\n"
            for s in day.stops {
                let what =
                    s.kind == .start
                    ? v.say(ItineraryText.leave(name(s, v.language)))
                    : s.kind == .end ? v.say(ItineraryText.backAt(name(s, v.language))) : name(s, v.language)
                let stay =
                    s.kind == .visit || s.kind == .lunch
                    ? v.say(ItineraryText.stay(minutes: (s.depart - s.arrive - s.waiting) / 60)) : ""
                let cells = [times(s, dash: "–"), what.replacingOccurrences(of: "|", with: "/"), stay, travel(s, v)]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
            out += "\n" + v.say(ItineraryText.drivingToday(distanceM: day.distanceM, drivingS: day.drivingS)) + "\n\n"
        }
        if !violations.isEmpty {
            out += "## " + v.say(ItineraryText.breaksHeading) + "\n\n"
            for violation in violations { out += "- \(said(violation, v))\n" }
            out += "\n"
        }
        out += groupMarkdown(v.language == .zh)
        if !warnings.isEmpty {
            out += "## " + v.say(ItineraryText.noteHeading) + "\n\n"
            for warning in warnings { out += "- \(said(warning, v))\n" }
            out += "\n"
        }
        out += "## " + v.say(ItineraryText.notesHeading) + "\n\n"
        if let note = precisionNote() { out += "- \(v.say(note))\n" }
        for a in assumptions { out += "- \(v.say(a))\n" }
        if !skipped.isEmpty {
            let colon = v.language == .zh ? "：" : ": "
            out +=
                "- " + v.say(ItineraryText.notIncluded) + colon
                + Units.clauses(skipped.prefix(10).map { notIncluded($0, v) }, v.language) + "\n"
        }
        return out
    }
}

extension JSONObject {
    /// These members, then `other`'s.
    func adding(_ other: JSONObject) -> JSONObject {
        var out = self
        for (k, v) in other.members { out[k] = v }
        return out
    }
}

enum LocalDateNames {
    static let weekdayEn = (0..<7).map { Units.weekday($0, .en) }
    static let weekdayZh = (0..<7).map { Units.weekday($0, .zh) }
}
