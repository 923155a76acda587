import Foundation
import GeoCore
import GRDB
import GRDBSQLite

/// Writes a whole 2-D SQLite R-tree (`rtree_<table>_geom`) at once, packed by sort-tile-recursive
/// (Leutenegger et al. 1997), instead of inserting box by box.
///
/// A measured hot path: 100,000 single R*-tree inserts took 1.4 s of a 100,000-site import; packing
/// sorts once and writes each node once. The shadow tables are SQLite's documented r-tree format
/// (ext/rtree/rtree.c: `%_node` blobs of a 2-byte depth (root only), a 2-byte cell count and
/// cells of a 64-bit id plus four 32-bit floats, all big-endian; `%_rowid`, `%_parent`), with the
/// node size the table already has; `rtreecheck()` verifies the result in the tests. Later
/// single inserts, updates and deletes go through SQLite's own code as before.
enum PackedRTree {
    struct Box {
        var id: Int64
        var minX, maxX, minY, maxY: Float
    }

    /// A point's box as SQLite stores it: float32 bounds rounded outwards.
    static func box(id: Int64, x: Double, y: Double) -> Box {
        Box(id: id, minX: down(x), maxX: up(x), minY: down(y), maxY: up(y))
    }

    /// A line's box (nil for no positions), rounded outwards as SQLite stores it.
    static func box(id: Int64, of line: [Position]) -> Box? {
        guard let first = line.first else { return nil }
        var (minX, maxX, minY, maxY) = (first.longitude, first.longitude, first.latitude, first.latitude)
        for p in line.dropFirst() {
            minX = min(minX, p.longitude); maxX = max(maxX, p.longitude); minY = min(minY, p.latitude);
            maxY = max(maxY, p.latitude)
        }
        return Box(id: id, minX: down(minX), maxX: up(maxX), minY: down(minY), maxY: up(maxY))
    }

    static func down(_ v: Double) -> Float { let f = Float(v); return Double(f) > v ? f.nextDown : f }
    static func up(_ v: Double) -> Float { let f = Float(v); return Double(f) < v ? f.nextUp : f }

    /// A packed tree before it is written: the node blobs and the `%_rowid` and `%_parent`
    /// rows. Computed without the database, so it can be built on another core while the rows
    /// are written.
    struct Layout: Sendable {
        var nodes: [(number: Int64, blob: [UInt8])] = []
        /// (row id, leaf node) and (node, parent node).
        var rowids: [(Int64, Int64)] = [], parents: [(Int64, Int64)] = []
        /// The bounds of every box (nil for none): the layer's extent.
        var extent: Box?
    }

    /// The node size in bytes of an existing r-tree table (what SQLite chose when creating it).
    static func nodeSize(of rtree: String, _ db: Database) throws -> Int {
        guard let size = try Int.fetchOne(db, sql: "SELECT length(data) FROM \"\(rtree)_node\" WHERE nodeno = 1") else {
            throw DatabaseError(message: "\(rtree) has no root node")
        }
        return size
    }

    /// Packs `boxes` (ids unique) into nodes of `nodeSize` bytes.
    static func layout(_ boxes: [Box], nodeSize: Int) -> Layout {
        let capacity = (nodeSize - 4) / 24
        // Levels bottom-up; each node is (its cells, its own bounding box).
        var level = pack(boxes, capacity: capacity)
        var levels = [level]
        while level.count > 1 {
            let parents = level.enumerated().map { i, node in
                var b = node.bounds; b.id = Int64(i); return b
            }
            level = pack(parents, capacity: capacity)
            levels.append(level)
        }
        // Number nodes from the root (1) down, level by level.
        var numbers: [[Int64]] = Array(repeating: [], count: levels.count)
        var next: Int64 = 1
        for depth in stride(from: levels.count - 1, through: 0, by: -1) {
            numbers[depth] = levels[depth].indices.map { _ in
                defer { next += 1 }; return next
            }
        }
        var layout = Layout(extent: boxes.isEmpty ? nil : levels.last?.first?.bounds)
        layout.rowids.reserveCapacity(boxes.count)
        for (depth, nodes) in levels.enumerated() {
            for (i, node) in nodes.enumerated() {
                let number = numbers[depth][i]
                var blob = [UInt8](repeating: 0, count: nodeSize)
                if number == 1 { put16(&blob, 0, levels.count - 1) }
                put16(&blob, 2, node.cells.count)
                for (c, cell) in node.cells.enumerated() {
                    // Leaves hold row ids; inner cells the node numbers of the level below.
                    let id = depth == 0 ? cell.id : numbers[depth - 1][Int(cell.id)]
                    let at = 4 + 24 * c
                    put64(&blob, at, UInt64(bitPattern: id))
                    put32(&blob, at + 8, cell.minX.bitPattern); put32(&blob, at + 12, cell.maxX.bitPattern)
                    put32(&blob, at + 16, cell.minY.bitPattern); put32(&blob, at + 20, cell.maxY.bitPattern)
                    if depth == 0 { layout.rowids.append((id, number)) } else { layout.parents.append((id, number)) }
                }
                layout.nodes.append((number, blob))
            }
        }
        return layout
    }

