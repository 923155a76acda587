import CZlib
import Dispatch
import Foundation

/// Reads OpenStreetMap PBF files: blob headers, zlib blocks, dense and plain nodes, ways.
///
/// The file is memory-mapped and split into blobs first; blobs are then inflated and decoded on
/// all cores (each yields its own `OSMData`) and merged in file order, so the result does not
/// depend on the number of threads. Two passes: the ways and relations first, then only the
/// nodes those ways use (a regional extract's buildings and land use are most of its nodes, and
/// are never held).
public enum PBFReader {
    /// Limits from the PBF specification; larger claims are refused before any allocation.
    static let maxHeaderBytes = 64 * 1024
    static let maxBlobBytes = 32 * 1024 * 1024

    public static func read(
        path: String, keeping filter: TagFilter,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> OSMData {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw RoadGraphError.badInput("\(path): cannot read (\(error.localizedDescription))")
        }
        return try read(data: data, source: path, keeping: filter, progress: progress)
    }

    /// Reads PBF bytes already in memory (or mapped); `source` names them in error messages.
    public static func read(
        data: Data, source path: String, keeping filter: TagFilter,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> OSMData {
        guard !data.isEmpty else { throw RoadGraphError.badInput("\(path): empty file, not an OSM PBF") }
        return try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> OSMData in
            let blobs = try splitBlobs(raw, path: path)
            guard let first = blobs.first, first.type == "OSMHeader" else {
                throw RoadGraphError.badInput("\(path): first block is not an OSMHeader; is this an OSM PBF file?")
            }
            try checkHeader(raw, first, path: path)
            let dataBlobs = blobs.filter { $0.type == "OSMData" }
            nonisolated(unsafe) let mapped = raw // read-only while the workers run
            let report = progress.map { p in
                { (done: Int, pass: Int) in p(pass * dataBlobs.count + done, 2 * dataBlobs.count) }
            }
            let ways = try decodeAll(
                mapped, dataBlobs, path: path, filter: filter, pass: .ways, progress: report.map { r in { r($0, 0) } })
            var needed = ways.wayRefs
            needed.sort()
            var unique = 0
            for i in needed.indices where i == 0 || needed[i] != needed[unique - 1] {
                needed[unique] = needed[i]; unique += 1
            }
            needed.removeLast(needed.count - unique)
            var osm = try decodeAll(
                mapped, dataBlobs, path: path, filter: filter, pass: .nodes(needed),
                progress: report.map { r in { r($0, 1) } })
            osm.ways = ways.ways
            osm.wayRefs = ways.wayRefs
            osm.restrictions = ways.restrictions
            osm.counts.ways = ways.counts.ways
            osm.counts.relations = ways.counts.relations
            osm.finishNodes()
            return osm
        }
    }

    /// What one pass over the data blobs keeps: ways and relations, or the nodes whose ids are
    /// in a sorted list.
    enum Pass: Sendable {
        case ways
        case nodes([Int64])
    }

    /// Decodes every data blob on all cores, merged in file order.
    static func decodeAll(
        _ mapped: UnsafeRawBufferPointer, _ dataBlobs: [Blob], path: String, filter: TagFilter, pass: Pass,
        progress: ((Int) -> Void)?
    ) throws -> OSMData {
        nonisolated(unsafe) let mapped = mapped
        var osm = OSMData()
        let batch = max(1, ProcessInfo.processInfo.activeProcessorCount * 4)
        var done = 0
        while done < dataBlobs.count {
            let range = done..<min(done + batch, dataBlobs.count)
            nonisolated(unsafe) let results = UnsafeMutableBufferPointer<Result<OSMData, RoadGraphError>?>.allocate(
                capacity: range.count)
            results.initialize(repeating: nil)
            DispatchQueue.concurrentPerform(iterations: range.count) { i in
                let blob = dataBlobs[range.lowerBound + i]
                do {
                    results[i] = .success(try decodeDataBlob(mapped, blob, filter: filter, pass: pass))
                } catch let e as PBFError {
                    results[i] = .failure(
                        .badInput("\(path): block \(blob.index) at byte \(blob.offset): \(describe(e))"))
                } catch let e as RoadGraphError {
                    results[i] = .failure(e)
                } catch {
                    results[i] = .failure(.badInput("\(path): block \(blob.index): \(error)"))
                }
            }
            defer { results.deinitialize(); results.deallocate() }
            for i in 0..<range.count {
                switch results[i]! {
                case .success(let d): osm.append(d)
                case .failure(let e): throw e
                }
            }
            done = range.upperBound
            progress?(done)
        }
        return osm
    }

