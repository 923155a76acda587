import Foundation
import Synchronization
import GeoCore
import GRDB
import Projection

/// Reads sites from CSV, GeoJSON or a GeoPackage layer, in any CRS, into validated WGS 84 sites.
///
/// Everything is read and checked before anything is written, so an import either stores every
/// site of the file or none.
public enum SiteFileReader {
    public struct Result: Sendable {
        public var sites: [Site]
        /// Columns or properties that are not site fields (ignored, for the user to see).
        public var ignoredFields: [String]
    }

    /// - Parameter crs: the CRS of the file's coordinates; nil means WGS 84 lon/lat (GeoPackage
    ///   layers say their own CRS).
    /// - Throws: `SiteImportError` naming the file and the line, feature or row.
    public static func read(path: String, crs: String? = nil) throws(SiteImportError) -> Result {
        let name = path
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxFileBytes,
            URL(fileURLWithPath: path).pathExtension.lowercased() != "gpkg"
        {
            throw SiteImportError(
                file: name, location: nil,
                reason:
                    "\(size >> 20) MB is over the \(maxFileBytes >> 20) MB limit for a CSV or GeoJSON import (about 2 million sites); split the file"
            )
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw SiteImportError(
                file: name, location: nil,
                reason:
                    "cannot read the file (\(FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file"))"
            )
        }
        guard !data.isEmpty else {
            throw SiteImportError(file: name, location: nil, reason: "the file is empty (0 bytes)")
        }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        switch ext {
        case "csv", "txt": return try read(data: data, name: name, format: .csv, crs: crs)
        case "geojson", "json": return try read(data: data, name: name, format: .geojson, crs: crs)
        case "gpkg": return try checked(try readGeoPackage(path: path, file: name, crs: crs), file: name)
        default:
            throw SiteImportError(
                file: name, location: nil, reason: "unknown file type '.\(ext)' (use .csv, .geojson, .json or .gpkg)")
        }
    }

    public enum TextFormat: Sendable { case csv, geojson }

    /// CSV and GeoJSON are read whole and parsed in memory (several times their size), so a
    /// larger file is refused up front instead of exhausting memory.
    public static let maxFileBytes = 512 << 20

    /// Reads CSV or GeoJSON bytes (an upload, or a file already read); `name` stands for the file in errors.
    public static func read(data: Data, name: String, format: TextFormat, crs: String? = nil) throws(SiteImportError)
        -> Result
    {
        guard !data.isEmpty else {
            throw SiteImportError(file: name, location: nil, reason: "the file is empty (0 bytes)")
        }
        switch format {
        case .csv: return try checked(try readCSV(text: try utf8(data, name), file: name, crs: crs), file: name)
        case .geojson: return try checked(try readGeoJSON(data: data, file: name, crs: crs), file: name)
        }
    }

    private static func checked(_ result: Parsed, file name: String) throws(SiteImportError) -> Result {
        var seen: [String: Int] = [:]
        seen.reserveCapacity(result.sites.count)
        for i in result.sites.indices { // by index: iterating the sites copied each one
            if let first = seen.updateValue(i, forKey: result.sites[i].id) {
                throw SiteImportError(
                    file: name, location: result.location(i),
                    reason: "duplicate id '\(result.sites[i].id)' (first at \(result.location(first)))")
            }
        }
        return Result(sites: result.sites, ignoredFields: result.ignored)
    }

    /// Sites read, and where the i-th came from (made only for an error message).
    private struct Parsed { var sites: [Site]; var location: (Int) -> String; var ignored: [String] }

    private static func utf8(_ data: Data, _ file: String) throws(SiteImportError) -> String {
        if let text = String(data: data, encoding: .utf8) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        var line = 1
        for chunk in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(data: Data(chunk), encoding: .utf8) == nil { break }
            line += 1
        }
        throw SiteImportError(file: file, location: "line \(line)", reason: "not UTF-8 text (save the file as UTF-8)")
    }

    // MARK: CSV

    private static func readCSV(text: String, file: String, crs: String?) throws(SiteImportError) -> Parsed {
        let table: CSVTable
        do { table = try CSVTable(text: text) } catch {
            switch error {
            case let .unterminatedQuote(line):
                throw SiteImportError(file: file, location: "line \(line)", reason: "a quoted field is never closed")
            case let .fieldCount(line, found, expected):
                throw SiteImportError(
                    file: file, location: "line \(line)", reason: "\(found) fields, but the header has \(expected)")
            case .empty: throw SiteImportError(file: file, location: nil, reason: "no header line")
            }
        }
        let header = table.header.map { $0.lowercased() }
        guard
            let (xName, yName) = [("lon", "lat"), ("longitude", "latitude"), ("x", "y")].first(where: {
                header.contains($0.0) && header.contains($0.1)
            })
        else {
            throw SiteImportError(
                file: file, location: "line 1",
                reason:
                    "missing coordinate columns: need lon,lat (or x,y with «crs»); header has \(table.header.joined(separator: ","))"
            )
        }
        if xName == "x", crs == nil {
            throw SiteImportError(
                file: file, location: "line 1",
                reason: "x,y columns need «crs» (e.g. «crs» EPSG:4546); for degrees name them lon,lat")
        }
        guard header.contains("id") else {
            throw SiteImportError(
                file: file, location: "line 1",
                reason: "missing column 'id'; header has \(table.header.joined(separator: ","))")
        }
        let xi = header.firstIndex(of: xName)!, yi = header.firstIndex(of: yName)!
        let records = table.records
        let points = try inParallel(count: records.count) { i throws(SiteImportError) -> (x: Double, y: Double) in
            let fields = records[i].fields
            guard let x = parseDecimal(trimmedSpaces(fields[xi])) else {
                throw SiteImportError(
                    file: file, location: "line \(records[i].line)", reason: "\(xName) '\(fields[xi])' is not a number")
            }
            guard let y = parseDecimal(trimmedSpaces(fields[yi])) else {
                throw SiteImportError(
                    file: file, location: "line \(records[i].line)", reason: "\(yName) '\(fields[yi])' is not a number")
            }
            return (x, y)
        }
        let coordinates = try normalise(x: points.map(\.x), y: points.map(\.y), crs: crs, file: file) {
            "line \(records[$0].line)"
        }
        let cell = SiteColumn.allCases.map { header.firstIndex(of: $0.rawValue) } // by column ordinal
        let sites = try inParallel(count: records.count) { i throws(SiteImportError) in
            do throws(SiteFieldError) {
                return try Site(coordinate: coordinates[i], cells: cell.map { $0.map { records[i].fields[$0] } })
            } catch {
                throw SiteImportError(file: file, location: "line \(records[i].line)", reason: error.description)
            }
        }
        let known = Set(SiteColumn.allCases.map(\.rawValue) + [xName, yName])
        return Parsed(
            sites: sites, location: { "line \(records[$0].line)" },
            ignored: table.header.filter { !known.contains($0.lowercased()) })
    }

    // MARK: GeoJSON

    private static func readGeoJSON(data: Data, file: String, crs: String?) throws(SiteImportError) -> Parsed {
        if String(data: data, encoding: .utf8) == nil { _ = try utf8(data, file) }
        let features: [Feature]
        do {
            switch try GeoJSON.decode(data) {
            case let .featureCollection(fc): features = fc.features
            case let .feature(f): features = [f]
            case let .geometry(g):
                throw SiteImportError(
                    file: file, location: nil,
                    reason: "a bare \(g.typeName) has no attributes; expected a FeatureCollection of Points")
            }
        } catch let error as GeoJSONError {
            throw SiteImportError(file: file, location: nil, reason: error.description)
        } catch let error as SiteImportError { throw error } catch {
            throw SiteImportError(file: file, location: nil, reason: "\(error)")
        }
        var xs: [Double] = [], ys: [Double] = [], ignored = Set<String>()
        for (i, f) in features.enumerated() {
            guard case let .point(p)? = f.geometry else {
                throw SiteImportError(
                    file: file, location: "features[\(i)].geometry",
                    reason: "expected a Point, found \(f.geometry?.typeName ?? "null")")
            }
            xs.append(p.longitude); ys.append(p.latitude)
        }
        let coordinates = try normalise(x: xs, y: ys, crs: crs, file: file) { "features[\($0)]" }
        let known = Set(SiteColumn.allCases.map(\.rawValue))
        var sites: [Site] = []
        for (i, f) in features.enumerated() {
            var fields: [String: String] = [:]
            for (key, value) in (f.properties ?? [:]).members {
                if !known.contains(key) { ignored.insert(key) }
                fields[key] = text(value)
            }
            if fields["id"] == nil, let id = f.id { fields["id"] = id.description }
            do { sites.append(try Site(fields: fields, coordinate: coordinates[i])) } catch {
                throw SiteImportError(file: file, location: "features[\(i)].properties", reason: error.description)
            }
        }
        return Parsed(sites: sites, location: { "features[\($0)]" }, ignored: ignored.sorted())
    }

    /// One GeoJSON Feature as a site, checked as an import checks each feature (a Part 4 edit):
    /// a WGS 84 Point and the site fields; the error names the first bad field.
    public static func site(from feature: Feature) throws(SiteFieldError) -> Site {
        guard case let .point(p)? = feature.geometry else {
            throw SiteFieldError(
                field: "geometry", reason: "expected a Point, found \(feature.geometry?.typeName ?? "null")")
        }
        let coordinate: Coordinate
        do { coordinate = try Coordinate(longitude: p.longitude, latitude: p.latitude) } catch {
            throw SiteFieldError(field: "geometry", reason: "\(error)")
        }
        var fields: [String: String] = [:]
        for (key, value) in (feature.properties ?? [:]).members { fields[key] = text(value) }
        if fields["id"] == nil, let id = feature.id { fields["id"] = id.description }
        return try Site(fields: fields, coordinate: coordinate)
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .null: nil
        case let .string(s): s
        case let .bool(b): b ? "true" : "false"
        case let .number(n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case let .array(items): items.compactMap(text).joined(separator: ";")
        case .object: JSONWriter.string(value)
        }
    }

    // MARK: GeoPackage

    private static func readGeoPackage(path: String, file: String, crs: String?) throws(SiteImportError) -> Parsed {
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            let (layer, srs, fields, rows): (String, String, [String], [Row]) = try queue.read { db in
                guard
                    let layer = try String.fetchOne(
                        db,
                        sql: """
                            SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name = 'sites' DESC, table_name LIMIT 1
                            """)
                else { throw SiteImportError(file: file, location: nil, reason: "the GeoPackage has no feature layer") }
                let srsRow = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.organization, s.organization_coordsys_id, g.column_name FROM gpkg_geometry_columns g
                        JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id WHERE g.table_name = ?
                        """, arguments: [layer])!
                let org: String = srsRow[0], code: Int = srsRow[1], geometryColumn: String = srsRow[2]
                let srs = org.uppercased() == "NONE" ? "EPSG:4326" : "\(org.uppercased()):\(code)"
                let columns = try db.columns(in: layer).map(\.name)
                let rows = try Row.fetchAll(
                    db, sql: "SELECT rowid AS _fid, \"\(geometryColumn)\" AS _geom, * FROM \"\(layer)\"")
                return (layer, srs, columns, rows)
            }
            var xs: [Double] = [], ys: [Double] = []
            for row in rows {
                let fid: Int64 = row["_fid"]
                guard let blob: Data = row["_geom"] else {
                    throw SiteImportError(file: file, location: "layer \(layer), fid \(fid)", reason: "no geometry")
                }
                // Raw x/y: the layer may be projected, so no range check before the transform.
                let bytes = [UInt8](blob)
                guard let point = GeoPackageBinary.point(bytes, wkbOffset: try GeoPackageBinary.header(bytes).wkbOffset)
                else {
                    throw SiteImportError(
                        file: file, location: "layer \(layer), fid \(fid)", reason: "expected a Point geometry")
                }
                xs.append(point.x); ys.append(point.y)
            }
            let coordinates = try normalise(x: xs, y: ys, crs: crs ?? srs, file: file) {
                "layer \(layer), fid \((rows[$0]["_fid"] as Int64))"
            }
            let known = Set(SiteColumn.allCases.map(\.rawValue))
            var sites: [Site] = []
            for (i, row) in rows.enumerated() {
                var values: [String: String] = [:]
                for name in fields where known.contains(name.lowercased()) {
                    let value: DatabaseValue = row[name]
                    switch value.storage {
                    case let .string(s): values[name.lowercased()] = s
                    case let .int64(n): values[name.lowercased()] = String(n)
                    case let .double(d): values[name.lowercased()] = d == d.rounded() ? String(Int64(d)) : String(d)
                    default: break
                    }
                }
                do { sites.append(try Site(fields: values, coordinate: coordinates[i])) } catch {
                    throw SiteImportError(
                        file: file, location: "layer \(layer), fid \(row["_fid"] as Int64)", reason: error.description)
                }
            }
            let ignored = fields.filter {
                !known.contains($0.lowercased()) && $0 != "fid" && $0.lowercased() != "geom"
                    && $0.lowercased() != "geometry"
            }
            return Parsed(
                sites: sites, location: { "layer \(layer), fid \(rows[$0]["_fid"] as Int64)" }, ignored: ignored)
        } catch let error as SiteImportError {
            throw error
        } catch let error as DatabaseError {
            throw SiteImportError(
                file: file, location: nil,
                reason: "not a readable GeoPackage (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))")
        } catch {
            throw SiteImportError(file: file, location: nil, reason: "\(error)")
        }
    }

    /// `make(0..<count)` in order, on every core: building sites from cells is CPU work that
    /// scales with cores. Each item is built in its place in the result (joining
    /// per-thread arrays copied every site once more). The error of the first failing item is thrown.
    private static func inParallel<T: Sendable>(
        count: Int, _ make: @escaping @Sendable (Int) throws(SiteImportError) -> T
    ) throws(SiteImportError) -> [T] {
        guard count > 0 else { return [] }
        let chunks = count < 1_000 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        let errors = ChunkErrors(count: chunks)
        let result = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let items = UncheckedSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                let range = (count * c / chunks)..<(count * (c + 1) / chunks)
                var done = 0
                do throws(SiteImportError) {
                    for i in range { (items.value + i).initialize(to: try make(i)); done += 1 }
                } catch {
                    (items.value + range.lowerBound).deinitialize(count: done)
                    errors.set(c, error)
                }
            }
            if errors.first != nil {
                // Failing chunks cleaned up after themselves; the others are undone here.
                for c in 0..<chunks where errors.error(c) == nil {
                    let range = (count * c / chunks)..<(count * (c + 1) / chunks)
                    (items.value + range.lowerBound).deinitialize(count: range.count)
                }
                initialized = 0
            } else {
                initialized = count
            }
        }
        if let (_, error) = errors.first { throw error }
        return result
    }

    private struct UncheckedSendable<V>: @unchecked Sendable { let value: V; init(_ v: V) { value = v } }

    /// Each chunk's error, set from several threads.
    private final class ChunkErrors: Sendable {
        private let errors: Mutex<[SiteImportError?]>
        init(count: Int) { errors = Mutex(Array(repeating: nil, count: count)) }
        func set(_ i: Int, _ e: SiteImportError) { errors.withLock { $0[i] = e } }
        func error(_ i: Int) -> SiteImportError? { errors.withLock { $0[i] } }
        /// The failing chunk that comes first in the input, and its error.
        var first: (Int, SiteImportError)? {
            errors.withLock { $0.enumerated().first { $0.element != nil }.map { ($0.offset, $0.element!) } }
        }
    }

    // MARK: coordinates

    /// Transforms to WGS 84 when a CRS is given, then range-checks every point.
    private static func normalise(
        x: [Double], y: [Double], crs: String?, file: String,
        location: (Int) -> String
    ) throws(SiteImportError) -> [Coordinate] {
        var x = x, y = y
        if let crs, !["EPSG:4326", "WGS84", "CRS84", "OGC:CRS84"].contains(crs.uppercased()) {
            do {
                let t = try Transformer(from: crs, to: "EPSG:4326")
                try t.transformInParallel(x: &x, y: &y)
            } catch {
                if case let .pointFailed(index, _, _, reason) = error {
                    throw SiteImportError(
                        file: file, location: location(index), reason: "cannot transform from \(crs): \(reason)")
                }
                throw SiteImportError(file: file, location: nil, reason: error.description)
            }
        }
        var out: [Coordinate] = []
        out.reserveCapacity(x.count)
        for i in x.indices {
            do { out.append(try Coordinate(longitude: x[i], latitude: y[i])) } catch {
                throw SiteImportError(file: file, location: location(i), reason: error.description)
            }
        }
        return out
    }
}
