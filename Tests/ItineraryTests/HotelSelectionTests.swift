import Foundation
@testable import Itinerary
import Testing
import TestSupport

/// A random OPHS instance on a 20×20 square: `vertices` scored points, `extra` hotels, `trips`
/// trips whose limits are drawn so that some, not all, vertices fit.
private func randomInstance(vertices: Int, extra: Int, trips: Int, rng: inout SeededGenerator) -> OPHSInstance {
    let count = 2 + extra + vertices
    let xs = (0..<count).map { _ in Double.random(in: 0...20, using: &rng) }
    let ys = (0..<count).map { _ in Double.random(in: 0...20, using: &rng) }
    let scores = (0..<count).map { $0 < 2 + extra ? 0 : Int.random(in: 1...10, using: &rng) }
    let limits = (0..<trips).map { _ in Double.random(in: 15...35, using: &rng) }
    let total = limits.reduce(0, +) * Double.random(in: 0.8...1.0, using: &rng)
    return OPHSInstance(extraHotels: extra, totalLimit: total, tripLimits: limits, x: xs, y: ys, scores: scores)
}

/// The optimum by enumeration, in floating point on the instance: the shortest path from hotel a
/// through each subset of vertices to hotel b (a DP over subsets), then every hotel sequence and
/// every split of the vertices among the trips. Nil when no sequence of hotels is feasible.
private func bruteForceOptimum(_ inst: OPHSInstance) -> Int? {
    let vertices = Array(inst.vertices), n = vertices.count, full = 1 << n
    let hotels = Array(inst.hotels)
    let tol = OPHSInstance.tolerance
    // shortest[a][b][s]: the shortest a → (all of s) → b.
    var shortest = [[[Double]]](repeating: [[Double]](repeating: [], count: hotels.count), count: hotels.count)
    for a in hotels {
        // last[s][i]: shortest a → s ending at vertices[i] (i in s).
        var last = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: full)
        for i in 0..<n { last[1 << i][i] = inst.distance(a, vertices[i]) }
        for s in 1..<full {
            for i in 0..<n where s & (1 << i) != 0 && last[s][i] < .infinity {
                for j in 0..<n where s & (1 << j) == 0 {
                    last[s | 1 << j][j] = min(last[s | 1 << j][j], last[s][i] + inst.distance(vertices[i], vertices[j]))
                }
            }
        }
        for b in hotels {
            shortest[a][b] = (0..<full).map { s in
                s == 0
                    ? inst.distance(a, b)
                    : (0..<n).filter { s & (1 << $0) != 0 }.map { last[s][$0] + inst.distance(vertices[$0], b) }.min()!
            }
        }
    }
    let score = (0..<full).map { s in (0..<n).reduce(0) { s & (1 << $1) != 0 ? $0 + inst.scores[vertices[$1]] : $0 } }
    var best: Int?
    func trip(_ d: Int, from a: Int, used: Int, length: Double, value: Int) {
        if d == inst.tripCount { return }
        let ends = d == inst.tripCount - 1 ? [1] : hotels
        let free = (full - 1) & ~used
        for b in ends {
            var s = free
            while true {
                let l = shortest[a][b][s]
                if l <= inst.tripLimits[d] + tol && length + l <= inst.totalLimit + tol {
                    if d == inst.tripCount - 1 { best = max(best ?? 0, value + score[s]) }
                    trip(d + 1, from: b, used: used | s, length: length + l, value: value + score[s])
                }
                if s == 0 { break }
                s = (s - 1) & free
            }
        }
    }
    trip(0, from: 0, used: 0, length: 0, value: 0)
    return best
}

private func instanceText(_ inst: OPHSInstance) -> String {
    var lines = ["\(inst.vertices.count + 2)\t\(inst.extraHotels)\t\(inst.tripCount)", "\(inst.totalLimit)"]
    lines.append(inst.tripLimits.map { "\($0)" }.joined(separator: "\t"))
    for i in 0..<inst.locationCount { lines.append("\(inst.x[i])\t\(inst.y[i])\t\(inst.scores[i])") }
    return lines.joined(separator: "\n") + "\n---------\n"
}

