import Foundation
import GeoCore
import Hummingbird
import Planner
import Service
import SiteStore
import Synchronization

/// OGC API – Features, Part 1 Core, over the GeoPackage's layers.
struct FeatureCollections: Sendable {
    let workspace: Workspace
    var store: SiteStore { workspace.store }
    let cache = FeatureCache()

    /// Forgets every decoded page (after a write through this server).
    func clear() { cache.clear() }

    struct Collection: Sendable {
        let id: String
        let title: String
        let description: String
        let filters: [String]
    }

    static let collections = [
        Collection(
            id: "sites", title: "Showcase sites",
            description:
                "Showcase sites, museums, heritage, red-education and nature sites of Inner Mongolia (and any imported). Coordinates are WGS 84; see `precision`.",
            filters: ["kind", "theme", "league", "level", "status", "scheme", "batch", "period", "q"]),
        Collection(
            id: "towns", title: "Towns (GeoNames)",
            description: "Inner Mongolia places of GeoNames cities500 (CC BY 4.0).", filters: []),
        Collection(
            id: "roads", title: "Roads",
            description: "The road lines the routing graphs are built from, by OSM highway class.", filters: ["highway"]
        ),
        Collection(
            id: "routes", title: "Heritage routes",
            description: "Stored heritage tourism routes (examples authored from the seed article's places).",
            filters: ["kind"]),
        Collection(
            id: "tours", title: "Study tours",
            description: "Stored study and red-education tours (examples authored from the seed article's places).",
            filters: ["kind"])
    ]

    static func collection(_ id: String) throws -> Collection {
        guard let c = collections.first(where: { $0.id == id }) else {
            throw HTTPProblem(
                status: .notFound, title: "Not found",
                detail: "no collection \"\(id)\"; collections: \(collections.map(\.id).joined(separator: ", "))",
                code: "unknown-collection")
        }
        return c
    }

    /// Every feature of a collection, with the filters applied (layers are small enough to page in
    /// memory). Kept per filter set and layer version (gpkg_contents.last_change, which every
    /// write moves, also an import by another process), so reads do not decode the layer every time.
    func features(_ c: Collection, filters: [String: String]) throws -> [Feature] {
        let used = filters.filter { c.filters.contains($0.key) }
        let version = try store.lastChange(of: c.id) ?? ""
        let key = c.id + "@" + version + "?" + used.keys.sorted().map { "\($0)=\(used[$0]!)" }.joined(separator: "&")
        if let hit = cache.get(key) { return hit }
        let fresh = try load(c, filters: used)
        cache.put(key, fresh)
        return fresh
    }

    private func load(_ c: Collection, filters: [String: String]) throws -> [Feature] {
        switch c.id {
        case "sites":
            let batch = try filters["batch"].map { text in
                guard let b = Int(text) else { throw FieldError("batch", "\"\(text)\" is not a whole number") }
                return b
            }
            let filter = SiteFilter(
                kind: filters["kind"], theme: filters["theme"], league: filters["league"], level: filters["level"],
                status: filters["status"],
                scheme: filters["scheme"], period: filters["period"], batch: batch)
            var sites = try workspace.sites(filter)
            if let q = filters["q"] {
                // Text search (Chinese substring, English, pinyin), best match first, then the filters.
                let kept = Set(sites.map(\.id))
                sites = try store.search(q, limit: 10_000).filter { kept.contains($0.id) }
            }
            return sites.map {
                var f = $0.feature; f.id = .string($0.id); return f
            }
        case "roads":
            return try store.roads().enumerated().compactMap { i, r in
                if let h = filters["highway"], h != r.highway { return nil }
                return Feature(
                    id: .string(String(i + 1)), geometry: .lineString(r.line),
                    properties: [
                        "highway": .string(r.highway), "name": r.name.map(JSONValue.string) ?? .null,
                        "ref": r.ref.map(JSONValue.string) ?? .null,
                        "way_id": .number(Double(r.wayID)), "length_m": .number(r.lengthMeters)
                    ])
            }
        case "towns":
            return try store.towns().map { t in
                Feature(
                    id: .string(String(t.geonameID)), geometry: .point(Position(t.coordinate)),
                    properties: [
                        "geonameid": .number(Double(t.geonameID)), "name": .string(t.name),
                        "name_zh": t.nameZh.map(JSONValue.string) ?? .null,
                        "label_zh": t.chineseLabel.map(JSONValue.string) ?? .null,
                        "population": t.population.map { .number(Double($0)) } ?? .null
                    ])
            }
        default:
            return try store.storedRoutes(c.id == "routes" ? .routes : .tours)
                .filter { r in filters["kind"].map { $0 == r.kind } ?? true }
                .map { r in
                    var f = StoredRouteFormats.feature(r); f.id = .string(r.id); return f
                }
        }
    }

    func extent(_ features: [Feature]) -> [Double]? {
        let positions = features.flatMap { $0.geometry?.positions ?? [] }
        guard !positions.isEmpty else { return nil }
        return [
            positions.map(\.longitude).min()!, positions.map(\.latitude).min()!, positions.map(\.longitude).max()!,
            positions.map(\.latitude).max()!
        ]
    }

