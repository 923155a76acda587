import Foundation

/// Parses a plain decimal number (`-12.5`, `3e5`), rejecting what `Double(_:)` would also accept
/// but a data file should not contain: `nan`, `inf`, hex floats, empty text.
///
/// Returns nil for anything else, so callers can say which field was bad.
public func parseDecimal<S: StringProtocol>(_ text: S) -> Double? {
    var sawDigit = false
    for scalar in text.unicodeScalars {
        switch scalar {
        case "0"..."9": sawDigit = true
        case "+", "-", ".", "e", "E": continue
        default: return nil
        }
    }
    guard sawDigit, let value = Double(String(text)), value.isFinite else { return nil }
    return value
}