@Suite struct HotelSelectionTests {
    @Test func smallInstancesReachTheBruteForceOptimumAndPassTheChecker() throws {
        var rng = SeededGenerator(seed: 18)
        var solved = 0, infeasible = 0
        for _ in 0..<14 {
            let inst = randomInstance(vertices: 7, extra: 2, trips: 3, rng: &rng)
            guard let optimum = bruteForceOptimum(inst) else {
                // No chain of hotels fits: the search must say so, not print a broken trip.
                #expect(throws: ProblemError.self) {
                    try inst.solve(options: SolverOptions(seed: 1, timeLimit: 5, maxIterations: 300, threads: 2))
                }
                infeasible += 1
                continue
            }
            let answer = try inst.solve(options: SolverOptions(seed: 1, timeLimit: 5, maxIterations: 300, threads: 2))
            #expect(OPHSChecker.violations(inst, answer) == [], "\(answer.trips)")
            #expect(answer.score(in: inst) == optimum, "\(instanceText(inst))")
            solved += 1
        }
        #expect(solved >= 10, "the generator should make mostly feasible instances (\(infeasible) were not)")
    }

    @Test func readsTheTextFormatAsTheBenchmarkWritesIt() throws {
        let text = "5\t1\t2\n30\n20\t15\n\n0 0 0\n10 0 0\n5 5 0\n1 1 4\n9 1 7\n5 6 3\n-----\n"
        let inst = try OPHSInstance.parse(text)
        #expect(inst.extraHotels == 1 && inst.tripLimits == [20, 15] && inst.totalLimit == 30)
        #expect(Array(inst.hotels) == [0, 1, 2] && Array(inst.vertices) == [3, 4, 5])
        #expect(inst.scores == [0, 0, 0, 4, 7, 3])
        #expect(abs(inst.distance(0, 2) - 50.0.squareRoot()) < 1e-12)
        #expect(OPHSInstance.looksLike(text[...]))
        #expect(!OPHSInstance.looksLike(#"{"jobs": []}"#[...]))
    }

    @Test(arguments: [
        ("5 1\n30\n20 15\n", "line 1", "N H D"),
        ("5 1 2\nthirty\n20 15\n0 0 0\n10 0 0\n5 5 0\n1 1 4\n9 1 7\n5 6 3\n", "line 2", "Tmax"),
        ("5 1 2\n30\n20\n0 0 0\n10 0 0\n5 5 0\n1 1 4\n9 1 7\n5 6 3\n", "line 3", "D = 2 values"),
        ("5 1 2\n30\n20 15\n0 0 0\n10 0 0\n5 5 0\n1 1 4\n9 x 7\n5 6 3\n", "line 8", "y must be a number"),
        ("5 1 2\n30\n20 15\n0 0 0\n10 0 0\n5 5 0\n1 1 4\n9 1 7\n", "line 9", "expected 6 location lines"),
        ("5 1 2\n30\n20 15\n0 0 0\n10 0 5\n5 5 0\n1 1 4\n9 1 7\n5 6 3\n", "line 5", "hotel's score"),
        ("5 1 2\n30\n20 15\n0 0 0\n10 0 0\n5 5 0\n1 1 4.5\n9 1 7\n5 6 3\n", "line 7", "whole number")
    ])
    func badFilesNameTheLineAndTheField(text: String, line: String, words: String) {
        do {
            _ = try OPHSInstance.parse(text)
            Issue.record("accepted a bad file")
        } catch {
            guard case let .invalid(path, reason) = error else { Issue.record("\(error)"); return }
            #expect(path == line, "\(reason)")
            #expect(reason.contains(words), "\(reason)")
            #expect(!reason.contains("\n"))
        }
    }

    @Test func theCheckerRefusesBrokenChainsAndLimits() throws {
        let inst = try OPHSInstance.parse("5 1 2\n30\n20 15\n0 0 0\n10 0 0\n5 5 0\n1 1 4\n9 1 7\n5 6 3\n")
        let good = OPHSAnswer(trips: [[0, 3, 5, 2], [2, 4, 1]])
        #expect(OPHSChecker.violations(inst, good) == [])
        #expect(good.score(in: inst) == 14)
        let cases: [([[Int]], String)] = [
            ([[0, 3, 2], [0, 4, 1]], "not where trip 1 ended"),
            ([[0, 3, 2], [2, 4, 0]], "not at the end hotel"),
            ([[1, 3, 2], [2, 4, 1]], "not at the start hotel"),
            ([[0, 3, 4], [4, 5, 1]], "not a hotel"),
            ([[0, 3, 2], [2, 3, 1]], "visited twice"),
            ([[0, 2, 3, 2], [2, 1]], "a hotel, between its ends"),
            ([[0, 4, 5, 3, 2], [2, 1]], "over its limit 20"),
            ([[0, 3, 1]], "1 trips")
        ]
        for (trips, words) in cases {
            let found = OPHSChecker.violations(inst, OPHSAnswer(trips: trips))
            #expect(found.contains { $0.contains(words) }, "\(trips): \(found)")
        }
        // Both trips within their own limits, but not within Tmax together.
        let tight = OPHSInstance(
            extraHotels: 1, totalLimit: 15, tripLimits: [20, 15], x: inst.x, y: inst.y, scores: inst.scores)
        #expect(OPHSChecker.violations(tight, good).contains { $0.contains("over Tmax") })
    }

    /// A trip exactly as long as its limit fits; one a hair beyond the tolerance does not, and
    /// the search never returns it (distances round up in the scaled matrix).
    @Test func tripLimitsHoldToTheToleranceAndNoFurther() throws {
        // Start (0,0), end (10,0), one vertex at (5,5): the detour is 2·√50 ≈ 14.142.
        let detour = 2 * 50.0.squareRoot()
        for (limit, visits) in [(detour, true), (detour - 1e-5, false)] {
            let inst = OPHSInstance(
                extraHotels: 0, totalLimit: 100, tripLimits: [limit], x: [0, 10, 5], y: [0, 0, 5], scores: [0, 0, 9])
            let answer = try inst.solve(options: SolverOptions(seed: 1, timeLimit: 0.1, threads: 1))
            #expect(OPHSChecker.violations(inst, answer) == [])
            #expect(answer.score(in: inst) == (visits ? 9 : 0), "limit \(limit)")
        }
    }
}
