import Foundation
import Testing

private func write(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("solve-\(UUID()).json")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

@Suite struct SolveCommandTests {
    @Test func solvesAVroomProblemAndWritesVroomsSolution() throws {
        // Two sites; the day (0–100) fits only one round trip to the far one (priority 9) or the near one (priority 2).
        let path = try write(
            #"""
            {"vehicles":[{"id":1,"start_index":0,"end_index":0,"time_window":[0,100]}],
             "jobs":[{"id":10,"location_index":1,"priority":2},{"id":20,"location_index":2,"priority":9,"service":20}],
             "matrices":{"car":{"durations":[[0,10,40],[10,0,45],[40,45,0]]}}}
            """#)
        let run = try showcase(["solve", path, "--iterations", "20"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let summary = out["summary"] as! [String: Any]
        #expect(summary["priority"] as? Int == 9)
        #expect((out["unassigned"] as! [[String: Any]]).map { $0["id"] as! Int } == [10])
    }

    @Test func coordinatesWithoutAMatrixUseStraightLinesAtTheStatedSpeed() throws {
        // Hohhot centre to Da Zhao and back at 40 km/h; the warning says how times were made.
        let path = try write(
            #"""
            {"vehicles":[{"id":1,"start":[111.65222,40.81056],"end":[111.65222,40.81056]}],
             "jobs":[{"id":1,"location":[111.64667,40.79806],"priority":1}]}
            """#)
        let run = try showcase(["solve", path, "--iterations", "5", "--straight-line"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("no matrix; using straight-line distances at 40.0 km/h"))
        let out = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let cost = (out["summary"] as! [String: Any])["cost"] as! Int
        // The test's own haversine (mean radius 6,371,008.8 m), rounded per leg like the product.
        let r = Double.pi / 180, (lon1, lat1, lon2, lat2) = (111.65222, 40.81056, 111.64667, 40.79806)
        let h = pow(sin((lat2 - lat1) * r / 2), 2) + cos(lat1 * r) * cos(lat2 * r) * pow(sin((lon2 - lon1) * r / 2), 2)
        let metres = (2 * 6_371_008.8 * asin(sqrt(h))).rounded()
        #expect(cost == 2 * Int((metres / (40 / 3.6)).rounded()))
    }

    @Test func coordinatesWithoutAMatrixUseTheRoadGraphWhenTheDatabaseHasOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("solve-\(UUID()).gpkg").path
        #expect(try showcase(["init", "--db", db, "--data", root.path]).status == 0)
        // Hohhot to Baotou and back: the road matrix must equal `showcase route` both ways.
        let path = try write(
            #"""
            {"vehicles":[{"id":1,"start":[111.65222,40.81056],"end":[111.65222,40.81056]}],
             "jobs":[{"id":1,"location":[109.84389,40.65160],"priority":1}]}
            """#)
        let run = try showcase(["solve", path, "--iterations", "5", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("travel times from the car road graph"))
        let out = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let summary = out["summary"] as! [String: Any]
        var expected = 0.0
        for (a, b) in [("111.65222,40.81056", "109.84389,40.65160"), ("109.84389,40.65160", "111.65222,40.81056")] {
            let r = try showcase(["route", a, b, "--format", "json", "--db", db])
            expected +=
                ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["duration_s"]
                as! NSNumber).doubleValue
        }
        #expect(abs(Double(summary["duration"] as! Int) - expected) <= 1)
    }

    @Test(arguments: [
        (#"{"jobs": [1,"#, "not valid JSON"),
        (
            #"{"jobs":[{"id":1,"location_index":3}],"vehicles":[{"id":1,"start_index":0}],"matrices":{"car":{"durations":[[0,1],[1,0]]}}}"#,
            "jobs[0].location_index: 3 is outside the 2×2 matrix"
        ),
        (
            #"{"jobs":[{"id":1,"location_index":1,"mandatory":true,"time_windows":[[0,5]]}],"vehicles":[{"id":1,"start_index":0}],"matrices":{"car":{"durations":[[0,9],[9,0]]}}}"#,
            "mandatory job 1 cannot be visited: no route reaches it within its time windows and is back in time"
        )
    ])
    func badProblemsGetOneLineAndExit1(json: String, message: String) throws {
        let path = try write(json)
        let run = try showcase(["solve", path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("showcase: error: \(path): \(message)"), "\(run.stderr)")
        #expect(run.stderr.filter { $0 == "\n" }.count == 1)
        #expect(run.stdout.isEmpty)
    }
}

@Suite struct SolveOPHSCommandTests {
    /// Five locations: start (0,0), end (10,0), an extra hotel (5,5), and three scored vertices.
    static let instance = "5 1 2\n30\n20 15\n0 0 0\n10 0 0\n5 5 0\n1 1 4\n9 1 7\n5 6 3\n-----\n"

    @Test func readsAnOPHSFileByItsContentAndWritesTheBenchmarksAnswer() throws {
        let path = try write(Self.instance) // a .json name: the content decides
        let run = try showcase(["solve", path, "--format", "json", "--time-limit", "0.3"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let trips = out["trips"] as! [[Int]]
        // The test's own check: chaining, hotels, limits (20 and 15, 30 in all), each vertex once.
        let points: [(Double, Double, Int)] = [(0, 0, 0), (10, 0, 0), (5, 5, 0), (1, 1, 4), (9, 1, 7), (5, 6, 3)]
        let length = { (t: [Int]) in
            zip(t, t.dropFirst()).reduce(0.0) {
                $0 + hypot(points[$1.0].0 - points[$1.1].0, points[$1.0].1 - points[$1.1].1)
            }
        }
        #expect(trips.count == 2 && trips[0].first == 0 && trips[1].first == trips[0].last && trips[1].last == 1)
        #expect(trips.allSatisfy { [0, 1, 2].contains($0.last!) })
        #expect(
            length(trips[0]) <= 20 + 1e-6 && length(trips[1]) <= 15 + 1e-6
                && length(trips[0]) + length(trips[1]) <= 30 + 1e-6)
        let visited = trips.flatMap { $0.dropFirst().dropLast() }
        #expect(Set(visited).count == visited.count && visited.allSatisfy { (3...5).contains($0) })
        // All three vertices fit (0 → 3 → 5 → 4 → 1 is 15.6 long), so the optimum is 14.
        #expect(out["score"] as? Int == 14 && visited.reduce(0) { $0 + points[$1].2 } == 14)
    }

    @Test func textFormatListsEachTripWithItsLength() throws {
        let path = try write(Self.instance)
        let run = try showcase(["solve", path, "--format", "text", "--time-limit", "0.2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("score 14 from 3 vertices, 2 trips"))
        #expect(
            run.stdout.contains("trip 1: 0 → ") && run.stdout.contains("of 20.0)") && run.stdout.contains("of 15.0)"))
    }

    @Test func aBadFileGetsOneLineNamingTheLine() throws {
        let path = try write(Self.instance.replacingOccurrences(of: "9 1 7", with: "9 x 7"))
        let run = try showcase(["solve", path])
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("line 8: y must be a number (got \"x\")"), "\(run.stderr)")
        #expect(run.stderr.trimmingCharacters(in: .newlines).split(separator: "\n").count == 1)
    }
}
