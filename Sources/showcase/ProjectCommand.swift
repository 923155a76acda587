import ArgumentParser
import Foundation
import GeoCore
import Projection
import Service

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Transform coordinates between CRSs (PROJ, plus the GCJ02 and BD09 web-map datums).",
        discussion: """
            Reads one point per line, "x y" or "x,y" (longitude/easting first, always), from FILE \
            or stdin, and writes "x y" lines to stdout. Columns after the second are passed \
            through unchanged; blank lines are skipped and lines starting with # are copied.

            A CRS is anything PROJ accepts (EPSG:4546, ESRI:102025, WKT, a PROJ string) or GCJ02 \
            (Amap/Tencent) or BD09 (Baidu). Degrees are printed with 9 decimals, metres with 4.

            Examples:
              # WGS 84 to CGCS2000 3-degree Gauss-Kruger zone 37 (CM 111E), Hohhot:
              echo "111.65222 40.81056" | showcase project --from EPSG:4326 --to EPSG:4546
              # Coordinates copied from Amap (GCJ-02) to WGS 84, names kept:
              showcase project --from GCJ02 --to EPSG:4326 amap-points.csv
              # Baidu to a Gauss-Kruger zone in one step:
              showcase project --from BD09 --to EPSG:4547 baidu.txt
            """
    )

    @Option(help: "CRS of the input, e.g. EPSG:4326, EPSG:4546, GCJ02, BD09.")
    var from: String

    @Option(help: "CRS of the output.")
    var to: String

    @Option(help: "Decimals to print (default: 9 for degrees, 4 for metres).")
    var precision: Int?

    @Argument(help: "File of points; stdin if omitted or '-'.")
    var file: String?

    func validate() throws {
        if let precision, !(0...15).contains(precision) {
            throw ValidationError("--precision must be between 0 and 15, got \(precision)")
        }
    }

    func run() throws {
        let transformer = try Transformer(from: from, to: to)
        let (name, text) = try TextInput.read(file, limit: 1 << 30)   // coordinate lists can be long
        var points = try CoordinateLines(text: text, source: name)
        guard !points.x.isEmpty else {
            throw InputError(source: name, line: nil, reason: "no coordinates found (expected lines of 'x y' or 'x,y')")
        }
        if transformer.sourceIsGeographic {
            for i in points.x.indices {
                do {
                    _ = try Coordinate(longitude: points.x[i], latitude: points.y[i])
                } catch {
                    throw InputError(source: name, line: points.lineNumbers[i], reason: error.description)
                }
            }
        }
        do {
            try transformer.transformInParallel(x: &points.x, y: &points.y)
        } catch {
            guard case let .pointFailed(index, _, _, reason) = error else { throw error }
            throw InputError(source: name, line: points.lineNumbers[index], reason: "cannot transform this point to \(to): \(reason)")
        }
        let decimals = precision ?? (transformer.targetIsGeographic ? 9 : 4)
        var out = StandardOutput()
        points.write(decimals: decimals, to: &out)
        out.flush()
    }
}

/// The points of an `x y` / `x,y` text, with each line's number and trailing columns kept.
struct CoordinateLines {
    var x: [Double] = []
    var y: [Double] = []
    var lineNumbers: [Int] = []
    /// Per point: the text after the second number (its separator removed), or "".
    var rest: [Substring] = []
    /// Comment lines (`#`) by the index of the point they precede.
    var comments: [(beforePoint: Int, text: Substring)] = []

    init(text: String, source: String) throws {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = line.last == "\r" ? line.dropLast() : line
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty { continue }
            if trimmed.first == "#" { comments.append((x.count, line)); continue }
            let fields = Self.split(trimmed)
            guard let second = fields.second else {
                throw InputError(source: source, line: lineNumber, reason: "only one number '\(fields.first)', expected 'x y' or 'x,y'")
            }
            guard let xv = parseDecimal(fields.first) else {
                throw InputError(source: source, line: lineNumber, reason: "x '\(fields.first)' is not a number")
            }
            guard let yv = parseDecimal(second) else {
                throw InputError(source: source, line: lineNumber, reason: "y '\(second)' is not a number")
            }
            x.append(xv); y.append(yv); lineNumbers.append(lineNumber); rest.append(fields.rest)
        }
    }

    private static func isSeparator(_ c: Character) -> Bool { c == " " || c == "\t" || c == "," }

    /// Splits off two fields separated by blanks or one comma (with optional blanks around it).
    private static func split(_ line: Substring) -> (first: Substring, second: Substring?, rest: Substring) {
        let firstEnd = line.firstIndex(where: isSeparator) ?? line.endIndex
        let first = line[..<firstEnd]
        var afterFirst = skipSeparator(line[firstEnd...])
        guard !afterFirst.isEmpty else { return (first, nil, "") }
        let secondEnd = afterFirst.firstIndex(where: isSeparator) ?? afterFirst.endIndex
        let second = afterFirst[..<secondEnd]
        afterFirst = skipSeparator(afterFirst[secondEnd...])
        return (first, second, afterFirst)
    }

    private static func skipSeparator(_ s: Substring) -> Substring {
        var s = s.drop { $0 == " " || $0 == "\t" }
        if s.first == "," { s = s.dropFirst().drop { $0 == " " || $0 == "\t" } }
        return s
    }

    func write(decimals: Int, to out: inout StandardOutput) {
        var nextComment = 0
        for i in x.indices {
            while nextComment < comments.count, comments[nextComment].beforePoint == i {
                out.write(comments[nextComment].text + "\n"); nextComment += 1
            }
            var line = String(format: "%.*f %.*f", decimals, x[i], decimals, y[i])
            if !rest[i].isEmpty { line += " " + rest[i] }
            out.write(line + "\n")
        }
        for comment in comments[nextComment...] { out.write(comment.text + "\n") }
    }
}
