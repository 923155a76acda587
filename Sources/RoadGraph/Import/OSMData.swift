/// The part of an OSM file a road graph needs: node positions and the tagged ways.
///
/// Nodes are kept as parallel arrays sorted by id (16 bytes a node, looked up by binary search)
/// rather than a dictionary, because extracts hold millions of nodes and most are not on roads.
public struct OSMData: Sendable {
    public var nodeIDs: [Int64] = []
    public var longitudes: [Double] = []
    public var latitudes: [Double] = []
    public var ways: [OSMWay] = []
    /// All node references of all kept ways, back to back (see `OSMWay.refRange`).
    public var wayRefs: [Int64] = []
    /// `type=restriction` relations, as the file has them (resolved per profile when building).
    public var restrictions: [OSMRestriction] = []
    /// Nodes tagged `barrier=*`, with their barrier and access tags.
    public var barriers: [Int64: [String: String]] = [:]
    /// What the file held, as `osmium fileinfo -e` counts it.
    public var counts = Counts()

    public struct Counts: Sendable, Equatable {
        public var nodes = 0
        public var ways = 0
        public var relations = 0
    }

    public init() {}

    /// Sorts nodes by id if the file was not sorted; true if ids are unique.
    mutating func finishNodes() {
        var sorted = true
        for i in nodeIDs.indices.dropFirst() where nodeIDs[i - 1] >= nodeIDs[i] { sorted = false; break }
        if sorted { return }
        let order = nodeIDs.indices.sorted { nodeIDs[$0] < nodeIDs[$1] }
        nodeIDs = order.map { nodeIDs[$0] }
        longitudes = order.map { longitudes[$0] }
        latitudes = order.map { latitudes[$0] }
    }

    /// Drops the nodes no kept way uses (the PBF reader never reads them; the XML reader drops
    /// them after parsing, so both give the same data).
    mutating func keepOnlyReferencedNodes() {
        var used = [Bool](repeating: false, count: nodeIDs.count)
        for ref in wayRefs { if let i = nodeIndex(ref) { used[i] = true } }
        var k = 0
        for i in nodeIDs.indices where used[i] {
            nodeIDs[k] = nodeIDs[i]; longitudes[k] = longitudes[i]; latitudes[k] = latitudes[i]; k += 1
        }
        nodeIDs.removeLast(nodeIDs.count - k); longitudes.removeLast(longitudes.count - k);
        latitudes.removeLast(latitudes.count - k)
        let kept = Set(nodeIDs)
        barriers = barriers.filter { kept.contains($0.key) }
    }

    /// The index of node `id` in the node arrays, or nil if the file does not have it.
    @inline(__always)
    public func nodeIndex(_ id: Int64) -> Int? {
        var lo = 0, hi = nodeIDs.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if nodeIDs[mid] < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < nodeIDs.count && nodeIDs[lo] == id ? lo : nil
    }

    mutating func append(_ other: OSMData) {
        nodeIDs += other.nodeIDs
        longitudes += other.longitudes
        latitudes += other.latitudes
        let shift = wayRefs.count
        ways += other.ways.map {
            var w = $0; w.refStart += shift; return w
        }
        wayRefs += other.wayRefs
        restrictions += other.restrictions
        barriers.merge(other.barriers) { a, _ in a }
        counts.nodes += other.counts.nodes
        counts.ways += other.counts.ways
        counts.relations += other.counts.relations
    }
}

/// A `type=restriction` relation: the ways and via members, and its tags.
public struct OSMRestriction: Sendable, Equatable {
    public var id: Int64
    public var tags: [String: String]
    public var from: [Int64] = []
    public var viaNodes: [Int64] = []
    public var viaWays: [Int64] = []
    public var to: [Int64] = []

    public init(id: Int64, tags: [String: String]) { self.id = id; self.tags = tags }

    /// Adds one member as a reader meets it (`type` is node, way or relation).
    mutating func add(type: String, ref: Int64, role: String) {
        switch (type, role) {
        case ("way", "from"): from.append(ref)
        case ("way", "to"): to.append(ref)
        case ("node", "via"): viaNodes.append(ref)
        case ("way", "via"): viaWays.append(ref)
        default: break
        }
    }
}

/// A way a profile may route on: a `highway`, or a `route=ferry`.
@inline(__always) func isRoutable(_ tags: [String: String]) -> Bool {
    tags["highway"] != nil || tags["route"] == "ferry"
}

/// A way with a `highway` (or `route=ferry`) tag, its interesting tags, and where its node references are.
public struct OSMWay: Sendable {
    public var id: Int64
    public var tags: [String: String]
    public var refStart: Int
    public var refCount: Int
    /// Road length over straight-segment length (1 for OSM, where geometry is detailed; more
    /// for coarse hand-drawn GeoJSON networks whose lines cut corners).
    public var lengthFactor: Double = 1
    public var refRange: Range<Int> { refStart..<refStart + refCount }
}

/// Which tags the readers keep on a way (all others are dropped while reading).
public struct TagFilter: Sendable {
    public var keys: Set<String>
    public init(profiles: [Profile]) {
        keys = ["highway", "name", "ref", "route", "duration", "surface"]
        for p in profiles { keys.formUnion(p.tagKeys) }
    }
}
