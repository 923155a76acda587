import Foundation
import RoadGraph
import SiteStore

// Routing benchmark: loads a profile's compiled graph from a GeoPackage (as every command does),
// then times Dijkstra, bidirectional A*, CH point-to-point queries and a CH matrix on seeded
// random node pairs. Writes the graph's edges and the pairs as CSV for the peers (scipy,
// igraph, pgRouting), and our answers so the peers' run can check they agree.
//
// With a PBF as the fifth argument it also compiles that file twice, with and without turn
// restrictions (and barriers, ferries, surfaces: `NetworkBuilder.Options.literal`), and times CH
// queries and the matrix on both: what restrictions cost.
//
// Usage: RoutingBench DB PROFILE OUTDIR [PAIRS] [PBF]

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted(); return s[min(s.count - 1, Int(Double(s.count) * p))]
}

let args = CommandLine.arguments
guard args.count >= 4 else { fatalError("usage: RoutingBench DB PROFILE OUTDIR [PAIRS]") }
let (dbPath, profile, outDir) = (args[1], args[2], URL(fileURLWithPath: args[3]))
let pairCount = args.count > 4 ? Int(args[4])! : 1000
try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)

var t0 = now()
let store = try SiteStore(path: dbPath)
guard let stored = try store.roadGraph(profile: profile) else { fatalError("no \(profile) graph in \(dbPath)") }
let graph = try CompiledGraph(decoding: stored.bytes)
let loadSeconds = now() - t0
let g = graph.network

// Seeded pairs of nodes (SplitMix64, seed 42): the same pairs for every engine.
nonisolated(unsafe) var state: UInt64 = 42
func random(_ n: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(n))
}
// Base (OSM) nodes only, so the graph with and without restrictions gets the same pairs.
let pairs = (0..<pairCount).map { _ in (random(g.baseNodeCount), random(g.baseNodeCount)) }

// Edges and pairs for the peers (node indices 0..n-1, duration in seconds).
var edges = "source,target,duration_s,length_m\n"
edges.reserveCapacity(g.edgeCount * 40)
for u in 0..<g.nodeCount {
    for e in g.outEdges(u) { edges += "\(u),\(g.head[e]),\(g.cost(e).seconds),\(g.cost(e).meters)\n" }
}
try edges.write(to: outDir.appendingPathComponent("edges.csv"), atomically: true, encoding: .utf8)

let dijkstra = DijkstraSearch(g), astar = BidirectionalAStar(g), ch = CHQuery(graph.hierarchy)
func seeds(_ v: Int) -> [Seed] { [Seed(node: v, cost: .zero)] }

func time(_ n: Int, _ query: (Int, Int) -> Cost?) -> (times: [Double], costs: [Cost?]) {
    var times: [Double] = [], costs: [Cost?] = []
    for (s, t) in pairs.prefix(n) {
        let a = now(); let c = query(s, t); times.append((now() - a) * 1000); costs.append(c)
    }
    return (times, costs)
}
let dj = time(min(pairCount, 50)) { dijkstra.route(from: seeds($0), to: seeds($1))?.cost }
let asr = time(min(pairCount, 200)) { astar.route(from: seeds($0), to: seeds($1))?.cost }
let chr = time(pairCount) { ch.route(from: seeds($0), to: seeds($1))?.cost }
var mismatches = 0
for i in 0..<dj.costs.count where dj.costs[i] != chr.costs[i] { mismatches += 1 }
for i in 0..<asr.costs.count where asr.costs[i] != chr.costs[i] { mismatches += 1 }

// Snapping + routing as `showcase route` does it (coordinates in, path geometry out).
let router = Router(graph)
var routeTimes: [Double] = []
for (s, t) in pairs.prefix(200) {
    let a = now()
    let from = try router.locate(longitude: g.longitudes[s], latitude: g.latitudes[s])
    let to = try router.locate(longitude: g.longitudes[t], latitude: g.latitudes[t])
    _ = try? router.route(from: from, to: to)
    routeTimes.append((now() - a) * 1000)
}

