import GeoCore

/// Why an `opening_hours` value did not parse, with the 1-based character position.
public struct OpeningHoursError: Error, CustomStringConvertible, Equatable {
    public let text: String
    public let position: Int?
    public let reason: String
    public var description: String {
        if let position { return "opening_hours \"\(text)\", character \(position): \(reason)" }
        return "\(text): \(reason)"
    }
}

extension OpeningHoursError: ShowcaseError {
    public var code: String { "bad-opening-hours" }
    public var category: ErrorCategory { .badInput }
}
