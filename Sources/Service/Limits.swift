/// Every limit a face enforces, in one place: what a request may ask for and what the service
/// holds in memory for it. The CLI and the server differ only where a shared server must be
/// stricter (matrix size, solver time), and both values are here.
public struct Limits: Sendable {
    /// Places in one matrix; its answer grows with the square (5,000 places: 25 million cells).
    public var matrixPlaces = 5_000
    /// Bytes of an HTTP request body.
    public var bodyBytes = 1 << 20
    /// Bytes of a VROOM problem file.
    public var problemBytes = 256 << 20
    /// Bytes of a text input: plan and route files, point lists, itineraries.
    public var textBytes = 16 << 20
    /// Seconds of search any one plan or solve may ask for.
    public var solveSeconds = 3_600.0
    /// Plans and solves computed at once (the server refuses more with 503).
    public var concurrentPlans = 2

    public init() {}

    /// For one person at a terminal.
    public static let commandLine = Limits()

    /// For a shared server: answers are held in memory and the cores are shared.
    public static let server: Limits = {
        var l = Limits()
        l.matrixPlaces = 500
        l.solveSeconds = 10
        return l
    }()
}
