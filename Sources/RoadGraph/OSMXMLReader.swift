import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads OSM XML 0.6 (`.osm`) through Foundation's SAX parser (libxml2 underneath).
public enum OSMXMLReader {
    public static func read(path: String, keeping filter: TagFilter) throws -> OSMData {
        guard let stream = InputStream(fileAtPath: path), FileManager.default.fileExists(atPath: path) else {
            throw RoadGraphError.badInput("\(path): cannot read")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { throw RoadGraphError.badInput("\(path): empty file, not OSM XML") }
        return try parse(XMLParser(stream: stream), source: path, keeping: filter)
    }

    /// Reads OSM XML bytes in memory; `source` names them in error messages.
    public static func read(data: Data, source: String, keeping filter: TagFilter) throws -> OSMData {
        guard !data.isEmpty else { throw RoadGraphError.badInput("\(source): empty file, not OSM XML") }
        return try parse(XMLParser(data: data), source: source, keeping: filter)
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
        return delegate.data
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        let path: String
        let filter: TagFilter
        var data = OSMData()
        var error: RoadGraphError?
        var sawRoot = false
        var way: (id: Int64, tags: [String: String], refStart: Int)?

        init(path: String, filter: TagFilter) { self.path = path; self.filter = filter }

        func fail(_ parser: XMLParser, _ message: String) {
            if error == nil { error = .badInput("\(path):\(parser.lineNumber): \(message)") }
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes a: [String: String] = [:]) {
            switch name {
            case "osm":
                sawRoot = true
            case "node":
                guard let id = a["id"].flatMap(Int64.init), let lat = a["lat"].flatMap(Double.init), let lon = a["lon"].flatMap(Double.init),
                      (-90...90).contains(lat), (-180...180).contains(lon) else {
                    return fail(parser, "<node> needs a numeric id and lat/lon in range")
                }
                data.nodeIDs.append(id); data.latitudes.append(lat); data.longitudes.append(lon)
                data.counts.nodes += 1
            case "way":
                guard let id = a["id"].flatMap(Int64.init) else { return fail(parser, "<way> needs a numeric id") }
                way = (id, [:], data.wayRefs.count)
                data.counts.ways += 1
            case "nd":
                guard way != nil else { return }
                guard let ref = a["ref"].flatMap(Int64.init) else { return fail(parser, "<nd> needs a numeric ref") }
                data.wayRefs.append(ref)
            case "tag":
                guard way != nil, let k = a["k"], filter.keys.contains(k) else { return }
                way!.tags[k] = a["v"] ?? ""
            case "relation":
                data.counts.relations += 1
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard name == "way", let w = way else { return }
            if w.tags["highway"] != nil {
                data.ways.append(OSMWay(id: w.id, tags: w.tags, refStart: w.refStart, refCount: data.wayRefs.count - w.refStart))
            } else {
                data.wayRefs.removeLast(data.wayRefs.count - w.refStart)
            }
            way = nil
        }
    }
}
