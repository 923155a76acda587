import Foundation
import GeoCore
import OpeningHours
import Planner
import Projection
import RoadGraph
import SiteStore
import Synchronization

/// One database, the shipped data beside it and the limits of the face that opened it: what
/// every operation runs on. The CLI opens one per command, the server one for its life; both
/// call the same operations on it, so the same request gives the same document.
public final class Workspace: Sendable {
    public let store: SiteStore
    /// The shipped data (GeoData/, Config/, Routes/); nil when the database exists and no data
    /// folder is found, which is enough for everything but plans and road imports.
    private let located: Result<ShippedData, Error>
    public let limits: Limits
    /// Runs after `PlanChecker` on every plan, as a second opinion; tests use it to prove the
    /// check runs on every face's path.
    public let extraPlanCheck: (@Sendable (TripItinerary) -> [String])?
    /// Compiled graphs, decoded once per profile (a graph is immutable and shared).
    private let graphs = Mutex<[String: CompiledGraph]>([:])
    private let calendar = Mutex<HolidayCalendar?>(nil)
    private let loadedRules = Mutex<PlanRules?>(nil)
    /// Routers keep search workspaces and are not thread-safe: each is lent to one caller at a time.
    private let idleRouters = Mutex<[String: [RouterLease]]>([:])

    /// Opens the database at `path`, building it from the shipped data first if it does not exist.
    /// - Parameter created: called with a one-line report when the database was built.
    public init(
        databasePath path: String, dataFolder: String? = nil, limits: Limits = .commandLine,
        extraPlanCheck: (@Sendable (TripItinerary) -> [String])? = nil, created: ((String) -> Void)? = nil
    ) throws {
        located = Result { try ShippedData.locate(explicit: dataFolder) }
        if dataFolder != nil || !FileManager.default.fileExists(atPath: path) {
            if let report = try Bootstrap.ensure(path: path, data: try located.get()) { created?(report.summary) }
        }
        store = try SiteStore(path: path)
        self.limits = limits
        self.extraPlanCheck = extraPlanCheck
    }

    public var databasePath: String { store.path }

    /// The shipped data folder, or why it was not found.
    public func data() throws -> ShippedData { try located.get() }

    /// Where the shipped profiles live: `Config/profiles/` beside `GeoData/`.
    public func profilesDirectory() throws -> URL { try data().root.appendingPathComponent("Config/profiles") }

    /// The public-holiday calendar of `Config/holidays-cn.json`, read once.
    public func holidays() throws -> HolidayCalendar {
        if let c = calendar.withLock({ $0 }) { return c }
        let c = try HolidayCalendar.load(path: try data().root.appendingPathComponent("Config/holidays-cn.json").path)
        calendar.withLock { $0 = c }
        return c
    }

    /// The driving law, group minimums and cost rates of `Config/` with their sources, and
    /// the county seats a trip's reach is measured by (read once; built in when no data folder).
    public func rules() throws -> PlanRules {
        if let r = loadedRules.withLock({ $0 }) { return r }
        let data = try data()
        let adcode = data.geoData.appendingPathComponent("sources/adcode-inner-mongolia.csv")
        var seats: [AdminSeat] = []
        if let text = try? String(contentsOf: adcode, encoding: .utf8) {
            // The file's points are GCJ-02 as Vonng/adcode gives them: converted here.
            let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            for line in lines {
                let f = line.split(separator: ",").map(String.init)
                guard f.count == 4, let lon = Double(f[2]), let lat = Double(f[3]) else { continue }
                let p = ChineseDatums.gcj02ToWGS84(longitude: lon, latitude: lat)
                seats.append(AdminSeat(code: f[0], name: f[1], longitude: p.longitude, latitude: p.latitude))
            }
        }
        let r = try PlanRules.load(directory: data.root.appendingPathComponent("Config"), seats: seats)
        loadedRules.withLock { $0 = r }
        return r
    }

    /// The compiled graph of `profile`, read from the database once.
    public func graph(_ profile: String) throws -> CompiledGraph {
        if let g = graphs.withLock({ $0[profile] }) { return g }
        guard Profile.shippedNames.contains(profile) else {
            throw RoadGraphError.badProfile(
                "«profile» must be one of \(Profile.shippedNames.joined(separator: ", ")) (got \"\(profile)\")")
        }
        guard let stored = try store.roadGraph(profile: profile) else {
            let have = try store.roadGraphSummaries().map(\.profile)
            throw RoadGraphError.badGraph(
                "\(store.path) has no \(profile) road graph"
                    + (have.isEmpty
                        ? "; build the database again (init) or import roads"
                        : " (it has: \(have.joined(separator: ", "))); use «profile» \(have[0]) or import roads for \(profile)")
            )
        }
        let g = try CompiledGraph(decoding: stored.bytes)
        graphs.withLock { $0[profile] = g }
        return g
    }

    /// Lends a router on `profile`'s graph to `body`, then takes it back for the next caller.
    public func withRouter<T>(_ profile: String, _ body: (Router) throws -> T) throws -> T {
        let g = try graph(profile)
        let lease = idleRouters.withLock { $0[profile]?.popLast() } ?? RouterLease(Router(g))
        defer { idleRouters.withLock { $0[profile, default: []].append(lease) } }
        return try body(lease.router)
    }

    /// A planner on `profile`'s graph with the shipped holiday calendar.
    public func planner(_ profile: String) throws -> TripPlanner {
        TripPlanner(store: store, graph: try graph(profile), holidays: try holidays())
    }

    /// What a person typed as a place: `lon,lat`, a site id, a town, or a site name.
    public func place(_ text: String, field: String) throws -> PlanPlace {
        do { return try PlaceResolver.resolve(text, in: store) } catch let e as PlanError {
            guard let problem = e.problem else { throw PlanError(e.kind, "«\(field)»: \(e.template)") }
            throw PlanError(e.kind, .inField(field, problem))
        }
    }
}

/// A router owned by one caller at a time; the lock around the idle list is what makes the
/// hand-over safe, so the box may cross threads.
final class RouterLease: @unchecked Sendable {
    let router: Router
    init(_ router: Router) { self.router = router }
}
