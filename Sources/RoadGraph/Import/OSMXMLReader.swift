import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads OSM XML 0.6 (`.osm`) through Foundation's SAX parser (libxml2 underneath).
public enum OSMXMLReader {
    public static func read(path: String, keeping filter: TagFilter) throws -> OSMData {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw RoadGraphError.badInput("\(path): cannot read")
        }
        try check(data, source: path)
        guard let stream = InputStream(fileAtPath: path) else { throw RoadGraphError.badInput("\(path): cannot read") }
        return try parse(XMLParser(stream: stream), source: path, keeping: filter)
    }

    /// Reads OSM XML bytes in memory; `source` names them in error messages.
    public static func read(data: Data, source: String, keeping filter: TagFilter) throws -> OSMData {
        try check(data, source: source)
        // Streamed like a file: XMLParser(data:) reports some errors differently (and failed on
        // a 20 MB file that the stream reads).
        return try parse(XMLParser(stream: InputStream(data: data)), source: source, keeping: filter)
    }

    private static func check(_ data: Data, source: String) throws {
        guard !data.isEmpty else { throw RoadGraphError.badInput("\(source): empty file, not OSM XML") }
        // Foundation's XMLParser crashes on names that are not UTF-8 (found by fuzzing), so
        // the bytes are checked first; OSM XML is UTF-8 by definition.
        if let bad = data.withUnsafeBytes(firstInvalidUTF8) {
            let line = data.prefix(bad).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw RoadGraphError.badInput("\(source):\(line): not UTF-8 (byte \(bad)); OSM XML files are UTF-8")
        }
        // It also crashes on a processing instruction without data (`<?x?>`); OSM XML has none
        // but the declaration, so any other is refused.
        if let pi = data.withUnsafeBytes(processingInstruction) {
            let line = data.prefix(pi).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw RoadGraphError.badInput(
                "\(source):\(line): a processing instruction (<?…?>) other than the XML declaration; OSM XML has none")
        }
    }

    /// The offset of the first `<?` that is not the XML declaration at the start of the file.
    static func processingInstruction(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 } // a byte-order mark
        for i in start..<max(start, bytes.count - 1)
        where bytes[i] == UInt8(ascii: "<") && bytes[i + 1] == UInt8(ascii: "?") {
            let declaration = i == start && bytes[(i + 2)...].starts(with: Array("xml ".utf8))
            if !declaration { return i }
        }
        return nil
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence, if any.
    static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func parse(_ parser: XMLParser, source path: String, keeping filter: TagFilter) throws -> OSMData {
        let delegate = Delegate(path: path, filter: filter)
        parser.delegate = delegate
        let ok = parser.parse()
        if let error = delegate.error { throw error }
        guard ok else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "malformed XML"
            throw RoadGraphError.badInput("\(path):\(parser.lineNumber): \(reason)")
        }
        guard delegate.sawRoot else { throw RoadGraphError.badInput("\(path): no <osm> element; not OSM XML") }
        delegate.data.finishNodes()
        delegate.data.keepOnlyReferencedNodes()
        return delegate.data
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let path: String
        let filter: TagFilter
        var data = OSMData()
        var error: RoadGraphError?
        var sawRoot = false
        var way: (id: Int64, tags: [String: String], refStart: Int)?
        var node: (id: Int64, tags: [String: String])?
        var relation: (restriction: OSMRestriction, isRestriction: Bool)?

        init(path: String, filter: TagFilter) { self.path = path; self.filter = filter }

        func fail(_ parser: XMLParser, _ message: String) {
            if error == nil { error = .badInput("\(path):\(parser.lineNumber): \(message)") }
            parser.abortParsing()
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
            qualifiedName: String?, attributes a: [String: String] = [:]
        ) {
            switch name {
            case "osm":
                sawRoot = true
            case "node":
                guard let id = a["id"].flatMap(Int64.init), let lat = a["lat"].flatMap(Double.init),
                    let lon = a["lon"].flatMap(Double.init),
                    (-90...90).contains(lat), (-180...180).contains(lon)
                else {
                    return fail(parser, "<node> needs a numeric id and lat/lon in range")
                }
                data.nodeIDs.append(id); data.latitudes.append(lat); data.longitudes.append(lon)
                data.counts.nodes += 1
                node = (id, [:])
            case "way":
                guard let id = a["id"].flatMap(Int64.init) else { return fail(parser, "<way> needs a numeric id") }
                way = (id, [:], data.wayRefs.count)
                data.counts.ways += 1
            case "nd":
                guard way != nil else { return }
                guard let ref = a["ref"].flatMap(Int64.init) else { return fail(parser, "<nd> needs a numeric ref") }
                data.wayRefs.append(ref)
            case "tag":
                guard let k = a["k"] else { return }
                if way != nil, filter.keys.contains(k) {
                    way!.tags[k] = a["v"] ?? ""
                } else if node != nil, k == "barrier" || filter.keys.contains(k) {
                    node!.tags[k] = a["v"] ?? ""
                } else if relation != nil {
                    relation!.restriction.tags[k] = a["v"] ?? ""
                    if k == "type", a["v"] == "restriction" { relation!.isRestriction = true }
                }
            case "member":
                guard relation != nil, let type = a["type"], let ref = a["ref"].flatMap(Int64.init) else { return }
                relation!.restriction.add(type: type, ref: ref, role: a["role"] ?? "")
            case "relation":
                guard let id = a["id"].flatMap(Int64.init) else { return fail(parser, "<relation> needs a numeric id") }
                data.counts.relations += 1
                relation = (OSMRestriction(id: id, tags: [:]), false)
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "node", let n = node {
                if n.tags["barrier"] != nil { data.barriers[n.id] = n.tags }
                node = nil
            }
            if name == "relation", let r = relation {
                if r.isRestriction { data.restrictions.append(r.restriction) }
                relation = nil
            }
            guard name == "way", let w = way else { return }
            if isRoutable(w.tags) {
                data.ways.append(
                    OSMWay(id: w.id, tags: w.tags, refStart: w.refStart, refCount: data.wayRefs.count - w.refStart))
            } else {
                data.wayRefs.removeLast(data.wayRefs.count - w.refStart)
            }
            way = nil
        }
    }
}
