import ArgumentParser
import Foundation
import Service

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Transform coordinates between CRSs (PROJ, plus the GCJ02 and BD09 web-map datums).",
        discussion: """
            Reads one point per line, "x y" or "x,y" (longitude/easting first, always), from FILE \
            or stdin, and writes "x y" lines to stdout. Columns after the second are passed \
            through unchanged; blank lines are skipped and lines starting with # are copied.

            A CRS is anything PROJ accepts (EPSG:4546, ESRI:102025, WKT, a PROJ string) or GCJ02 \
            (Amap/Tencent) or BD09 (Baidu). Degrees are printed with 9 decimals, metres with 4.

            Examples:
              # WGS 84 to CGCS2000 3-degree Gauss-Kruger zone 37 (CM 111E), Hohhot:
              echo "111.65222 40.81056" | showcase project --from EPSG:4326 --to EPSG:4546
              # Coordinates copied from Amap (GCJ-02) to WGS 84, names kept:
              showcase project --from GCJ02 --to EPSG:4326 amap-points.csv
              # Baidu to a Gauss-Kruger zone in one step:
              showcase project --from BD09 --to EPSG:4547 baidu.txt
            """
    )

    @Option(help: "CRS of the input, e.g. EPSG:4326, EPSG:4546, GCJ02, BD09.")
    var from: String

    @Option(help: "CRS of the output.")
    var to: String

    @Option(help: "Decimals to print (default: 9 for degrees, 4 for metres).")
    var precision: Int?

    @Argument(help: "File of points; stdin if omitted or '-'.")
    var file: String?

    func validate() throws {
        if let precision, !(0...15).contains(precision) {
            throw ValidationError("--precision must be between 0 and 15, got \(precision)")
        }
    }

    func run() throws {
        let (name, text) = try TextInput.read(file, limit: 1 << 30) // coordinate lists can be long
        var out = StandardOutput()
        try ProjectOperation.project(text: text, source: name, from: from, to: to, precision: precision) {
            out.write($0)
        }
        out.flush()
    }
}
