import Foundation
import FuzzDriver
import GeoCore

// Any bytes as GeoJSON: decoding must fail cleanly or succeed, and what decodes must write out
// and read back to the same text (the writer's output is a fixed point).
@main enum Harness { static func main() { runLibFuzzer(fuzzGeoJSON) } }

@_cdecl("LLVMFuzzerTestOneInput") // libFuzzer's runtime links against this name
public func fuzzGeoJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let value = try? GeoJSON.decode(Data(UnsafeRawBufferPointer(start: start, count: count))) else { return 0 }
    let text = GeoJSON.text(value)
    guard let again = try? GeoJSON.decode(Data(text.utf8)) else {
        fatalError("written GeoJSON does not read back: \(text)")
    }
    let second = GeoJSON.text(again)
    guard second == text else { fatalError("GeoJSON changed on a second round trip:\n\(text)\n\(second)") }
    return 0
}
