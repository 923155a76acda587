/// Serialises `JSONValue` trees as compact JSON text with object members in their stored order.
///
/// Foundation's `JSONEncoder` orders keys by hash unless told to sort them; GeoJSON for people
/// and QGIS reads better with `type` first and properties in schema order, so output goes
/// through this writer. It is also the hot path of large exports (one pass, no intermediate Data).
public enum JSONWriter {
    public static func string(_ value: JSONValue) -> String {
        var out = ""
        out.reserveCapacity(256)
        write(value, to: &out)
        return out
    }

    public static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): writeNumber(n, to: &out)
        case let .string(s): writeString(s, to: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case let .object(object):
            out += "{"
            for (i, member) in object.members.enumerated() {
                if i > 0 { out += "," }
                writeString(member.key, to: &out)
                out += ":"
                write(member.value, to: &out)
            }
            out += "}"
        }
    }

    /// Whole numbers without a fraction, others in Swift's shortest round-trip form; JSON has no
    /// NaN or infinity, so those become null.
    public static func writeNumber(_ n: Double, to out: inout String) {
        if !n.isFinite {
            out += "null"
        } else if n == n.rounded(), abs(n) < 1e15 {
            out += String(Int64(n))
        } else {
            out += n.description
        }
    }

    public static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
