import Foundation
import Testing

@Suite struct ProjectCommandTests {
    @Test func projectsLinesKeepingExtraColumnsAndComments() throws {
        let input = "# Hohhot, Baotou\n111.65222 40.81056 Hohhot city\n\n109.83198,40.64142,Baotou,Kundulun\n"
        let run = try showcase(["project", "--from", "EPSG:4326", "--to", "EPSG:4546"], stdin: input)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        // Expected values: cs2cs -d 4 EPSG:4326 EPSG:4546 (PROJ 9.1.1), axes swapped to easting first.
        let expected = try cs2csLines(
            from: "EPSG:4326", to: "EPSG:4546", latLon: [(40.81056, 111.65222), (40.64142, 109.83198)], decimals: 4)
        #expect(run.stdout == "# Hohhot, Baotou\n\(expected[0]) Hohhot city\n\(expected[1]) Baotou,Kundulun\n")
    }

    @Test func degreesGetNineDecimalsAndPrecisionIsAdjustable() throws {
        let run = try showcase(["project", "--from", "EPSG:4326", "--to", "GCJ02"], stdin: "111.65222 40.81056\n")
        #expect(run.stdout == "111.658950261 40.811848938\n") // prcoords 1.0.2: 111.65895026090014, 40.8118489376273
        let two = try showcase(
            ["project", "--from", "EPSG:4326", "--to", "EPSG:4546", "--precision", "1"], stdin: "111 40\n")
        #expect(
            two.stdout.split(separator: " ").allSatisfy {
                $0.split(separator: ".").last!.trimmingCharacters(in: .newlines).count == 1
            })
    }

    @Test func readsAFileArgument() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("showcase-points-\(UUID()).txt")
        try "111 40\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try showcase(["project", "--from", "EPSG:4326", "--to", "EPSG:32649", file.path])
        #expect(run.status == 0 && run.stdout.hasPrefix("500000.0000 "))
    }

    @Test(arguments: [
        ("", "showcase: error: stdin: no coordinates found (expected lines of 'x y' or 'x,y')\n"),
        ("111.5 40\nabc 40\n", "showcase: error: stdin:2: x 'abc' is not a number\n"),
        ("111.5\n", "showcase: error: stdin:1: only one number '111.5', expected 'x y' or 'x,y'\n"),
        ("111.5 NaN\n", "showcase: error: stdin:1: y 'NaN' is not a number\n"),
        ("111.5 95\n", "showcase: error: stdin:1: latitude 95 out of range (-90…90)\n")
    ])
    func badLinesStopWithTheLineNumber(input: String, message: String) throws {
        let run = try showcase(["project", "--from", "EPSG:4326", "--to", "EPSG:4546"], stdin: input)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr == message)
    }

    @Test func unknownCRSAndFailingPointsAreOneLineErrors() throws {
        let unknown = try showcase(["project", "--from", "EPSG:999999", "--to", "EPSG:4326"], stdin: "1 2\n")
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr
                == "showcase: error: unknown CRS 'EPSG:999999': proj_create: crs not found (try an EPSG code such as EPSG:4546, a PROJ string, WKT, GCJ02 or BD09)\n"
        )
        let outside = try showcase(
            ["project", "--from", "EPSG:4546", "--to", "EPSG:4326"], stdin: "555031.6 4519740.3\n37555031.6 4519740.3\n"
        )
        #expect(outside.status == 1)
        #expect(
            outside.stderr
                == "showcase: error: stdin:2: cannot transform this point to EPSG:4326: Point outside of projection domain\n"
        )
        let missing = try showcase(["project", "--from", "EPSG:4326", "--to", "EPSG:4546", "/nonexistent/points.txt"])
        #expect(missing.stderr == "showcase: error: /nonexistent/points.txt: cannot read the file (no such file)\n")
    }

    @Test func badFlagsGetUsageAndExit64() throws {
        let run = try showcase(["project", "--from", "EPSG:4326", "--to", "EPSG:4546", "--precision", "99"])
        #expect(run.status == 64)
        #expect(
            run.stderr == """
                Error: --precision must be between 0 and 15, got 99
                Usage: showcase project --from <from> --to <to> [--precision <precision>] [<file>]
                  See 'showcase project --help' for more information.

                """)
    }

    @Test func helpTeachesWithExamples() throws {
        let root = try showcase(["--help"])
        #expect(root.status == 0)
        #expect(root.stdout.contains("showcase project --from EPSG:4326 --to EPSG:4546 points.txt"))
        let project = try showcase(["project", "--help"])
        #expect(
            project.stdout.contains("echo \"111.65222 40.81056\" | showcase project --from EPSG:4326 --to EPSG:4546"))
        #expect(
            project.stdout.contains(
                "USAGE: showcase project --from <from> --to <to> [--precision <precision>] [<file>]"))
    }
}

/// cs2cs output for (lat, lon) input, as "easting northing" text with the given decimals.
func cs2csLines(from: String, to: String, latLon: [(Double, Double)], decimals: Int) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["cs2cs", "-d", String(decimals), from, to]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(latLon.map { "\($0.0) \($0.1)" }.joined(separator: "\n").utf8 + [10]))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
        let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return "\(f[1]) \(f[0])" // EPSG:4546 is northing, easting
    }
}