    /// Replaces the content of `rtree` with the packed tree.
    static func write(_ layout: Layout, into rtree: String, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM \"\(rtree)_node\"; DELETE FROM \"\(rtree)_rowid\"; DELETE FROM \"\(rtree)_parent\"")
        let insertNode = try db.makeStatement(sql: "INSERT INTO \"\(rtree)_node\" (nodeno, data) VALUES (?, ?)")
        for node in layout.nodes {
            try node.blob.withUnsafeBytes { raw in
                let s = insertNode.sqliteStatement
                sqlite3_reset(s)
                sqlite3_bind_int64(s, 1, node.number)
                sqlite3_bind_blob(
                    s, 2, raw.baseAddress, Int32(raw.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                try step(s, db)
            }
        }
        try insertPairs(layout.rowids, into: "\"\(rtree)_rowid\" (rowid, nodeno)", db)
        try insertPairs(layout.parents, into: "\"\(rtree)_parent\" (nodeno, parentnode)", db)
    }

    /// Inserts integer pairs, 100 per statement (one statement per row of 100,000 took 0.1 s).
    private static func insertPairs(_ pairs: [(Int64, Int64)], into target: String, _ db: Database) throws {
        let perStatement = 100
        let many = try db.makeStatement(
            sql: "INSERT INTO \(target) VALUES "
                + Array(repeating: "(?, ?)", count: perStatement).joined(separator: ", "))
        let one = try db.makeStatement(sql: "INSERT INTO \(target) VALUES (?, ?)")
        var rest = pairs[...]
        while !rest.isEmpty {
            let statement = rest.count >= perStatement ? many : one
            let s = statement.sqliteStatement
            sqlite3_reset(s)
            var p: Int32 = 1
            for (a, b) in rest.prefix(statement === many ? perStatement : 1) {
                sqlite3_bind_int64(s, p, a); sqlite3_bind_int64(s, p + 1, b); p += 2
            }
            try step(s, db)
            rest = rest.dropFirst(statement === many ? perStatement : 1)
        }
    }

    /// Sort-tile-recursive: x-slices of about √(nodes) nodes each, y-sorted, cut into full nodes.
    private static func pack(_ boxes: [Box], capacity: Int) -> [(cells: [Box], bounds: Box)] {
        guard !boxes.isEmpty else { return [([], Box(id: 0, minX: 0, maxX: 0, minY: 0, maxY: 0))] }
        let nodeCount = (boxes.count + capacity - 1) / capacity
        let slices = Int(Double(nodeCount).squareRoot().rounded(.up))
        let perSlice = slices * capacity
        let byX = boxes.sorted { ($0.minX + $0.maxX, $0.id) < ($1.minX + $1.maxX, $1.id) }
        var nodes: [(cells: [Box], bounds: Box)] = []
        nodes.reserveCapacity(nodeCount)
        for start in stride(from: 0, to: byX.count, by: perSlice) {
            let slice = byX[start..<min(start + perSlice, byX.count)].sorted {
                ($0.minY + $0.maxY, $0.id) < ($1.minY + $1.maxY, $1.id)
            }
            for s in stride(from: 0, to: slice.count, by: capacity) {
                let cells = Array(slice[(slice.startIndex + s)..<min(slice.startIndex + s + capacity, slice.endIndex)])
                var b = cells[0]
                for c in cells.dropFirst() {
                    b.minX = min(b.minX, c.minX); b.maxX = max(b.maxX, c.maxX); b.minY = min(b.minY, c.minY);
                    b.maxY = max(b.maxY, c.maxY)
                }
                nodes.append((cells, b))
            }
        }
        return nodes
    }

    private static func step(_ s: OpaquePointer, _ db: Database) throws {
        let code = sqlite3_step(s)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    private static func put16(_ b: inout [UInt8], _ at: Int, _ v: Int) {
        b[at] = UInt8(v >> 8 & 0xFF); b[at + 1] = UInt8(v & 0xFF)
    }
    private static func put32(_ b: inout [UInt8], _ at: Int, _ v: UInt32) {
        for k in 0..<4 { b[at + k] = UInt8(v >> (24 - 8 * k) & 0xFF) }
    }
    private static func put64(_ b: inout [UInt8], _ at: Int, _ v: UInt64) {
        for k in 0..<8 { b[at + k] = UInt8(v >> (56 - 8 * k) & 0xFF) }
    }
}