    struct Blob {
        var index: Int
        var offset: Int
        var type: String
        var range: Range<Int>
    }

    static func describe(_ e: PBFError) -> String {
        switch e {
        case .truncated: "truncated or corrupt data"
        case .malformed(let m): m
        }
    }

    static func splitBlobs(_ raw: UnsafeRawBufferPointer, path: String) throws -> [Blob] {
        var blobs: [Blob] = []
        var pos = 0
        while pos < raw.count {
            let where_ = "\(path): block \(blobs.count) at byte \(pos)"
            guard raw.count - pos >= 4 else { throw RoadGraphError.badInput("\(where_): truncated block length") }
            let headerLength =
                Int(raw[pos]) << 24 | Int(raw[pos + 1]) << 16 | Int(raw[pos + 2]) << 8 | Int(raw[pos + 3])
            guard headerLength > 0, headerLength <= maxHeaderBytes else {
                throw RoadGraphError.badInput(
                    "\(where_): blob header claims \(headerLength) bytes (limit \(maxHeaderBytes)); not an OSM PBF or corrupt"
                )
            }
            pos += 4
            guard raw.count - pos >= headerLength else {
                throw RoadGraphError.badInput("\(where_): truncated blob header")
            }
            var r = ProtobufReader(base: raw.baseAddress!, range: pos..<pos + headerLength)
            var type = ""
            var size = -1
            do {
                while let f = try r.field() {
                    switch (f.number, f.wire) {
                    case (1, 2): type = r.string(try r.bytes())
                    case (3, 0): size = Int(truncatingIfNeeded: try r.varint())
                    default: try r.skip(wire: f.wire)
                    }
                }
            } catch {
                throw RoadGraphError.badInput("\(where_): corrupt blob header")
            }
            guard size >= 0, size <= maxBlobBytes else {
                throw RoadGraphError.badInput(
                    "\(where_): blob claims \(size) bytes (limit \(maxBlobBytes)); corrupt file")
            }
            pos += headerLength
            guard raw.count - pos >= size else {
                throw RoadGraphError.badInput(
                    "\(where_): truncated: the blob needs \(size) bytes, \(raw.count - pos) left")
            }
            blobs.append(Blob(index: blobs.count, offset: pos, type: type, range: pos..<pos + size))
            pos += size
        }
        return blobs
    }

