/// An RFC 4180 CSV table: header plus records, each with the line it starts on.
///
/// Hand-written over UTF-8 bytes because imports of 10⁵ rows are on the benchmark's hot path
/// and the format is small; quoted fields may hold commas, quotes ("") and newlines.
public struct CSVTable: Sendable {
    public let header: [String]
    public let records: [(line: Int, fields: [String])]

    public enum ParseError: Error, Equatable {
        case unterminatedQuote(line: Int)
        case fieldCount(line: Int, found: Int, expected: Int)
        case empty
    }

    public init(text: String) throws(ParseError) {
        var text = text
        let parsed: Result<[(line: Int, fields: [String])], ParseError> = text.withUTF8 { bytes in
            Result { () throws(ParseError) in try Self.parse(bytes) }
        }
        let rows = try parsed.get()
        guard let first = rows.first else { throw .empty }
        header = first.fields.map { trimmedSpaces($0) }
        let width = header.count
        for row in rows.dropFirst() where row.fields.count != width {
            throw .fieldCount(line: row.line, found: row.fields.count, expected: width)
        }
        records = Array(rows.dropFirst())
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> [(line: Int, fields: [String])]
    {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var line = 1, recordLine = 1
        var i = 0
        let n = bytes.count
        func field(_ start: Int, _ end: Int) -> String {
            var e = end
            if e > start, bytes[e - 1] == cr { e -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<e]), as: UTF8.self)
        }
        while i < n {
            if bytes[i] == quote {
                // Quoted field: copy bytes, turning "" into ".
                let startLine = line
                var value: [UInt8] = []
                i += 1
                while true {
                    guard i < n else { throw .unterminatedQuote(line: startLine) }
                    let b = bytes[i]
                    if b == quote {
                        if i + 1 < n, bytes[i + 1] == quote { value.append(quote); i += 2; continue }
                        i += 1
                        break
                    }
                    if b == newline { line += 1 }
                    value.append(b); i += 1
                }
                fields.append(String(decoding: value, as: UTF8.self))
                // Text after the closing quote is dropped.
                while i < n, bytes[i] != comma, bytes[i] != newline { i += 1 }
            } else {
                let start = i
                while i < n, bytes[i] != comma, bytes[i] != newline { i += 1 }
                fields.append(field(start, i))
            }
            if i < n, bytes[i] == comma {
                i += 1
                if i == n { fields.append("") }
                continue
            }
            // End of record (newline or end of input); a blank line is no record.
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append((recordLine, fields)) }
            fields = []
            i += 1
            line += 1
            recordLine = line
        }
        return rows
    }
}

/// Removes leading and trailing blanks (space, tab) without going through Foundation.
@inlinable
func trimmedSpaces(_ s: String) -> String {
    guard let first = s.utf8.first, let last = s.utf8.last,
        first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
    else { return s }
    let trimmed = s.drop { $0 == " " || $0 == "\t" }
    return String(trimmed.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
}
