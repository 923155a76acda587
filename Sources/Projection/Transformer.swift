import CPROJ
import Foundation
import Synchronization

/// Transforms coordinates between two CRSs, in GIS order (longitude/easting first) both ways.
///
/// A CRS is anything PROJ accepts — `EPSG:4546`, `ESRI:102025`, WKT, a PROJ string — or one of
/// the pseudo-CRS names `GCJ02` and `BD09` (see `ChineseDatums`), which chain with PROJ CRSs:
/// `GCJ02 → EPSG:4547` runs GCJ-02 → WGS 84 and then PROJ's WGS 84 → EPSG:4547.
///
/// ```swift
/// let t = try Transformer(from: "EPSG:4326", to: "EPSG:4546")
/// let (e, n) = try t.transform(x: 111.65, y: 40.81)
/// ```
///
/// **Concurrency.** PROJ contexts are not thread-safe, so each `Transformer` owns its own PROJ
/// context and is deliberately not `Sendable`: the compiler keeps it on one task. Make one per
/// task (creation takes about a millisecond), or use `transformInParallel`, which gives each
/// worker thread a private copy.
public final class Transformer {
    /// The CRS texts as given.
    public let source: String
    public let target: String
    /// True when the CRS's coordinates are degrees (geographic or GCJ02/BD09): used to choose
    /// output precision and to range-check input.
    public let sourceIsGeographic: Bool
    public let targetIsGeographic: Bool

    private let context: OpaquePointer
    private let log: ProjLog
    private var steps: [Step] = []
    /// Private copies for `transformInParallel`, made on first use.
    private var workers: [Transformer] = []

    public enum Direction: Sendable { case forward, inverse }

    private enum Step {
        case proj(OpaquePointer)
        case wgs84ToGCJ02, gcj02ToWGS84, wgs84ToBD09, bd09ToWGS84

        var inverse: Step {
            switch self {
            case .proj: self
            case .wgs84ToGCJ02: .gcj02ToWGS84
            case .gcj02ToWGS84: .wgs84ToGCJ02
            case .wgs84ToBD09: .bd09ToWGS84
            case .bd09ToWGS84: .wgs84ToBD09
            }
        }
    }

    /// - Throws: `ProjectionError.unknownCRS`, `.notACRS` or `.noTransformation`.
    public init(from source: String, to target: String) throws(ProjectionError) {
        self.source = source
        self.target = target
        guard let context = proj_context_create() else { fatalError("PROJ could not allocate a context") }
        self.context = context
        self.log = ProjLog(context: context)

        let from = PseudoCRS(source), to = PseudoCRS(target)
        let projFrom = from == nil ? Self.crsText(source) : "EPSG:4326"
        let projTo = to == nil ? Self.crsText(target) : "EPSG:4326"
        do throws(ProjectionError) {
            let projFromIsGeographic = try Self.isGeographic(projFrom, context: context, log: log)
            let projToIsGeographic = try Self.isGeographic(projTo, context: context, log: log)
            sourceIsGeographic = from != nil || projFromIsGeographic
            targetIsGeographic = to != nil || projToIsGeographic
            if let from { steps.append(from == .gcj02 ? .gcj02ToWGS84 : .bd09ToWGS84) }
            if from == nil || to == nil {
                steps.append(.proj(try Self.makeOperation(projFrom, projTo, context: context, log: log)))
            }
            if let to { steps.append(to == .gcj02 ? .wgs84ToGCJ02 : .wgs84ToBD09) }
        } catch {
            // deinit does not run for an instance that failed to initialise: free PROJ's objects here.
            for case let .proj(pj) in steps { proj_destroy(pj) }
            proj_context_destroy(context)
            throw error
        }
    }

    deinit { releaseResources() }

    private func releaseResources() {
        for case let .proj(pj) in steps { proj_destroy(pj) }
        steps = []
        proj_context_destroy(context)
    }

    /// Transforms one point.
    /// - Throws: `ProjectionError.pointFailed` with PROJ's reason.
    public func transform(x: Double, y: Double, direction: Direction = .forward) throws(ProjectionError) -> (
        x: Double, y: Double
    ) {
        var xs = [x], ys = [y]
        try transform(x: &xs, y: &ys, direction: direction)
        return (xs[0], ys[0])
    }

