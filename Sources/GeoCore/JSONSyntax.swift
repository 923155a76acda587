/// Finds where JSON text stops being valid, as line and column, for error messages.
///
/// Foundation's decoder says only "not valid JSON"; this scanner runs after a failure (never on
/// the happy path) and reports the first offending byte. It checks syntax only.
public enum JSONSyntax {
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let column: Int
        public let reason: String
        public var description: String { "line \(line), column \(column): \(reason)" }
    }

    /// nil when the text is valid JSON.
    public static func firstError(in bytes: [UInt8]) -> Failure? {
        var scanner = Scanner(bytes: bytes)
        do throws(Failure) {
            scanner.skipSpace()
            guard scanner.index < bytes.count else { throw scanner.fail("empty input") }
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.index < bytes.count { throw scanner.fail("unexpected text after the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        func fail(_ reason: String) -> Failure {
            var line = 1, column = 1
            for b in bytes[..<min(index, bytes.count)] {
                if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return Failure(line: line, column: column, reason: reason)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let b = current, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
        }

        mutating func expect(_ char: UInt8, _ what: String) throws(Failure) {
            skipSpace()
            guard current == char else {
                throw fail(current == nil ? "unexpected end of input, expected \(what)" : "expected \(what)")
            }
            index += 1
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < 512 else { throw fail("nested deeper than 512 levels") }
            skipSpace()
            guard let b = current else { throw fail("unexpected end of input, expected a value") }
            switch b {
            case UInt8(ascii: "{"):
                index += 1; skipSpace()
                if current == UInt8(ascii: "}") { index += 1; return }
                while true {
                    skipSpace()
                    guard current == UInt8(ascii: "\"") else {
                        throw fail(
                            current == nil
                                ? "unexpected end of input inside an object" : "expected a member name in double quotes"
                        )
                    }
                    try string()
                    try expect(UInt8(ascii: ":"), "':' after the member name")
                    try value(depth: depth + 1)
                    skipSpace()
                    if current == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "}"), "',' or '}'")
                    return
                }
            case UInt8(ascii: "["):
                index += 1; skipSpace()
                if current == UInt8(ascii: "]") { index += 1; return }
                while true {
                    try value(depth: depth + 1)
                    skipSpace()
                    if current == UInt8(ascii: ",") { index += 1; continue }
                    try expect(UInt8(ascii: "]"), "',' or ']'")
                    return
                }
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fail("unexpected character '\(Character(Unicode.Scalar(b)))'")
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            for expected in word.utf8 {
                guard current == expected else { throw fail("expected '\(word)'") }
                index += 1
            }
        }

        mutating func string() throws(Failure) {
            index += 1 // opening quote
            while let b = current {
                index += 1
                if b == UInt8(ascii: "\"") { return }
                if b == UInt8(ascii: "\\") {
                    index += 1
                } else if b < 0x20 {
                    index -= 1; throw fail("control character inside a string")
                }
            }
            throw fail("unexpected end of input inside a string")
        }

        mutating func number() throws(Failure) {
            let start = index
            while let b = current,
                b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                    || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
            { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if Double(text) == nil { index = start; throw fail("malformed number '\(text)'") }
        }
    }
}