    /// Inflates a blob into a fresh buffer (the caller deallocates it).
    static func inflate(_ raw: UnsafeRawBufferPointer, _ blob: Blob) throws(PBFError) -> UnsafeMutableRawBufferPointer {
        var r = ProtobufReader(base: raw.baseAddress!, range: blob.range)
        var rawRange: Range<Int>?
        var zlibRange: Range<Int>?
        var rawSize = -1
        while let f = try r.field() {
            switch (f.number, f.wire) {
            case (1, 2): rawRange = try r.bytes()
            case (2, 0): rawSize = Int(truncatingIfNeeded: try r.varint())
            case (3, 2): zlibRange = try r.bytes()
            case (4, _), (5, _), (6, _), (7, _):
                throw PBFError.malformed(
                    "compression other than zlib (lzma/bzip2/lz4/zstd) is not supported; recompress with osmium cat")
            default: try r.skip(wire: f.wire)
            }
        }
        if let rawRange {
            let out = UnsafeMutableRawBufferPointer.allocate(byteCount: rawRange.count, alignment: 8)
            out.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[rawRange]))
            return out
        }
        guard let zlibRange else { throw PBFError.malformed("blob has no data") }
        guard rawSize >= 0, rawSize <= maxBlobBytes else {
            throw PBFError.malformed("blob claims \(rawSize) bytes uncompressed (limit \(maxBlobBytes))")
        }
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: max(rawSize, 1), alignment: 8)
        var outLength = uLongf(rawSize)
        let status = uncompress(
            out.baseAddress!.assumingMemoryBound(to: Bytef.self), &outLength,
            raw.baseAddress!.advanced(by: zlibRange.lowerBound).assumingMemoryBound(to: Bytef.self),
            uLong(zlibRange.count))
        guard status == Z_OK, Int(outLength) == rawSize else {
            out.deallocate()
            throw PBFError.malformed("zlib data is corrupt (status \(status))")
        }
        return out
    }

    static func checkHeader(_ raw: UnsafeRawBufferPointer, _ blob: Blob, path: String) throws {
        do {
            let buffer = try inflate(raw, blob)
            defer { buffer.deallocate() }
            var r = ProtobufReader(UnsafeRawBufferPointer(buffer))
            while let f = try r.field() {
                if f.number == 4, f.wire == 2 {
                    let feature = r.string(try r.bytes())
                    guard ["OsmSchema-V0.6", "DenseNodes"].contains(feature) else {
                        throw RoadGraphError.badInput(
                            "\(path): the file needs the PBF feature \"\(feature)\", which this reader does not support"
                        )
                    }
                } else {
                    try r.skip(wire: f.wire)
                }
            }
        } catch let e as PBFError {
            throw RoadGraphError.badInput("\(path): header block: \(describe(e))")
        }
    }

    static func decodeDataBlob(_ raw: UnsafeRawBufferPointer, _ blob: Blob, filter: TagFilter, pass: Pass) throws
        -> OSMData
    {
        let buffer = try inflate(raw, blob)
        defer { buffer.deallocate() }
        var r = ProtobufReader(UnsafeRawBufferPointer(buffer))
        var strings: [String] = []
        var groups: [Range<Int>] = []
        var granularity: Int64 = 100
        var latOffset: Int64 = 0
        var lonOffset: Int64 = 0
        while let f = try r.field() {
            switch (f.number, f.wire) {
            case (1, 2):
                var t = r.sub(try r.bytes())
                while let g = try t.field() {
                    if g.number == 1, g.wire == 2 {
                        strings.append(t.string(try t.bytes()))
                    } else {
                        try t.skip(wire: g.wire)
                    }
                }
            case (2, 2): groups.append(try r.bytes())
            case (17, 0): granularity = Int64(truncatingIfNeeded: try r.varint())
            case (19, 0): latOffset = Int64(bitPattern: try r.varint())
            case (20, 0): lonOffset = Int64(bitPattern: try r.varint())
            default: try r.skip(wire: f.wire)
            }
        }
        let keep = strings.map { filter.keys.contains($0) || $0 == "barrier" }
        let barrierKey = strings.firstIndex(of: "barrier")
        var needed: [Int64] = []
        var nodesPass = false
        if case .nodes(let ids) = pass { needed = ids; nodesPass = true }
        /// Whether a node is used by a kept way (binary search in the sorted ids).
        func isNeeded(_ id: Int64) -> Bool {
            var lo = 0, hi = needed.count
            while lo < hi { let mid = (lo + hi) >> 1; if needed[mid] < id { lo = mid + 1 } else { hi = mid } }
            return lo < needed.count && needed[lo] == id
        }
        var out = OSMData()
        let scale = 1e-9
        func coordinate(_ offset: Int64, _ value: Int64) -> Double { Double(offset &+ granularity &* value) * scale }
        for group in groups {
            var g = r.sub(group)
            while let f = try g.field() {
                switch (f.number, f.wire) {
                case (1, 2): // plain Node
                    guard nodesPass else { try g.skip(wire: f.wire); continue }
                    var n = g.sub(try g.bytes())
                    var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
                    var keys: [Int] = [], vals: [Int] = []
                    while let h = try n.field() {
                        switch (h.number, h.wire) {
                        case (1, 0): id = try n.sint()
                        case (2, 2):
                            var p = n.sub(try n.bytes()); while !p.atEnd { keys.append(Int(clamping: try p.varint())) }
                        case (3, 2):
                            var p = n.sub(try n.bytes()); while !p.atEnd { vals.append(Int(clamping: try p.varint())) }
                        case (8, 0): lat = try n.sint()
                        case (9, 0): lon = try n.sint()
                        default: try n.skip(wire: h.wire)
                        }
                    }
                    out.counts.nodes += 1
                    guard isNeeded(id) else { continue }
                    if let b = barrierKey, keys.contains(b) {
                        out.barriers[id] = try tagDictionary(keys, vals, strings, keep, what: "node \(id)")
                    }
                    out.nodeIDs.append(id)
                    out.latitudes.append(coordinate(latOffset, lat))
                    out.longitudes.append(coordinate(lonOffset, lon))
                case (2, 2): // DenseNodes
                    guard nodesPass else { try g.skip(wire: f.wire); continue }
                    var d = g.sub(try g.bytes())
                    var ids: [Int64] = [], lats: [Double] = [], lons: [Double] = []
                    var barrierTags: [Int: [String: String]] = [:]
                    while let h = try d.field() {
                        switch (h.number, h.wire) {
                        case (1, 2):
                            var p = d.sub(try d.bytes()); var acc: Int64 = 0
                            while !p.atEnd { acc &+= try p.sint(); ids.append(acc) }
                        case (8, 2):
                            var p = d.sub(try d.bytes()); var acc: Int64 = 0
                            while !p.atEnd { acc &+= try p.sint(); lats.append(coordinate(latOffset, acc)) }
                        case (9, 2):
                            var p = d.sub(try d.bytes()); var acc: Int64 = 0
                            while !p.atEnd { acc &+= try p.sint(); lons.append(coordinate(lonOffset, acc)) }
                        case (10, 2):
                            // keys_vals: per node, key/value string indices ending in 0; only barriers matter.
                            guard let b = barrierKey else { try d.skip(wire: h.wire); continue }
                            var p = d.sub(try d.bytes())
                            var node = 0
                            var pairs: [Int] = []
                            while !p.atEnd {
                                let k = Int(clamping: try p.varint())
                                if k == 0 {
                                    if pairs.contains(where: { $0 == b }) {
                                        let ks = stride(from: 0, to: pairs.count - 1, by: 2).map { pairs[$0] }
                                        let vs = stride(from: 1, to: pairs.count, by: 2).map { pairs[$0] }
                                        barrierTags[node] = try tagDictionary(
                                            ks, vs, strings, keep, what: "dense node \(node)")
                                    }
                                    pairs.removeAll(keepingCapacity: true); node += 1
                                } else {
                                    pairs.append(k); pairs.append(Int(clamping: try p.varint()))
                                }
                            }
                        default: try d.skip(wire: h.wire)
                        }
                    }
                    guard lats.count == ids.count, lons.count == ids.count else {
                        throw PBFError.malformed("dense nodes: \(ids.count) ids but a different number of coordinates")
                    }
                    out.counts.nodes += ids.count
                    for i in ids.indices where isNeeded(ids[i]) {
                        out.nodeIDs.append(ids[i]); out.latitudes.append(lats[i]); out.longitudes.append(lons[i])
                        if let tags = barrierTags[i] { out.barriers[ids[i]] = tags }
                    }
                case (3, 2): // Way
                    guard !nodesPass else { try g.skip(wire: f.wire); continue }
                    var w = g.sub(try g.bytes())
                    var id: Int64 = 0
                    var keys: [Int] = [], vals: [Int] = []
                    var refsRange: Range<Int>?
                    while let h = try w.field() {
                        switch (h.number, h.wire) {
                        case (1, 0): id = Int64(bitPattern: try w.varint())
                        case (2, 2):
                            var p = w.sub(try w.bytes()); while !p.atEnd { keys.append(Int(clamping: try p.varint())) }
                        case (3, 2):
                            var p = w.sub(try w.bytes()); while !p.atEnd { vals.append(Int(clamping: try p.varint())) }
                        case (8, 2): refsRange = try w.bytes()
                        default: try w.skip(wire: h.wire)
                        }
                    }
                    out.counts.ways += 1
                    guard keys.count == vals.count else {
                        throw PBFError.malformed("way \(id): \(keys.count) tag keys but \(vals.count) values")
                    }
                    let tags = try tagDictionary(keys, vals, strings, keep, what: "way \(id)")
                    guard isRoutable(tags) else { continue }
                    let refStart = out.wayRefs.count
                    if let refsRange {
                        var p = w.sub(refsRange); var acc: Int64 = 0
                        while !p.atEnd { acc &+= try p.sint(); out.wayRefs.append(acc) }
                    }
                    out.ways.append(
                        OSMWay(id: id, tags: tags, refStart: refStart, refCount: out.wayRefs.count - refStart))
                case (4, 2):
                    guard !nodesPass else { try g.skip(wire: f.wire); continue }
                    var rel = g.sub(try g.bytes())
                    out.counts.relations += 1
                    var id: Int64 = 0
                    var keys: [Int] = [], vals: [Int] = [], roles: [Int] = [], refs: [Int64] = [], types: [Int] = []
                    while let h = try rel.field() {
                        switch (h.number, h.wire) {
                        case (1, 0): id = Int64(bitPattern: try rel.varint())
                        case (2, 2):
                            var p = rel.sub(try rel.bytes());
                            while !p.atEnd { keys.append(Int(clamping: try p.varint())) }
                        case (3, 2):
                            var p = rel.sub(try rel.bytes());
                            while !p.atEnd { vals.append(Int(clamping: try p.varint())) }
                        case (8, 2):
                            var p = rel.sub(try rel.bytes());
                            while !p.atEnd { roles.append(Int(clamping: try p.varint())) }
                        case (9, 2):
                            var p = rel.sub(try rel.bytes()); var acc: Int64 = 0;
                            while !p.atEnd { acc &+= try p.sint(); refs.append(acc) }
                        case (10, 2):
                            var p = rel.sub(try rel.bytes());
                            while !p.atEnd { types.append(Int(clamping: try p.varint())) }
                        default: try rel.skip(wire: h.wire)
                        }
                    }
                    guard keys.count == vals.count else {
                        throw PBFError.malformed("relation \(id): \(keys.count) tag keys but \(vals.count) values")
                    }
                    // Only turn restrictions matter; their tags are few and all kept.
                    guard
                        zip(keys, vals).contains(where: { k, v in
                            k < strings.count && v < strings.count && strings[k] == "type"
                                && strings[v] == "restriction"
                        })
                    else { continue }
                    guard roles.count == refs.count, types.count == refs.count else {
                        throw PBFError.malformed("relation \(id): member lists differ in length")
                    }
                    var restriction = OSMRestriction(
                        id: id, tags: try tagDictionary(keys, vals, strings, nil, what: "relation \(id)"))
                    for i in refs.indices {
                        guard roles[i] < strings.count else {
                            throw PBFError.malformed("relation \(id): role string index out of range")
                        }
                        restriction.add(
                            type: ["node", "way", "relation"][min(types[i], 2)], ref: refs[i], role: strings[roles[i]])
                    }
                    out.restrictions.append(restriction)
                default:
                    try g.skip(wire: f.wire)
                }
            }
        }
        return out
    }

    /// Tags from parallel string-table indices; `keep` (when given) drops the keys no profile reads.
    static func tagDictionary(_ keys: [Int], _ vals: [Int], _ strings: [String], _ keep: [Bool]?, what: String)
        throws(PBFError) -> [String: String]
    {
        var tags: [String: String] = [:]
        for (k, v) in zip(keys, vals) {
            guard k < strings.count, v < strings.count else {
                throw PBFError.malformed("\(what): tag string index out of range")
            }
            if keep?[k] ?? true { tags[strings[k]] = strings[v] }
        }
        return tags
    }
}