    /// Transforms arrays in place with one PROJ call per step, not one per point.
    /// - Throws: `ProjectionError.pointFailed` for the first point that failed (the arrays then
    ///   hold partial results), or `.lengthMismatch`.
    public func transform(x: inout [Double], y: inout [Double], direction: Direction = .forward) throws(ProjectionError)
    {
        guard x.count == y.count else { throw .lengthMismatch(x: x.count, y: y.count) }
        let count = x.count
        try x.withUnsafeMutableBufferPointer { xb throws(ProjectionError) in
            try y.withUnsafeMutableBufferPointer { yb throws(ProjectionError) in
                try transform(x: xb.baseAddress!, y: yb.baseAddress!, count: count, firstIndex: 0, direction: direction)
            }
        }
    }

    /// Like `transform(x:y:direction:)`, split over `threads` worker threads, each with its own
    /// PROJ context. Pays off from about 10⁴ points; below that it runs on the calling thread.
    public func transformInParallel(
        x: inout [Double], y: inout [Double], direction: Direction = .forward,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(ProjectionError) {
        guard x.count == y.count else { throw .lengthMismatch(x: x.count, y: y.count) }
        let count = x.count
        let chunks = max(1, min(threads, count / 10_000))
        guard chunks > 1 else { return try transform(x: &x, y: &y, direction: direction) }
        while workers.count < chunks { workers.append(try Transformer(from: source, to: target)) }
        let failures = FirstFailure()
        let workers = UncheckedBox(workers)
        x.withUnsafeMutableBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                let xs = UncheckedBox(xb.baseAddress!), ys = UncheckedBox(yb.baseAddress!)
                // Each chunk is a disjoint slice of the arrays and uses its own Transformer.
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let start = count * chunk / chunks, end = count * (chunk + 1) / chunks
                    do {
                        try workers.value[chunk].transform(
                            x: xs.value + start, y: ys.value + start, count: end - start,
                            firstIndex: start, direction: direction)
                    } catch { failures.record(error) }
                }
            }
        }
        if let error = failures.first { throw error }
    }

    private func transform(
        x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>, count: Int,
        firstIndex: Int, direction: Direction
    ) throws(ProjectionError) {
        let ordered = direction == .forward ? steps : steps.reversed().map(\.inverse)
        for step in ordered {
            switch step {
            case let .proj(pj):
                let stride = MemoryLayout<Double>.stride
                proj_trans_generic(
                    pj, direction == .forward ? PJ_FWD : PJ_INV,
                    x, stride, count, y, stride, count, nil, 0, 0, nil, 0, 0)
                for i in 0..<count where !x[i].isFinite || !y[i].isFinite || x[i] == .greatestFiniteMagnitude {
                    let code = proj_errno(pj)
                    let reason =
                        code != 0
                        ? String(cString: proj_context_errno_string(context, code)) : "outside the CRS's domain"
                    proj_errno_reset(pj)
                    throw .pointFailed(index: firstIndex + i, x: x[i], y: y[i], reason: log.last ?? reason)
                }
            case .wgs84ToGCJ02: Self.apply(ChineseDatums.wgs84ToGCJ02, x, y, count)
            case .gcj02ToWGS84: Self.apply(ChineseDatums.gcj02ToWGS84, x, y, count)
            case .wgs84ToBD09: Self.apply(ChineseDatums.wgs84ToBD09, x, y, count)
            case .bd09ToWGS84: Self.apply(ChineseDatums.bd09ToWGS84, x, y, count)
            }
        }
    }

    private static func apply(
        _ f: (Double, Double) -> (longitude: Double, latitude: Double),
        _ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int
    ) {
        for i in 0..<count { (x[i], y[i]) = f(x[i], y[i]) }
    }

    // MARK: PROJ objects

    private static func makeOperation(_ from: String, _ to: String, context: OpaquePointer, log: ProjLog)
        throws(ProjectionError) -> OpaquePointer
    {
        log.reset()
        guard let raw = proj_create_crs_to_crs(context, from, to, nil) else {
            throw .noTransformation(from: from, to: to, reason: log.last ?? "PROJ gave no reason")
        }
        defer { proj_destroy(raw) }
        // Authority axis order (lat/lon for EPSG:4326, northing/easting for CGCS2000 GK) → GIS order.
        guard let normalized = proj_normalize_for_visualization(context, raw) else {
            throw .noTransformation(from: from, to: to, reason: log.last ?? "axis normalisation failed")
        }
        return normalized
    }

    private static func isGeographic(_ text: String, context: OpaquePointer, log: ProjLog) throws(ProjectionError)
        -> Bool
    {
        log.reset()
        guard let object = proj_create(context, text) else {
            throw .unknownCRS(text, reason: log.last ?? "PROJ does not recognise it")
        }
        defer { proj_destroy(object) }
        try refuseGuessedName(text, object)
        guard proj_is_crs(object) != 0 else {
            throw .notACRS(text, kind: kindName(proj_get_type(object)))
        }
        return horizontalIsGeographic(object, context: context)
    }

    /// A PROJ string names a CRS only with `+type=crs`; add it as cs2cs does, so
    /// `+proj=utm +zone=49 +datum=WGS84` works as users expect.
    private static func crsText(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("+proj="), !trimmed.contains("+type=crs"), !trimmed.hasPrefix("+proj=pipeline") else {
            return text
        }
        return trimmed + " +type=crs"
    }

    /// PROJ resolves a bare name by approximate match ("foo" gives "Amersfoort"); a planner's
    /// coordinates must never go through a guessed CRS, so only an exact name is accepted.
    private static func refuseGuessedName(_ text: String, _ object: OpaquePointer) throws(ProjectionError) {
        let isPlainName = !text.contains(where: { ":+[{".contains($0) })
        guard isPlainName else { return }
        let name = proj_get_name(object).map { String(cString: $0) } ?? ""
        guard name.lowercased() != text.lowercased() else { return }
        var suggestion = "'\(name)'"
        if let auth = proj_get_id_auth_name(object, 0), let code = proj_get_id_code(object, 0) {
            suggestion += " (\(String(cString: auth)):\(String(cString: code)))"
        }
        throw .unknownCRS(text, reason: "not an exact CRS name; the closest PROJ knows is \(suggestion)")
    }

    private static func kindName(_ type: PJ_TYPE) -> String {
        switch type {
        case PJ_TYPE_ELLIPSOID: "ellipsoid"
        case PJ_TYPE_PRIME_MERIDIAN: "prime meridian"
        case PJ_TYPE_GEODETIC_REFERENCE_FRAME, PJ_TYPE_DYNAMIC_GEODETIC_REFERENCE_FRAME: "datum"
        case PJ_TYPE_CONVERSION, PJ_TYPE_TRANSFORMATION, PJ_TYPE_CONCATENATED_OPERATION,
            PJ_TYPE_OTHER_COORDINATE_OPERATION:
            "coordinate operation"
        default: "PROJ object"
        }
    }

    private static func horizontalIsGeographic(_ crs: OpaquePointer, context: OpaquePointer) -> Bool {
        switch proj_get_type(crs) {
        case PJ_TYPE_GEOGRAPHIC_CRS, PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS:
            return true
        case PJ_TYPE_BOUND_CRS:
            guard let base = proj_get_source_crs(context, crs) else { return false }
            defer { proj_destroy(base) }
            return horizontalIsGeographic(base, context: context)
        case PJ_TYPE_COMPOUND_CRS:
            guard let horizontal = proj_crs_get_sub_crs(context, crs, 0) else { return false }
            defer { proj_destroy(horizontal) }
            return horizontalIsGeographic(horizontal, context: context)
        default:
            return false
        }
    }
}

