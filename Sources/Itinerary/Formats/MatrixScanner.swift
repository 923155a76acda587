import Foundation

/// Reads the travel matrices of a VROOM file straight from its bytes.
///
/// Foundation's JSONSerialization makes an NSNumber per number: a 2,392×2,392 matrix (TSPLIB's
/// pr2392) took 6 s of a 7 s solve. Matrices written as plain non-negative integers are read here
/// and their text is blanked to `[]` plus spaces (offsets in later error messages stay right)
/// before Foundation reads the rest. Anything else in a matrix (decimals, negatives, a string)
/// is left in place for the checked slow path and its precise error message.
enum MatrixScanner {
    /// Rows read by the scanner (a type of its own, so Foundation's arrays never pass for one).
    struct Rows { let rows: [[Int]] }

    /// The matrices found, keyed by JSON path (`matrix`, `matrices.car.durations`, …), and the
    /// text with them blanked.
    static func extract(_ data: Data) -> (rest: Data, matrices: [String: Rows]) {
        var found: [String: (range: Range<Int>, rows: [[Int]])] = [:]
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let b = raw.bindMemory(to: UInt8.self)
            // Open containers: objects carry the key whose value comes next.
            var stack: [(object: Bool, key: String?)] = []
            var expectKey = false
            var i = 0
            while i < b.count {
                let c = b[i]
                switch c {
                case UInt8(ascii: "\""):
                    let start = i + 1
                    i += 1
                    while i < b.count, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    if expectKey, let top = stack.indices.last, stack[top].object {
                        stack[top].key = String(
                            decoding: UnsafeBufferPointer(rebasing: b[start..<min(i, b.count)]), as: UTF8.self)
                        expectKey = false
                    }
                case UInt8(ascii: "{"):
                    stack.append((true, nil)); expectKey = true
                case UInt8(ascii: "["):
                    if let path = matrixPath(stack), let (rows, end) = integerRows(b, from: i) {
                        found[path] = (i..<end, rows)
                        i = end
                        continue
                    }
                    stack.append((false, nil))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if !stack.isEmpty { stack.removeLast() }
                case UInt8(ascii: ","):
                    if stack.last?.object == true { expectKey = true }
                default: break
                }
                i += 1
            }
        }
        guard !found.isEmpty else { return (data, [:]) }
        var rest = data
        for (_, entry) in found {
            let blank =
                [UInt8(ascii: "[")] + [UInt8(ascii: "]")]
                + [UInt8](repeating: UInt8(ascii: " "), count: entry.range.count - 2)
            rest.replaceSubrange(entry.range, with: blank)
        }
        return (rest, found.mapValues { Rows(rows: $0.rows) })
    }

    /// `matrix` at the top level, or `matrices.<profile>.durations|distances`.
    private static func matrixPath(_ stack: [(object: Bool, key: String?)]) -> String? {
        if stack.count == 1, stack[0].object, stack[0].key == "matrix" { return "matrix" }
        if stack.count == 3, stack.allSatisfy(\.object), stack[0].key == "matrices", let profile = stack[1].key,
            let kind = stack[2].key, kind == "durations" || kind == "distances"
        {
            return "matrices.\(profile).\(kind)"
        }
        return nil
    }

    /// `[[1, 2], [3, 4]]` of plain integers starting at `start`, and the index after it; nil
    /// at the first byte that is anything else.
    private static func integerRows(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> ([[Int]], Int)? {
        var i = start + 1
        func skipSpace() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }
        var rows: [[Int]] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { return (rows, i + 1) }
        while true {
            guard i < b.count, b[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            var row: [Int] = []
            row.reserveCapacity(rows.first?.count ?? 16)
            skipSpace()
            if i < b.count, b[i] == UInt8(ascii: "]") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    let first = i
                    var value = 0
                    while i < b.count, b[i] >= 0x30, b[i] <= 0x39, i - first < 15 {
                        value = value * 10 + Int(b[i] - 0x30); i += 1
                    }
                    // No digits, a leading zero, or more than 15 digits: not plain (let Foundation judge).
                    guard i > first, i - first == 1 || b[first] != 0x30, i >= b.count || b[i] < 0x30 || b[i] > 0x39
                    else { return nil }
                    row.append(value)
                    skipSpace()
                    guard i < b.count else { return nil }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; break }
                    return nil
                }
            }
            rows.append(row)
            guard rows.count <= VroomProblem.maxMatrixSize else { return nil }
            skipSpace()
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: ",") { i += 1; skipSpace(); continue }
            if b[i] == UInt8(ascii: "]") { return (rows, i + 1) }
            return nil
        }
    }
}
