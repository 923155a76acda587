import Foundation
import GeoCore
import Projection

/// `showcase project`: coordinates transformed between CRSs, line by line.
public enum ProjectOperation {
    /// Reads `x y` / `x,y` lines, transforms them from `from` to `to`, and hands the output text
    /// to `write` in blocks (coordinate lists can be long). Degrees get 9 decimals, metres 4,
    /// unless `precision` says otherwise; trailing columns and `#` comments are kept.
    public static func project(
        text: String, source: String, from: String, to: String, precision: Int?,
        write: (String) -> Void
    ) throws {
        if let precision, !(0...15).contains(precision) {
            throw FieldError("precision", "must be between 0 and 15, got \(precision)")
        }
        let transformer = try Transformer(from: from, to: to)
        var points = try CoordinateLines(text: text, source: source)
        guard !points.x.isEmpty else {
            throw InputError(
                source: source, line: nil, reason: "no coordinates found (expected lines of 'x y' or 'x,y')")
        }
        if transformer.sourceIsGeographic {
            for i in points.x.indices {
                do {
                    _ = try Coordinate(longitude: points.x[i], latitude: points.y[i])
                } catch {
                    throw InputError(source: source, line: points.lineNumbers[i], reason: error.description)
                }
            }
        }
        do {
            try transformer.transformInParallel(x: &points.x, y: &points.y)
        } catch {
            guard case let .pointFailed(index, _, _, reason) = error else { throw error }
            throw InputError(
                source: source, line: points.lineNumbers[index],
                reason: "cannot transform this point to \(to): \(reason)")
        }
        points.write(decimals: precision ?? (transformer.targetIsGeographic ? 9 : 4), to: write)
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
                throw InputError(
                    source: source, line: lineNumber,
                    reason: "only one number '\(fields.first)', expected 'x y' or 'x,y'")
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

    /// The lines, in blocks of about a megabyte.
    func write(decimals: Int, to emit: (String) -> Void) {
        var out = ""
        func flushIfLarge() { if out.utf8.count >= 1 << 20 { emit(out); out = "" } }
        var nextComment = 0
        for i in x.indices {
            while nextComment < comments.count, comments[nextComment].beforePoint == i {
                out += comments[nextComment].text + "\n"; nextComment += 1
            }
            var line = String(format: "%.*f %.*f", decimals, x[i], decimals, y[i])
            if !rest[i].isEmpty { line += " " + rest[i] }
            out += line + "\n"
            flushIfLarge()
        }
        for comment in comments[nextComment...] { out += comment.text + "\n" }
        emit(out)
    }
}