/// `GCJ02` and `BD09` (also written `GCJ-02`, `BD-09`, any case).
enum PseudoCRS: Equatable {
    case gcj02, bd09

    init?(_ text: String) {
        switch text.uppercased().replacingOccurrences(of: "-", with: "") {
        case "GCJ02": self = .gcj02
        case "BD09", "BD09LL": self = .bd09
        default: return nil
        }
    }
}

/// Catches PROJ's log messages for one context, so its own error text reaches our errors instead
/// of being printed to stderr.
private final class ProjLog {
    private(set) var last: String?

    init(context: OpaquePointer) {
        proj_log_level(context, PJ_LOG_ERROR)
        proj_log_func(context, Unmanaged.passUnretained(self).toOpaque()) { data, _, message in
            guard let data, let message else { return }
            Unmanaged<ProjLog>.fromOpaque(data).takeUnretainedValue().last = String(cString: message)
        }
    }

    func reset() { last = nil }
}

/// Holds the first error thrown by any worker of a parallel batch.
private final class FirstFailure: Sendable {
    private let error = Mutex<ProjectionError?>(nil)
    func record(_ e: Error) { error.withLock { if $0 == nil { $0 = e as? ProjectionError } } }
    var first: ProjectionError? { error.withLock { $0 } }
}

/// Carries a value into `concurrentPerform`; safe here because each iteration touches only its
/// own slice and its own Transformer.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
