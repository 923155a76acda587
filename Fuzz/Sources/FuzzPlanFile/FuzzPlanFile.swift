import Foundation
import FuzzDriver
import OpeningHours
import Planner

// Text as a plan file and as a stored-route file. A plan that parses is turned into a request
// (places resolve to one fixed point), which checks every value the planner would use.
@main enum Harness { static func main() { runLibFuzzer(fuzzPlanFile) } }

@_cdecl("LLVMFuzzerTestOneInput") // libFuzzer's runtime links against this name
public func fuzzPlanFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    if let spec = try? PlanSpec.parse(text, source: "fuzz.yaml") {
        let hohhot = PlanPlace(label: "Hohhot", longitude: 111.65, latitude: 40.81)
        _ = try? spec.request(resolve: { _, _ in hohhot }, hotelTowns: { [hohhot] })
    }
    _ = try? RouteFile.parse(text, id: "fuzz", source: "fuzz.yaml")
    return 0
}
