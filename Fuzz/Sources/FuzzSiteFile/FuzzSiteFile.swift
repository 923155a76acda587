import Foundation
import FuzzDriver
import SiteStore

// Bytes as a site import file: GeoJSON when they start with `{`, CSV otherwise. Every failure
// must be a SiteImportError (the CLI prints it as one line); every site read must be valid.
@main enum Harness { static func main() { runLibFuzzer(fuzzSiteFile) } }

@_cdecl("LLVMFuzzerTestOneInput") // libFuzzer's runtime links against this name
public func fuzzSiteFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = Data(UnsafeRawBufferPointer(start: start, count: count))
    let format: SiteFileReader.TextFormat = data.first == UInt8(ascii: "{") ? .geojson : .csv
    do {
        let result = try SiteFileReader.read(data: data, name: "fuzz", format: format)
        for site in result.sites {
            guard !site.id.isEmpty else { fatalError("a site without id") }
            guard (-90...90).contains(site.coordinate.latitude) && (-180...180).contains(site.coordinate.longitude)
            else {
                fatalError("site \(site.id) outside WGS 84 ranges")
            }
        }
    } catch {
        guard !error.description.contains("\n") else { fatalError("a multi-line error: \(error)") }
    }
    return 0
}
