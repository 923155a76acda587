import Foundation

/// The compiled graph of one profile as one blob: network, hierarchy and segment index.
///
/// Arrays are written as raw little-endian bytes behind a small header, so loading is one read
/// and a copy per array (no parsing, no rebuild). `formatVersion` changes whenever the layout
/// does; `sourceHash` (profile bytes + input bytes) tells when the blob is stale.
public struct CompiledGraph: Sendable {
    public static let formatVersion: UInt32 = 2
    static let magic: [UInt8] = Array("SRPGRAPH".utf8)

    public var network: RoadNetwork
    public var hierarchy: ContractionHierarchy
    public var index: SegmentIndex
    public var profile: Profile

    public init(network: RoadNetwork, hierarchy: ContractionHierarchy, index: SegmentIndex, profile: Profile) {
        self.network = network; self.hierarchy = hierarchy; self.index = index; self.profile = profile
    }

    public func encoded() throws -> Data {
        var w = BlobWriter()
        w.bytes(CompiledGraph.magic)
        w.scalar(CompiledGraph.formatVersion)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys // same profile, same bytes: init is reproducible
        w.data(try encoder.encode(profile))
        let g = network
        w.data(Data(g.profile.utf8))
        w.array(g.osmIDs); w.array(g.longitudes); w.array(g.latitudes)
        w.array(g.firstOut); w.array(g.head); w.array(g.time); w.array(g.length)
        w.array(g.firstIn); w.array(g.inTail); w.array(g.inEdge)
        w.scalar(g.maxSpeed)
        w.scalar(UInt64(g.baseNodeCount)); w.array(g.copyOf)
        let h = hierarchy
        w.array(h.rank)
        for set in [h.up, h.down] {
            w.array(set.first); w.array(set.head); w.array(set.time); w.array(set.length); w.array(set.middle)
        }
        w.array(index.segmentTail); w.array(index.segmentHead)
        w.scalar(UInt32(index.levels.count))
        for level in index.levels { w.array(level) }
        return w.output
    }

    public init(decoding data: Data) throws {
        var r = BlobReader(data: data)
        guard try r.bytes(CompiledGraph.magic.count) == CompiledGraph.magic else {
            throw RoadGraphError.badGraph("stored graph is not a compiled road graph")
        }
        let version: UInt32 = try r.scalar()
        guard version == CompiledGraph.formatVersion else {
            throw RoadGraphError.badGraph(
                "stored graph has format \(version), this build reads \(CompiledGraph.formatVersion); run `showcase roads import` again"
            )
        }
        profile = try JSONDecoder().decode(Profile.self, from: try r.data())
        let name = String(decoding: try r.data(), as: UTF8.self)
        let ids: [Int64] = try r.array(), lons: [Double] = try r.array(), lats: [Double] = try r.array()
        let fo: [Int32] = try r.array(), hd: [Int32] = try r.array(), tm: [Int64] = try r.array(),
            ln: [Int64] = try r.array()
        let fi: [Int32] = try r.array(), it: [Int32] = try r.array(), ie: [Int32] = try r.array()
        let ms: Double = try r.scalar()
        let baseCount: UInt64 = try r.scalar()
        let copyOf: [Int32] = try r.array()
        guard Int(clamping: baseCount) + copyOf.count == ids.count,
            copyOf.allSatisfy({ $0 >= 0 && Int($0) < Int(baseCount) })
        else {
            throw RoadGraphError.badGraph("stored graph is inconsistent; run `showcase roads import` again")
        }
        network = RoadNetwork(
            profile: name, osmIDs: ids, longitudes: lons, latitudes: lats, firstOut: fo, head: hd,
            time: tm, length: ln, firstIn: fi, inTail: it, inEdge: ie, maxSpeed: ms, baseNodeCount: Int(baseCount),
            copyOf: copyOf)
        let rank: [Int32] = try r.array()
        var sets: [ContractionHierarchy.ArcSet] = []
        for _ in 0..<2 {
            sets.append(
                .init(
                    first: try r.array(), head: try r.array(), time: try r.array(), length: try r.array(),
                    middle: try r.array()))
        }
        hierarchy = ContractionHierarchy(rank: rank, up: sets[0], down: sets[1])
        let st: [Int32] = try r.array(), sh: [Int32] = try r.array()
        let levelCount: UInt32 = try r.scalar()
        var levels: [[Double]] = []
        for _ in 0..<levelCount { levels.append(try r.array()) }
        index = SegmentIndex(segmentTail: st, segmentHead: sh, levels: levels)
        guard fo.count == ids.count + 1, hd.count == tm.count, rank.count == ids.count else {
            throw RoadGraphError.badGraph("stored graph is inconsistent; run `showcase roads import` again")
        }
    }
}

struct BlobWriter {
    var output = Data()
    mutating func bytes(_ b: [UInt8]) { output.append(contentsOf: b) }
    mutating func scalar<T: BitwiseCopyable>(_ v: T) { withUnsafeBytes(of: v) { output.append(contentsOf: $0) } }
    mutating func data(_ d: Data) { scalar(UInt64(d.count)); output.append(d) }
    mutating func array<T: BitwiseCopyable>(_ a: [T]) {
        scalar(UInt64(a.count))
        a.withUnsafeBytes { output.append(contentsOf: $0) }
    }
}

struct BlobReader {
    let blob: Data
    var offset = 0
    init(data: Data) { blob = data }

    mutating func take(_ n: Int) throws -> Range<Int> {
        guard n >= 0, blob.count - offset >= n else {
            throw RoadGraphError.badGraph("stored graph is truncated; run `showcase roads import` again")
        }
        defer { offset += n }
        return blob.startIndex + offset..<blob.startIndex + offset + n
    }
    mutating func bytes(_ n: Int) throws -> [UInt8] { [UInt8](blob[try take(n)]) }
    mutating func scalar<T: BitwiseCopyable>() throws -> T {
        let r = try take(MemoryLayout<T>.size)
        return blob[r].withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }
    mutating func data() throws -> Data { let n: UInt64 = try scalar(); return blob[try take(Int(clamping: n))] }
    mutating func array<T: BitwiseCopyable>() throws -> [T] {
        let n: UInt64 = try scalar()
        let (bytes, overflow) = Int(clamping: n).multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !overflow else { throw RoadGraphError.badGraph("stored graph is corrupt") }
        let r = try take(bytes)
        return [T](unsafeUninitializedCapacity: Int(n)) { buffer, count in
            blob[r].withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: src)
            }
            count = Int(n)
        }
    }
}
