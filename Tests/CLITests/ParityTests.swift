import Foundation
import Testing
import TestSupport

private let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The CLI and the HTTP service are two faces of the same operations: the same request gives the
/// same document through `showcase …` and through a real `showcase serve` on the same database.
@Suite(.serialized) struct ParityTests {

    func cli(_ arguments: [String], _ s: RunningServer) throws -> String {
        let run = try showcase(arguments + ["--db", s.db, "--data", projectRoot.path])
        #expect(run.status == 0, "\(arguments): \(run.stderr)")
        return run.stdout
    }

    func http(_ path: String, _ s: RunningServer, method: String = "GET", body: String? = nil) throws -> String {
        let r = try s.request(path, method: method, body: body)
        #expect(r.status == 200, "\(path): \(r.body)")
        return r.body
    }

    @Test func routeWithViaPointsIsTheSameDocument() throws {
        let s = try RunningServer(token: "parity-token")
        for (format, f) in [("json", "json"), ("geojson", "geojson"), ("text", "text")] {
            let a = try cli(
                [
                    "route", "Hohhot", "Ordos", "--via", "Baotou", "--via", "im-bt-meidaizhao", "--profile", "coach",
                    "--format", format
                ], s)
            let b = try http("/route?from=Hohhot&to=Ordos&via=Baotou&via=im-bt-meidaizhao&profile=coach&f=\(f)", s)
            #expect(a == b)
            #expect(a.contains("Baotou"))
        }
        // The legs are in the document: Hohhot → Baotou → Mei Dai Zhao → Ordos.
        let doc =
            try JSONSerialization.jsonObject(
                with: Data(try cli(["route", "Hohhot", "Ordos", "--via", "Baotou", "--format", "json"], s).utf8))
            as! [String: Any]
        #expect(
            (doc["legs"] as! [[String: Any]]).count == 2 && doc["last_mile_m"] != nil
                && doc["algorithm"] as? String == "ch")
    }

    @Test func matrixIsTheSameDocument() throws {
        let s = try RunningServer(token: "parity-token")
        let ids = "im-hhht-dazhao-temple,im-bt-meidaizhao,im-ordos-genghis-mausoleum"
        let a = try cli(["matrix", "--sites", ids, "--profile", "coach"], s)
        let b = try http(
            "/matrix", s, method: "POST",
            body:
                #"{"sites": ["im-hhht-dazhao-temple", "im-bt-meidaizhao", "im-ordos-genghis-mausoleum"], "profile": "coach"}"#
        )
        #expect(a == b)
        #expect(a.contains(#""places":["im-hhht-dazhao-temple""#))
        let csvA = try cli(["matrix", "--sites", ids, "--format", "csv"], s)
        let csvB = try http("/matrix?f=csv", s, method: "POST", body: #"{"sites": "\#(ids)"}"#)
        #expect(csvA == csvB && csvA.split(separator: "\n").count == 10)
    }

    @Test func reachIsTheSameDocument() throws {
        let s = try RunningServer(token: "parity-token")
        let a = try cli(["reach", "Hohhot", "--minutes", "90", "--profile", "coach"], s)
        let b = try http("/reach?from=Hohhot&minutes=90&profile=coach", s)
        #expect(a == b)
        #expect(a.contains("reachable-area") && a.contains("\"duration_s\""))
    }

    @Test func seededSolveIsTheSameDocument() throws {
        let s = try RunningServer(token: "parity-token")
        // 12 sites with windows, two days: a real search, made repeatable by seed and iterations.
        let n = 13
        var generator = SeededGenerator(seed: 15)
        let points = (0..<n).map { _ in
            (Int.random(in: 0...100, using: &generator), Int.random(in: 0...100, using: &generator))
        }
        let matrix = points.map { a in
            points.map { b in Int((Double((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1))).squareRoot() * 60) }
        }
        let jobs = (1..<n).map { i in
            #"{"id":\#(i),"location_index":\#(i),"service":1800,"priority":\#(i % 5 + 1),"time_windows":[[\#(i * 1000),\#(i * 1000 + 20000)]]}"#
        }
        let problem =
            #"{"vehicles":[{"id":1,"start_index":0,"end_index":0,"time_window":[0,40000]},{"id":2,"start_index":0,"end_index":0,"time_window":[0,40000]}],"jobs":[\#(jobs.joined(separator: ","))],"matrices":{"car":{"durations":\#(matrix)}},"unknown_key":1}"#
        let file = s.dir.appendingPathComponent("problem.json")
        try problem.write(to: file, atomically: true, encoding: .utf8)
        let run = try showcase([
            "solve", file.path, "--seed", "7", "--iterations", "300", "--time-limit", "10", "--threads", "2", "--db",
            s.db, "--data", projectRoot.path
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning") && run.stderr.contains("unknown_key"))
        let b = try http("/solve?seed=7&iterations=300&time_limit=10&threads=2", s, method: "POST", body: problem)
        // Equal but for the time it took (summary.computing_times).
        #expect(try withoutTimes(run.stdout) == withoutTimes(b))
        #expect(b.contains(#""warnings":["#) && b.contains("unknown_key"))
    }

    /// VROOM's format with our `hotel_selection`: two days, the night at hotel 2 (north, near
    /// the two jobs worth 5) or hotel 3 (south, near those worth 1). Each day's limit (900 s)
    /// keeps the southern jobs out of reach from the north, so [0, 2, 1] scoring 10 is the
    /// optimum, and it equals the search's bound: both faces must find it.
    @Test func hotelSelectionInVroomFormatOverBothFaces() throws {
        let s = try RunningServer(token: "parity-token")
        let points: [(Double, Double)] = [(0, 0), (20, 0), (10, 5), (10, -5), (5, 6), (15, 6), (5, -6), (15, -6)]
        let matrix = points.map { a in points.map { b in Int((hypot(a.0 - b.0, a.1 - b.1) * 60).rounded()) } }
        let jobs = (4...7).map { i in #"{"id":\#(i),"location_index":\#(i),"priority":\#(i < 6 ? 5 : 1)}"# }
        let problem =
            #"{"vehicles":[{"id":1,"start_index":0,"max_travel_time":900},{"id":2,"end_index":1,"max_travel_time":900}],"jobs":[\#(jobs.joined(separator: ","))],"matrices":{"car":{"durations":\#(matrix)}},"hotel_selection":{"candidates":[2,3],"max_travel_time":1800}}"#
        let file = s.dir.appendingPathComponent("hotels.json")
        try problem.write(to: file, atomically: true, encoding: .utf8)
        let answers = [
            try cli(["solve", file.path, "--time-limit", "2"], s),
            try http("/solve?time_limit=2", s, method: "POST", body: problem)
        ]
        for answer in answers {
            let doc = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as! [String: Any]
            #expect((doc["hotel_selection"] as! [String: Any])["sequence"] as? [Int] == [0, 2, 1], "\(answer)")
            let routes = doc["routes"] as! [[String: Any]]
            let stops = routes.map { ($0["steps"] as! [[String: Any]]).compactMap { $0["location_index"] as? Int } }
            #expect(
                stops.count == 2 && stops[0].first == 0 && stops[0].last == 2 && stops[1].first == 2
                    && stops[1].last == 1, "\(stops)")
            #expect(Set(stops.flatMap { $0 }.filter { $0 >= 4 }) == [4, 5])
            for route in stops {
                #expect(zip(route, route.dropFirst()).reduce(0) { $0 + matrix[$1.0][$1.1] } <= 900)
            }
        }
        // A candidate outside the matrix is named, on both faces.
        let bad = problem.replacingOccurrences(of: "[2,3]", with: "[2,30]")
        let badFile = s.dir.appendingPathComponent("bad-hotels.json")
        try bad.write(to: badFile, atomically: true, encoding: .utf8)
        let run = try showcase(["solve", badFile.path, "--db", s.db, "--data", projectRoot.path])
        #expect(
            run.status != 0 && run.stderr.contains("hotel_selection.candidates[1]")
                && run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
        let r = try s.request("/solve", method: "POST", body: bad)
        #expect(r.status == 400 && r.body.contains("hotel_selection.candidates[1]"), "\(r.body)")
    }

    @Test func seededPlanIsTheSameDocumentInEveryFormat() throws {
        let s = try RunningServer(token: "parity-token")
        let plan =
            "start: Hohhot\ndate: 2026-06-02\ndays: 2\nprofile: coach\nthemes: [heritage]\nseed: 3\niterations: 200\ntime_limit: 10\n"
        let file = s.dir.appendingPathComponent("parity.yaml")
        try plan.write(to: file, atomically: true, encoding: .utf8)
        for format in ["json", "geojson", "md", "gpx", "kml"] {
            let a = try cli(["plan", file.path, "--format", format, "--lang", "zh"], s)
            let b = try http("/plan?f=\(format)&lang=zh", s, method: "POST", body: plan)
            #expect(a == b, "\(format)")
        }
        // The same request as JSON keys gives the same plan.
        let json =
            #"{"start": "Hohhot", "date": "2026-06-02", "days": 2, "profile": "coach", "themes": ["heritage"], "seed": 3, "iterations": 200, "time_limit": 10}"#
        #expect(
            try http("/plan?f=json", s, method: "POST", body: json) == cli(["plan", file.path, "--format", "json"], s))
    }

    /// A school group's plan (group, coach seats, budget) through both faces: the plan file and
    /// the flags give the same document as the same keys over HTTP, in JSON, Markdown and the
    /// two papers; bad group values are refused alike, each face naming its own field.
    @Test func schoolPlanIsTheSameDocumentInEveryFormat() throws {
        let s = try RunningServer(token: "parity-token")
        let plan =
            try String(contentsOfFile: projectRoot.path + "/Plans/school-study-tour-2-days.yaml", encoding: .utf8)
            + "seed: 3\niterations: 100\ntime_limit: 10\n"
        let file = s.dir.appendingPathComponent("school.yaml")
        try plan.write(to: file, atomically: true, encoding: .utf8)
        for format in ["json", "notice", "filing", "md"] {
            for lang in ["zh", "en"] {
                let a = try cli(["plan", file.path, "--format", format, "--lang", lang], s)
                let b = try http("/plan?f=\(format)&lang=\(lang)", s, method: "POST", body: plan)
                #expect(a == b, "\(format) \(lang)")
            }
        }
        let doc =
            try JSONSerialization.jsonObject(with: Data(try cli(["plan", file.path, "--format", "json"], s).utf8))
            as! [String: Any]
        let group = doc["group"] as! [String: Any], costs = doc["costs"] as! [String: Any]
        #expect(
            group["people"] as? Int == 99 && group["coaches"] as? Int == 3 && group["seats_per_coach"] as? Int == 45)
        #expect((group["ratios"] as! [[String: Any]]).count == 3)
        #expect(costs["currency"] as? String == "CNY" && (costs["per_student_cny"] as! Double) <= 700)
        let items = costs["items"] as! [[String: Any]]
        #expect(
            items.allSatisfy { ["item", "quantity", "unit_cny", "amount_cny", "source"].allSatisfy($0.keys.contains) })
        // The flags say what the file's keys say.
        let flags = try cli(
            [
                "plan", "--start", "Hohhot", "--date", "2026-09-15", "--days", "2", "--window", "08:00-17:30",
                "--profile", "coach", "--theme", "heritage", "--theme", "red-education", "--theme", "ethnic-unity",
                "--hotel", "Baotou", "--lunch", "11:30-13:00/60", "--students", "90", "--grade", "7", "--teachers", "6",
                "--safety-officers", "1", "--guides", "2", "--coach-seats", "45", "--budget-per-student", "700",
                "--seed", "3", "--iterations", "100", "--time-limit", "10", "--format", "json"
            ], s)
        #expect(flags == (try http("/plan?f=json", s, method: "POST", body: plan)))
        // group_size alone is the pupils.
        let sized = try http(
            "/plan?f=json", s, method: "POST",
            body: "start: Hohhot\ndate: 2026-09-15\ngroup_size: 45\nprofile: coach\niterations: 50\n")
        #expect(sized.contains(#""students":45"#) && sized.contains(#""people":45"#) && sized.contains(#""coaches":1"#))
        // Out of range: the CLI names the flag, HTTP the key.
        let bad = try showcase([
            "plan", file.path, "--grade", "13", "--db", s.db, "--data", projectRoot.path
        ])
        #expect(bad.status == 1 && bad.stderr.contains("--grade must be 1 to 12 (got 13)"), "\(bad.stderr)")
        let r = try s.request(
            "/plan", method: "POST", body: plan.replacingOccurrences(of: "grade: 7", with: "grade: 13"))
        #expect(r.status == 400 && r.body.contains("group.grade must be 1 to 12 (got 13)"), "\(r.body)")
        let cheap = try s.request(
            "/plan", method: "POST",
            body: plan.replacingOccurrences(of: "budget_per_student: 700", with: "budget_per_student: 300"))
        #expect(cheap.status == 422 && cheap.body.contains("the budget must be at least"), "\(cheap.body)")
    }

    /// Hand-arranged trips that drive when the law forbids it, evaluated on the real roads: a
    /// day that drives home at night says so, one that leaves at 01:00 breaks 02:00–05:00.
    @Test func anEvaluatedTripThatDrivesAtNightSaysSo() throws {
        let s = try RunningServer(token: "parity-token")
        // Erenhot's port has no hours in the data: open all day here, so nothing waits for an opening.
        let night =
            "start: Hohhot\ndate: 2026-06-02\nprofile: coach\nwindow: \"16:00-23:59\"\nlunch: none\n"
            + "default_hours: \"00:00-24:00\"\nvisits:\n  - [im-xlgl-erenhot-port]\n"
        let text = try http("/itinerary/evaluate?f=json", s, method: "POST", body: night)
        let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let warnings = (doc["warnings"] as! [[String: Any]]).map { $0["rule"] as! String }
        let broken = (doc["violations"] as! [[String: Any]]).map { $0["rule"] as! String }
        #expect(warnings.contains("night-driving"), "\(warnings)")
        #expect(broken.contains("driving-24h"), "\(broken)")
        let early = night.replacingOccurrences(of: "16:00-23:59", with: "01:00-14:00")
        let e = try http("/itinerary/evaluate?f=json", s, method: "POST", body: early)
        #expect(e.contains(#""rule":"no-running""#), "\(e)")
        // The CLI says the same, and refuses to plan such a window for a coach.
        let file = s.dir.appendingPathComponent("early.yaml")
        try early.write(to: file, atomically: true, encoding: .utf8)
        let run = try showcase([
            "itinerary", "evaluate", file.path, "--format", "json", "--db", s.db, "--data", projectRoot.path
        ])
        #expect(run.status == 2 && run.stdout == e && run.stderr.contains("long-distance coaches do not run"))
        let planned = try showcase([
            "plan", "--start", "Hohhot", "--date", "2026-06-02", "--profile", "coach", "--window", "04:00-12:00",
            "--lunch", "none", "--db", s.db, "--data", projectRoot.path
        ])
        #expect(planned.status == 1 && planned.stderr.contains("--window 04:00-12:00 reaches into 02:00–05:00"))
    }

    @Test func errorsAreTheSameRefusalWordedForEachFace() throws {
        let s = try RunningServer(token: "parity-token")
        let run = try showcase(["route", "Nowhereville", "Baotou", "--db", s.db, "--data", projectRoot.path])
        #expect(run.status == 1 && run.stderr.contains("FROM: \"Nowhereville\" is not lon,lat"))
        let r = try s.request("/route?from=Nowhereville&to=Baotou")
        let problem = try JSONSerialization.jsonObject(with: Data(r.body.utf8)) as! [String: Any]
        #expect(r.status == 404 && r.type == "application/problem+json")
        #expect(
            problem["code"] as? String == "unknown-place"
                && (problem["detail"] as? String ?? "").hasPrefix("from: \"Nowhereville\" is not lon,lat"))
        // A field out of range: the CLI names its flag, HTTP its key.
        let days = try showcase([
            "plan", "--start", "Hohhot", "--date", "2026-06-02", "--days", "20", "--db", s.db, "--data",
            projectRoot.path
        ])
        #expect(days.status == 1 && days.stderr.contains("--days must be 1 to 14"))
        let d = try s.request("/plan", method: "POST", body: "start: Hohhot\ndate: 2026-06-02\ndays: 20\n")
        let dp = try JSONSerialization.jsonObject(with: Data(d.body.utf8)) as! [String: Any]
        #expect(
            d.status == 400 && dp["code"] as? String == "invalid-request"
                && (dp["detail"] as? String ?? "").hasPrefix("days must be 1 to 14"))
    }

    /// A planned itinerary, arranged by hand exactly as planned (its visits, lunch and nights),
    /// comes back unchanged: the same times, no rule broken; through HTTP and the CLI alike.
    @Test func evaluatingAPlannedOrderGivesItBackUnchanged() throws {
        let s = try RunningServer(token: "parity-token")
        let plan =
            try JSONSerialization.jsonObject(
                with: Data(
                    try http(
                        "/plan?f=json", s, method: "POST",
                        body:
                            #"{"start": "Hohhot", "date": "2026-06-02", "days": 3, "profile": "coach", "themes": ["heritage"], "seed": 5, "iterations": 100}"#
                    ).utf8)) as! [String: Any]
        let days = plan["days"] as! [[String: Any]]
        var visits: [[Any]] = [], hotels: [String] = []
        for day in days {
            let stops = day["stops"] as! [[String: Any]]
            visits.append(
                stops.compactMap {
                    $0["kind"] as? String == "visit"
                        ? $0["site_id"] : $0["kind"] as? String == "lunch" ? ["lunch": true] : nil
                })
            hotels.append(stops.last!["label"] as! String)
        }
        let doc: [String: Any] = [
            "start": "Hohhot", "date": "2026-06-02", "profile": "coach", "themes": ["heritage"], "visits": visits,
            "hotels": Array(hotels.dropLast())
        ]
        let body = String(decoding: try JSONSerialization.data(withJSONObject: doc), as: UTF8.self)
        let evaluatedText = try http("/itinerary/evaluate?f=json", s, method: "POST", body: body)
        let evaluated = try JSONSerialization.jsonObject(with: Data(evaluatedText.utf8)) as! [String: Any]
        #expect((evaluated["violations"] as! [Any]).isEmpty, "\(evaluated["violations"]!)")
        func times(_ p: [String: Any]) -> [String] {
            (p["days"] as! [[String: Any]]).flatMap {
                ($0["stops"] as! [[String: Any]]).map {
                    "\($0["kind"]!) \($0["site_id"] ?? "") \($0["arrive"]!) \($0["depart"]!)"
                }
            }
        }
        #expect(times(evaluated) == times(plan))
        #expect(times(plan).count > 10)
        // The CLI gives the same document (exit 0: no rule broken).
        let file = s.dir.appendingPathComponent("arranged.json")
        try body.write(to: file, atomically: true, encoding: .utf8)
        #expect(try cli(["itinerary", "evaluate", file.path, "--format", "json"], s) == evaluatedText)
    }

    /// A museum on its closed day, a 5 h 50 min drive without a rest, a day that ends after its
    /// window and drives more than 8 h: each comes back named, with its day and site, from both faces.
    @Test func evaluatingABrokenOrderNamesEachRule() throws {
        let s = try RunningServer(token: "parity-token")
        let yaml = """
            start: Hohhot
            date: 2026-06-01
            profile: coach
            visits:
              - [im-hhht-inner-mongolia-museum, {site: im-xlgl-erenhot-port, rests: 0}]
              - [im-hhht-dazhao-temple]
            """
        let text = try http("/itinerary/evaluate?f=json", s, method: "POST", body: yaml)
        let doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let violations = doc["violations"] as! [[String: Any]]
        let byRule = Dictionary(grouping: violations) { $0["rule"] as! String }
        let closed = try #require(byRule["closed"]?.first)
        #expect(closed["day"] as? Int == 1 && closed["site_id"] as? String == "im-hhht-inner-mongolia-museum")
        #expect((closed["message"] as! String).hasSuffix("is closed on Monday 2026-06-01"))
        #expect((closed["message_zh"] as! String).contains("2026-06-01（星期一）闭馆"))
        let drive = try #require(byRule["driving-rule"]?.first)
        #expect(
            drive["site_id"] as? String == "im-xlgl-erenhot-port"
                && (drive["message"] as! String).contains("with no 20-minute rest"))
        let late = try #require(byRule["ends-late"]?.first)
        #expect(late["day"] as? Int == 1 && (late["message"] as! String).hasSuffix("after the 17:30 window"))
        // There and back is 11 h 40 min at the wheel: over the law's 8 h in 24 h, on day 1.
        let law = try #require(byRule["driving-24h"]?.first)
        #expect(law["day"] as? Int == 1 && (law["message"] as! String).contains("more than the 8 h allowed"))
        #expect(
            !byRule.keys.contains {
                ["closed", "driving-rule", "ends-late", "driving-24h"].contains($0) == false && $0 != "outside-hours"
                    && $0 != "lunch"
            }, "\(byRule.keys)")
        // Day 2 is legal: nothing is said of it.
        #expect(!violations.contains { $0["day"] as? Int == 2 })
        // The CLI: the same document, and exit 2 with each rule on stderr.
        let file = s.dir.appendingPathComponent("broken.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let run = try showcase([
            "itinerary", "evaluate", file.path, "--format", "json", "--db", s.db, "--data", projectRoot.path
        ])
        #expect(run.status == 2 && run.stdout == text)
        #expect(
            run.stderr.contains("day 1 (2026-06-01): 内蒙古博物院") && run.stderr.contains("is closed on Monday 2026-06-01"))
        // Without `rests`, the coach rule's rest is taken on the way and the drive is legal.
        let rested = try http(
            "/itinerary/evaluate?f=geojson", s, method: "POST",
            body: yaml.replacingOccurrences(of: "{site: im-xlgl-erenhot-port, rests: 0}", with: "im-xlgl-erenhot-port"))
        #expect(!rested.contains("driving-rule") && rested.contains(#""rests":1"#))
    }

    /// `POST /collections/sites/items` takes the CSV that `showcase sites import` takes, with the
    /// same checks and the same all-or-nothing rule.
    @Test func csvUploadNeedsTheTokenAndIsAllOrNothing() throws {
        let s = try RunningServer(token: "parity-token")
        let header = "id,name_zh,name_en,kind,themes,lon,lat\n"
        let good =
            header
            + "test-upload-1,上传一,Upload One,museum,heritage,111.7,40.8\ntest-upload-2,上传二,Upload Two,temple,heritage,111.6,40.85\n"
        let csv = ["Content-Type: text/csv"]
        #expect(try s.request("/collections/sites/items", method: "POST", body: good, headers: csv).status == 401)
        #expect(
            try s.request(
                "/collections/sites/items", method: "POST", body: good, headers: csv + ["Authorization: Bearer wrong"]
            ).status == 401)
        let before = try count(s)
        // A bad third line: the file and line are named and nothing is written.
        let bad = good + "test-upload-3,上传三,Upload Three,museum,heritage,111.6,91.5\n"
        let refused = try s.request(
            "/collections/sites/items", method: "POST", body: bad, headers: csv + ["Authorization: Bearer parity-token"]
        )
        #expect(refused.status == 400 && refused.body.contains("body:4: latitude 91.5 out of range"), "\(refused.body)")
        #expect(try count(s) == before)
        let cliRefusal = try showcase(["sites", "import", writeFile(bad, "bad.csv", s), "--db", s.db])
        #expect(cliRefusal.status == 1 && cliRefusal.stderr.contains(":4: latitude 91.5 out of range"))
        let accepted = try s.request(
            "/collections/sites/items", method: "POST", body: good,
            headers: csv + ["Authorization: Bearer parity-token"])
        #expect(accepted.status == 200 && accepted.body.contains(#""inserted":2"#), "\(accepted.body)")
        #expect(try count(s) == before + 2)
        let item = try s.request("/collections/sites/items/test-upload-2")
        #expect(item.status == 200 && item.body.contains("上传二"))
    }

    /// An edited itinerary saved as a tour (with the token) is then a stored tour like the
    /// shipped ones: listed over HTTP, evaluated by the CLI on a date.
    @Test func anArrangedItineraryIsSavedAsATour() throws {
        let s = try RunningServer(token: "parity-token")
        let body =
            #"{"id": "hohhot-two-temples", "name_zh": "呼和浩特两寺", "kind": "study", "itinerary": {"start": "Hohhot", "date": "2026-06-02", "visits": [["im-hhht-dazhao-temple", {"lunch": true}, {"site": "im-hhht-five-pagoda-temple", "stay_minutes": 50}]]}}"#
        let auth = ["Content-Type: application/json", "Authorization: Bearer parity-token"]
        #expect(try s.request("/collections/tours/items", method: "POST", body: body).status == 401)
        let wrongLayer = try s.request("/collections/routes/items", method: "POST", body: body, headers: auth)
        #expect(wrongLayer.status == 400 && wrongLayer.body.contains(#""field":"kind""#))
        let unknown = try s.request(
            "/collections/tours/items", method: "POST",
            body: body.replacingOccurrences(of: "im-hhht-dazhao-temple", with: "no-such-site"), headers: auth)
        #expect(unknown.status == 404 && unknown.body.contains("no-such-site"))
        let saved = try s.request("/collections/tours/items", method: "POST", body: body, headers: auth)
        #expect(saved.status == 201 && saved.body.contains(#""stops":2"#), "\(saved.body)")
        #expect(
            try s.request("/collections/tours/items", method: "POST", body: body, headers: auth).body.contains(
                #""replaced":true"#))
        let item = try s.request("/collections/tours/items/hohhot-two-temples")
        #expect(item.status == 200 && item.body.contains("呼和浩特两寺") && item.body.contains(#""stay_minutes":50"#))
        let run = try showcase([
            "tours", "evaluate", "hohhot-two-temples", "--date", "2026-06-02", "--db", s.db, "--data", projectRoot.path
        ])
        #expect(
            run.status == 0 && run.stdout.contains("大召寺") && run.stderr.contains("every rule kept"), "\(run.stderr)")
    }

    func count(_ s: RunningServer) throws -> Int {
        let page =
            try JSONSerialization.jsonObject(with: Data(try s.request("/collections/sites/items?limit=1").body.utf8))
            as! [String: Any]
        return page["numberMatched"] as! Int
    }

    func writeFile(_ text: String, _ name: String, _ s: RunningServer) throws -> String {
        let url = s.dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func withoutTimes(_ text: String) throws -> NSDictionary {
        var doc = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        var summary = doc["summary"] as! [String: Any]
        summary["computing_times"] = nil
        doc["summary"] = summary
        return doc as NSDictionary
    }
}
