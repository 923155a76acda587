import Foundation
import GeoCore
import SiteStore

public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, geojson, csv
}

/// Renders sites in each output format; `distances` (metres) adds a distance column/property.
public enum SiteOutput {
    public static func render(
        _ sites: [Site], as format: OutputFormat, distances: [Double]? = nil, collection: String = "sites"
    ) -> String {
        switch format {
        case .table: return table(sites, distances: distances)
        case .csv: return csv(sites, distances: distances)
        case .json:
            let items = sites.enumerated().map { i, site -> JSONValue in
                var p = site.properties
                p["lon"] = .number(site.coordinate.longitude)
                p["lat"] = .number(site.coordinate.latitude)
                if let d = distances?[i] { p["distance_m"] = .number(d.rounded()) }
                return .object(p)
            }
            return JSONWriter.string(.array(items)) + "\n"
        case .geojson:
            let features = sites.enumerated().map { i, site -> Feature in
                var f = site.feature
                if let d = distances?[i] { f.properties?["distance_m"] = .number(d.rounded()) }
                return f
            }
            let fc = FeatureCollection(features: features, foreignMembers: ["name": .string(collection)])
            return GeoJSON.text(.featureCollection(fc)) + "\n"
        }
    }

    /// The CSV columns of GeoData/sites.csv, so an export can be edited and imported again.
    public static var csvHeader: [String] {
        var names = SiteColumn.allCases.map(\.rawValue)
        names.insert(contentsOf: ["lon", "lat"], at: names.firstIndex(of: "precision")!)
        return names
    }

    static func csv(_ sites: [Site], distances: [Double]?) -> String {
        var out = (csvHeader + (distances == nil ? [] : ["distance_m"])).joined(separator: ",") + "\n"
        for (i, site) in sites.enumerated() {
            var cells: [String] = []
            for name in csvHeader {
                switch name {
                case "lon": cells.append(String(GeoJSON.rounded(site.coordinate.longitude)))
                case "lat": cells.append(String(GeoJSON.rounded(site.coordinate.latitude)))
                default: cells.append(site.text(SiteColumn(rawValue: name)!) ?? "")
                }
            }
            if let d = distances?[i] { cells.append(String(Int(d.rounded()))) }
            out += cells.map(csvEscape).joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvEscape(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func table(_ sites: [Site], distances: [Double]?) -> String {
        var header = ["ID", "NAME", "KIND", "LEAGUE", "DESIGNATIONS", "PRECISION"]
        if distances != nil { header.append("KM") }
        var rows = sites.enumerated().map { i, s -> [String] in
            var row = [
                s.id, s.displayName, s.kind, s.league ?? "",
                s.designations.map { "\($0.scheme) \($0.level)" }.joined(separator: "; "), s.precision ?? ""
            ]
            if let d = distances?[i] { row.append(String(format: "%.1f", d / 1000)) }
            return row
        }
        rows.insert(header, at: 0)
        return TextTable.render(rows, maxWidth: [34, 30, 20, 10, 36, 24, 8])
            + "\(sites.count) site\(sites.count == 1 ? "" : "s")\n"
    }
}

/// Aligned columns for the terminal; CJK characters count as two cells.
public enum TextTable {
    public static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            true
        default: false
        }
    }

    static func truncate(_ s: String, to maxWidth: Int) -> String {
        guard width(s) > maxWidth else { return s }
        var out = "", w = 0
        for ch in s {
            let cw = width(String(ch))
            if w + cw > maxWidth - 1 { break }
            out.append(ch); w += cw
        }
        return out + "…"
    }

    public static func render(_ rows: [[String]], maxWidth: [Int]) -> String {
        let cells = rows.map { row in row.enumerated().map { truncate($1, to: maxWidth[min($0, maxWidth.count - 1)]) } }
        let columns = cells.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in cells.map { c < $0.count ? width($0[c]) : 0 }.max() ?? 0 }
        return cells.map { row in
            row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - width(cell))
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