var matrixNodes: [Int] = [] // 100 distinct nodes (igraph refuses repeated targets)
for (s, _) in pairs where !matrixNodes.contains(s) && matrixNodes.count < 100 { matrixNodes.append(s) }
t0 = now()
let m = ch.matrix(sources: matrixNodes.map(seeds), targets: matrixNodes.map(seeds))
let matrixMs = (now() - t0) * 1000
var mAnswers = ""
for row in m { mAnswers += row.map { $0.map { String($0.seconds) } ?? "" }.joined(separator: ",") + "\n" }
try mAnswers.write(to: outDir.appendingPathComponent("ours_matrix.csv"), atomically: true, encoding: .utf8)

var answers = "source,target,duration_s\n"
for (i, (s, t)) in pairs.enumerated() { answers += "\(s),\(t),\(chr.costs[i].map { String($0.seconds) } ?? "")\n" }
try answers.write(to: outDir.appendingPathComponent("pairs.csv"), atomically: true, encoding: .utf8)
try matrixNodes.map(String.init).joined(separator: "\n").write(
    to: outDir.appendingPathComponent("matrix_nodes.txt"), atomically: true, encoding: .utf8)

// What turn restrictions cost: the same file compiled with and without them, same pairs.
var restrictionCost: [String: Any] = [:]
if args.count > 5 {
    let p = try Profile.load(named: profile, from: URL(fileURLWithPath: "Config/profiles")).profile
    let (osm, _) = try RoadImport.read(path: args[5], profiles: [p])
    for (label, options) in [("with", NetworkBuilder.Options.full), ("without", NetworkBuilder.Options.literal)] {
        let t = now()
        let (compiled, _) = try RoadImport.compile(osm, profile: p, options: options)
        let buildSeconds = now() - t
        let q = CHQuery(compiled.hierarchy)
        func target(_ v: Int) -> [Seed] { compiled.network.variants(v).map { Seed(node: $0, cost: .zero) } }
        var times: [Double] = []
        for (s, t) in pairs {
            let a = now(); _ = q.route(from: seeds(s), to: target(t)); times.append((now() - a) * 1000)
        }
        let m0 = now()
        _ = q.matrix(sources: matrixNodes.map(seeds), targets: matrixNodes.map(target))
        restrictionCost[label] = [
            "nodes": compiled.network.nodeCount, "shortcuts": compiled.hierarchy.shortcutCount, "build_s": buildSeconds,
            "ch_p50_ms": percentile(times, 0.5), "ch_p99_ms": percentile(times, 0.99),
            "matrix_100x100_ms": (now() - m0) * 1000
        ]
    }
}

var usage = rusage(); getrusage(RUSAGE_SELF.rawValue, &usage)
let result: [String: Any] = [
    "turn_restrictions": restrictionCost,
    "nodes": g.nodeCount, "edges": g.edgeCount, "shortcuts": graph.hierarchy.shortcutCount, "load_s": loadSeconds,
    "dijkstra_p50_ms": percentile(dj.times, 0.5), "dijkstra_p99_ms": percentile(dj.times, 0.99),
    "dijkstra_n": dj.times.count,
    "astar_p50_ms": percentile(asr.times, 0.5), "astar_p99_ms": percentile(asr.times, 0.99), "astar_n": asr.times.count,
    "ch_p50_ms": percentile(chr.times, 0.5), "ch_p99_ms": percentile(chr.times, 0.99), "ch_n": chr.times.count,
    "route_with_snapping_p50_ms": percentile(routeTimes, 0.5),
    "route_with_snapping_p99_ms": percentile(routeTimes, 0.99),
    "matrix_100x100_ms": matrixMs, "algorithm_disagreements": mismatches, "query_rss_mb": usage.ru_maxrss / 1024
]
print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
