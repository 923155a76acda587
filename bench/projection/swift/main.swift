// Transforms 10^6 points for each CRS pair, serial and on all cores, and prints points/s as
// "pair<TAB>mode<TAB>points_per_s". Run through bench/projection/run.sh, which runs pyproj too.
import Foundation
import Projection

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 1_000_000
let pairs = [
    ("EPSG:4326", "EPSG:4546"), ("EPSG:4326", "EPSG:3857"), ("EPSG:4326", "EPSG:32649"), ("GCJ02", "EPSG:4547")
]

// The same points as bench/projection/pyproj_bench.py: a regular lattice over Inner Mongolia.
func lattice(_ n: Int) -> ([Double], [Double]) {
    var x = [Double](repeating: 0, count: n), y = [Double](repeating: 0, count: n)
    for i in 0..<n {
        x[i] = 108.0 + 6.0 * Double(i % 1000) / 1000.0
        y[i] = 37.5 + 15.0 * Double(i / 1000 % 1000) / 1000.0
    }
    return (x, y)
}

func best(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return fastest
}

let (x0, y0) = lattice(count)
for (from, to) in pairs {
    let t = try Transformer(from: from, to: to)
    var x = x0, y = y0
    try t.transform(x: &x, y: &y) // warm-up (PROJ loads its database lazily)
    let serial = try best(of: 5) {
        x = x0; y = y0; try t.transform(x: &x, y: &y)
    }
    let parallel = try best(of: 5) {
        x = x0; y = y0; try t.transformInParallel(x: &x, y: &y)
    }
    print("\(from)->\(to)\tserial\t\(Int(Double(count) / serial))")
    print("\(from)->\(to)\tparallel\t\(Int(Double(count) / parallel))")
}
