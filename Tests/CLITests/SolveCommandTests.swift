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
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
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
            expected += ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["duration_s"] as! NSNumber).doubleValue
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
