import Foundation

/// An answer to an OPHS instance: each trip as location indices, its start hotel first and its
/// end hotel last.
public struct OPHSAnswer: Sendable, Equatable {
    public var trips: [[Int]]
    public init(trips: [[Int]]) { self.trips = trips }

    /// The score the answer claims (vertices' scores; hotels score nothing).
    public func score(in instance: OPHSInstance) -> Int {
        trips.reduce(0) { $0 + $1.dropFirst().dropLast().reduce(0) { $0 + instance.scores[$1] } }
    }

    public func length(of trip: Int, in instance: OPHSInstance) -> Double {
        zip(trips[trip], trips[trip].dropFirst()).reduce(0) { $0 + instance.distance($1.0, $1.1) }
    }

    /// `{"score": S, "trips": [[i, …], …]}`, the benchmark's answer format.
    public func json(in instance: OPHSInstance) -> String {
        "{\"score\": \(score(in: instance)), \"trips\": ["
            + trips.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]}\n"
    }
}
