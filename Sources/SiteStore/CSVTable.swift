/// An RFC 4180 CSV table: header plus records, each with the line it starts on.
///
/// Hand-written because imports of 10⁵ rows are on the benchmark's hot path and the format is
/// small; quoted fields may hold commas, quotes ("") and newlines.
public struct CSVTable: Sendable {
    public let header: [String]
    public let records: [(line: Int, fields: [String])]

    public enum ParseError: Error, Equatable {
        case unterminatedQuote(line: Int)
        case fieldCount(line: Int, found: Int, expected: Int)
        case empty
    }

    public init(text: String) throws(ParseError) {
        var rows: [(Int, [String])] = []
        var field = "", fields: [String] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quotedFieldStartLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        func endRecord() {
            fields.append(field); field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append((recordLine, fields)) }
            fields = []
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",": fields.append(field); field = ""
            case "\"" where field.isEmpty: inQuotes = true; quotedFieldStartLine = line
            case "\r": continue
            case "\n": endRecord(); line += 1; recordLine = line
            default: field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw .unterminatedQuote(line: quotedFieldStartLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = rows.first else { throw .empty }
        header = first.1.map { $0.trimmingCharacters(in: .whitespaces) }
        let width = header.count
        for (l, f) in rows.dropFirst() where f.count != width {
            throw .fieldCount(line: l, found: f.count, expected: width)
        }
        records = rows.dropFirst().map { (line: $0.0, fields: $0.1) }
    }
}

import Foundation