    func describe(_ c: Collection, base: String) throws -> JSONValue {
        var o: JSONObject = [
            "id": .string(c.id), "title": .string(c.title), "description": .string(c.description),
            "itemType": .string("feature"),
            "crs": .array([.string("http://www.opengis.net/def/crs/OGC/1.3/CRS84")])
        ]
        if let bbox = extent(try features(c, filters: [:])) {
            o["extent"] = .object([
                "spatial": .object([
                    "bbox": .array([.array(bbox.map { .number($0) })]),
                    "crs": .string("http://www.opengis.net/def/crs/OGC/1.3/CRS84")
                ])
            ])
        }
        o["links"] = .array([
            link("\(base)/collections/\(c.id)", rel: "self", type: "application/json", title: c.title),
            link(
                "\(base)/collections/\(c.id)/items", rel: "items", type: "application/geo+json",
                title: "\(c.title) as GeoJSON")
        ])
        return .object(o)
    }

    /// `/collections/{id}/items`: bbox, limit (1…10,000, default 100), offset, simple filters; next/prev links.
    func items(_ c: Collection, query: [String: String], base: String) throws -> JSONValue {
        let known = Set(["bbox", "limit", "offset"] + c.filters)
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw FieldError(
                unknown,
                "is not a parameter of the \(c.id) collection (known: \(known.sorted().joined(separator: ", ")))")
        }
        var limit = 100
        if let l = query["limit"] {
            guard let n = Int(l), (1...10_000).contains(n) else {
                throw FieldError(
                    "limit", "must be a whole number from 1 to 10000 (got \"\(l)\"); page with offset or the next links"
                )
            }
            limit = n
        }
        var offset = 0
        if let o = query["offset"] {
            guard let n = Int(o), n >= 0 else {
                throw FieldError("offset", "must be a whole number ≥ 0 (got \"\(o)\")")
            }
            offset = n
        }
        var all = try features(c, filters: query)
        if let b = query["bbox"] {
            let box: BoundingBox
            do { box = try BoundingBox(parsing: b) } catch { throw FieldError("bbox", "\(error)") }
            all = all.filter { f in (f.geometry?.positions ?? []).contains { box.contains($0.coordinate) } }
        }
        let page = Array(all.dropFirst(offset).prefix(limit))
        var links: [JSONValue] = [
            link(url(base, c.id, query, offset: offset), rel: "self", type: "application/geo+json", title: "this page")
        ]
        if offset + page.count < all.count {
            links.append(
                link(
                    url(base, c.id, query, offset: offset + limit), rel: "next", type: "application/geo+json",
                    title: "next page"))
        }
        if offset > 0 {
            links.append(
                link(
                    url(base, c.id, query, offset: max(0, offset - limit)), rel: "prev", type: "application/geo+json",
                    title: "previous page"))
        }
        var fc = FeatureCollection(features: page).jsonValue.objectValue!
        fc["numberMatched"] = .number(Double(all.count))
        fc["numberReturned"] = .number(Double(page.count))
        fc["timeStamp"] = .string(Date().formatted(.iso8601)) // a FormatStyle: no formatter object per request
        fc["links"] = .array(links)
        return .object(fc)
    }

    func item(_ c: Collection, id: String) throws -> JSONValue {
        guard let f = try features(c, filters: [:]).first(where: { $0.id?.description == id }) else {
            throw HTTPProblem(
                status: .notFound, title: "Not found", detail: "no feature \"\(id)\" in \(c.id)",
                code: "unknown-feature")
        }
        return f.jsonValue
    }

    func url(_ base: String, _ id: String, _ query: [String: String], offset: Int) -> String {
        var q = query
        q["offset"] = String(offset)
        let text = q.keys.sorted().map {
            "\($0)=\(q[$0]!.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")"
        }.joined(separator: "&")
        return "\(base)/collections/\(id)/items?\(text)"
    }
}

func link(_ href: String, rel: String, type: String, title: String) -> JSONValue {
    .object(["href": .string(href), "rel": .string(rel), "type": .string(type), "title": .string(title)])
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var s = CharacterSet.urlQueryAllowed
        s.remove(charactersIn: "&=+,")
        return s
    }()
}

/// Decoded features per collection, layer version and filter set.
final class FeatureCache: Sendable {
    private let entries = Mutex<[String: [Feature]]>([:])

    func get(_ key: String) -> [Feature]? { entries.withLock { $0[key] } }

    func put(_ key: String, _ value: [Feature]) {
        entries.withLock { entries in
            if entries.count > 256 { entries.removeAll() } // bounded: filters are free text
            entries[key] = value
        }
    }

    func clear() { entries.withLock { $0.removeAll() } }
}

/// A page of features as an HTML table, for a browser: id and the first text properties.
enum ItemsPage {
    static func html(_ title: String, _ page: JSONValue) -> String {
        guard case let .object(o) = page, case let .array(features)? = o["features"] else { return "" }
        var rows: [[String: String]] = []
        var columns = ["id"]
        for case let .object(f) in features {
            var row: [String: String] = [
                "id": f["id"].map { if case let .string(s) = $0 { s } else { "\($0)" } } ?? ""
            ]
            if case let .object(p)? = f["properties"] {
                for (k, v) in p.members {
                    switch v {
                    case .string(let s): row[k] = s
                    case .number(let n): row[k] = n == n.rounded() ? String(Int(n)) : String(n)
                    default: continue
                    }
                    if !columns.contains(k), columns.count < 8 { columns.append(k) }
                }
            }
            rows.append(row)
        }
        var next: String?
        if case let .array(links)? = o["links"] {
            for case let .object(l) in links where l["rel"] == .string("next") {
                if case let .string(h)? = l["href"] { next = h }
            }
        }
        return MapPage.items(title, rows, columns: columns, next: next)
    }
}
