import Foundation
import GeoCore

extension Workspace {
    /// The offline base map: `GeoData/basemap.geojson`, a GeoJSON FeatureCollection whose features
    /// carry `layer` (`province`, `league`, `border`, `river`, `lake`, `road`), built once by
    /// `GeoData/tools/build_basemap.py` from open data (sources and licences in GeoData/README.md).
    /// Served as it is, so the web app draws a real map without asking any other host.
    /// - Throws: `InputError` (not found) when the shipped data has no base map.
    public func baseMap() throws -> Data {
        let url = try data().geoData.appendingPathComponent("basemap.geojson")
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw InputError(
                source: url.path, reason: "no base map; build it with GeoData/tools/build_basemap.py",
                code: "not-found", category: .notFound)
        }
        return bytes
    }
}
