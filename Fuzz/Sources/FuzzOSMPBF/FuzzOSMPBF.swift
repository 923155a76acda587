import Foundation
import FuzzDriver
import RoadGraph

// Bytes as an OSM PBF file; what reads is compiled into car and walk graphs (network, contraction
// hierarchy, snapping index) when small, so the builders see fuzzed shapes too.
let profiles: [Profile] = {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../Config/profiles"
    ).standardized
    return ["car", "walk"].map { try! Profile.load(named: $0, from: dir).profile }
}()

@main enum Harness { static func main() { runLibFuzzer(fuzzOSMPBF) } }

@_cdecl("LLVMFuzzerTestOneInput") // libFuzzer's runtime links against this name
public func fuzzOSMPBF(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = Data(UnsafeRawBufferPointer(start: start, count: count))
    guard let osm = try? PBFReader.read(data: data, source: "fuzz.osm.pbf", keeping: TagFilter(profiles: profiles))
    else { return 0 }
    guard osm.nodeIDs.count <= 5_000 else { return 0 }
    for profile in profiles { _ = try? RoadImport.compile(osm, profile: profile) }
    _ = RoadImport.lines(osm, profiles: profiles)
    return 0
}
