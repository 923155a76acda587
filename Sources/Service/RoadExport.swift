import Foundation
import GeoCore
import RoadGraph

extension Workspace {
    /// `showcase roads export`: a profile's graph as a GeoJSON FeatureCollection, one LineString
    /// per directed edge (from, to, length_m, duration_s), handed to `write` piece by piece.
    /// `from_vertex`/`to_vertex` name the graph's own nodes: at a junction with turn
    /// restrictions one OSM node is several vertices (one per restricted way in), so a search
    /// over vertices obeys the restrictions as ours does.
    public func writeGraphEdges(profile: String, write: (String) -> Void) throws {
        let g = try graph(profile).network
        func coord(_ d: Double) -> String {
            let r = GeoJSON.rounded(d)
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        write("{\"type\":\"FeatureCollection\",\"features\":[")
        var first = true
        for u in 0..<g.nodeCount {
            for e in g.outEdges(u) {
                let v = Int(g.head[e])
                let c = g.cost(e)
                write(
                    (first ? "\n" : ",\n")
                        + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[["
                        + coord(g.longitudes[u]) + "," + coord(g.latitudes[u]) + "],[" + coord(g.longitudes[v]) + ","
                        + coord(g.latitudes[v])
                        + "]]},\"properties\":{\"from\":\(g.osmIDs[u]),\"to\":\(g.osmIDs[v]),\"from_vertex\":\(u),\"to_vertex\":\(v),\"length_m\":\(c.meters),\"duration_s\":\(c.seconds)}}"
                )
                first = false
            }
        }
        write("\n]}\n")
    }
}
