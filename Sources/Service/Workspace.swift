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
    /// Compiled graphs, decoded once per profile and store graph version (a graph is immutable
    /// and shared); see `graph(_:)`.
    private let graphs = Mutex<[String: (version: String, graph: CompiledGraph)]>([:])
    /// The store's graph version (the roads layer's last change) and when it was last read.
    private let graphVersion = Mutex<(version: String, read: Date)?>(nil)
    private let calendar = Mutex<HolidayCalendar?>(nil)
    private let loadedRules = Mutex<PlanRules?>(nil)
    /// Routers keep search workspaces and are not thread-safe: each is lent to one caller at a time.
    private let idleRouters = Mutex<[String: [RouterLease]]>([:])

    /// Opens the store at `path` — a GeoPackage file, or a `postgresql://` URL — building it
    /// from the shipped data first if it does not exist (or the PostGIS database is empty).
    /// - Parameter created: called with a one-line report when the database was built.
    public init(
        databasePath path: String, dataFolder: String? = nil, limits: Limits = .commandLine,
        extraPlanCheck: (@Sendable (TripItinerary) -> [String])? = nil, created: ((String) -> Void)? = nil
    ) throws {
        located = Result { try ShippedData.locate(explicit: dataFolder) }
        if Self.isServerStore(path) {
            store = try Self.openStore(path)
            if try store.count(.sites) == 0, try store.roadGraphSummaries().isEmpty {
                created?(try Bootstrap.fill(store, data: try located.get()).summary)
            }
        } else {
            if dataFolder != nil || !FileManager.default.fileExists(atPath: path) {
                if let report = try Bootstrap.ensure(path: path, data: try located.get()) { created?(report.summary) }
            }
            store = try SiteStore(path: path)
        }
        self.limits = limits
        self.extraPlanCheck = extraPlanCheck
    }

    public var databasePath: String { store.path }

    /// Whether a store location names a database server (`postgresql://…`) rather than a file.
    public static func isServerStore(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    /// A store location fit for messages: a server URL without its password.
    public static func displayName(_ location: String) -> String {
        guard isServerStore(location), var parts = URLComponents(string: location), parts.password != nil else {
            return location
        }
        parts.password = nil
        return parts.string ?? location
    }

    /// Opens a store without building anything (for `store copy`): a GeoPackage is created
    /// empty if missing, a PostGIS database gets the schema.
    public static func openStore(_ location: String) throws -> SiteStore {
        guard isServerStore(location) else { return try SiteStore(path: location) }
        guard let open = serverStoreOpener.withLock({ $0 }) else {
            throw InputError(source: displayName(location), reason: "this program was built without a server store")
        }
        return SiteStore(remote: try open(location))
    }

    /// Opens a `postgresql://` store. The executable sets it (to PostGISStore), so this module
    /// and the HTTP service stay free of the PostgreSQL client.
    public static let serverStoreOpener = Mutex<(@Sendable (String) throws -> any RemoteStore)?>(nil)

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

    /// How often the store's graph version is read: a road import through another process (or
    /// another replica) is picked up within this time.
    static let graphVersionInterval: TimeInterval = 1

    /// The store's graph version, read again when older than `graphVersionInterval`.
    private func currentGraphVersion() throws -> String {
        if let v = graphVersion.withLock({ $0 }), Date().timeIntervalSince(v.read) < Self.graphVersionInterval {
            return v.version
        }
        let version = try store.lastChange(of: "roads") ?? ""
        graphVersion.withLock { $0 = (version, Date()) }
        return version
    }

    /// The compiled graph of `profile`: decoded once per process, and again when the store's
    /// graph version changes (a re-import needs no restart).
    public func graph(_ profile: String) throws -> CompiledGraph {
        let version = try currentGraphVersion()
        if let g = graphs.withLock({ $0[profile] }), g.version == version { return g.graph }
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
        graphs.withLock { $0[profile] = (version, g) }
        return g
    }

    /// Lends a router on `profile`'s graph to `body`, then takes it back for the next caller.
    public func withRouter<T>(_ profile: String, _ body: (Router) throws -> T) throws -> T {
        let g = try graph(profile)
        let version = graphs.withLock { $0[profile]?.version } ?? ""
        let idle = idleRouters.withLock { $0[profile]?.popLast() }
        let lease = idle.flatMap { $0.version == version ? $0 : nil } ?? RouterLease(Router(g), version: version)
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
    /// The graph version the router searches (a lease on an older graph is dropped, not lent).
    let version: String
    init(_ router: Router, version: String) { self.router = router; self.version = version }
}
