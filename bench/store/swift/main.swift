// Imports a site file into a fresh GeoPackage (timed), then runs near and within queries and
// prints latency percentiles. Writes the queries to a file so the sqlite3 peer runs the same ones.
// Usage: StoreBench SITES.csv DB.gpkg QUERIES.tsv
import Foundation
import GeoCore
import SiteStore

let args = CommandLine.arguments
let (csvPath, dbPath, queriesPath) = (args[1], args[2], args[3])
for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

let t0 = now()
let read = try SiteFileReader.read(path: csvPath)
let t1 = now()
let store = try SiteStore(path: dbPath)
try store.upsert(read.sites)
let t2 = now()
print(
    "import\t\(read.sites.count)\t\(String(format: "%.3f", t2 - t0))\tread \(String(format: "%.3f", t1 - t0)) s, store \(String(format: "%.3f", t2 - t1)) s"
)

var rng = SystemRandomNumberGenerator()
struct Seeded: RandomNumberGenerator {
    var s: UInt64 = 7
    mutating func next() -> UInt64 {
        s &+= 0x9E37_79B9_7F4A_7C15; var z = s; z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9;
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB; return z ^ (z >> 31)
    }
}
var g = Seeded()
var queries = ""
var nearTimes: [Double] = [], withinTimes: [Double] = [], nearHits = 0, withinHits = 0
for _ in 0..<1000 {
    let c = try Coordinate(longitude: .random(in: 98...125, using: &g), latitude: .random(in: 38...52, using: &g))
    let s = now()
    nearHits += try store.sites(near: c, radiusMeters: 20_000).count
    nearTimes.append(now() - s)
    queries += "near\t\(c.longitude)\t\(c.latitude)\t20000\n"
}
for _ in 0..<1000 {
    let w = Double.random(in: 98...125, using: &g), so = Double.random(in: 38...52, using: &g)
    let box = try BoundingBox(west: w, south: so, east: w + 0.2, north: so + 0.2)
    let s = now()
    withinHits += try store.sites(within: box).count
    withinTimes.append(now() - s)
    queries += "within\t\(w)\t\(so)\t\(w + 0.2)\t\(so + 0.2)\n"
}
try queries.write(toFile: queriesPath, atomically: true, encoding: .utf8)
func pct(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted(); return s[min(s.count - 1, Int(Double(s.count) * p))] * 1000
}
print(
    "near\t\(String(format: "%.3f", pct(nearTimes, 0.5)))\t\(String(format: "%.3f", pct(nearTimes, 0.99)))\t\(nearHits)"
)
print(
    "within\t\(String(format: "%.3f", pct(withinTimes, 0.5)))\t\(String(format: "%.3f", pct(withinTimes, 0.99)))\t\(withinHits)"
)
