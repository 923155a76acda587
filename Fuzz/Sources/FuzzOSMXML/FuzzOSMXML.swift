import Foundation
import FuzzDriver
import RoadGraph

// Bytes as OSM XML; what reads is compiled into a car graph when small.
let profiles: [Profile] = {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../Config/profiles"
    ).standardized
    return ["car"].map { try! Profile.load(named: $0, from: dir).profile }
}()

@main enum Harness { static func main() { runLibFuzzer(fuzzOSMXML) } }

@_cdecl("LLVMFuzzerTestOneInput") // libFuzzer's runtime links against this name
public func fuzzOSMXML(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = Data(UnsafeRawBufferPointer(start: start, count: count))
    guard let osm = try? OSMXMLReader.read(data: data, source: "fuzz.osm", keeping: TagFilter(profiles: profiles))
    else { return 0 }
    guard osm.nodeIDs.count <= 5_000 else { return 0 }
    for profile in profiles { _ = try? RoadImport.compile(osm, profile: profile) }
    return 0
}
