import Foundation

/// Well-Known Binary (ISO 13249-3 / OGC SFA), the geometry encoding inside GeoPackage blobs.
///
/// Writes little-endian 2D WKB (3D "Z" types when any position has an altitude); reads both
/// byte orders and the 2D and ISO Z variants.
public enum WKB {
    public static func encode(_ geometry: Geometry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        write(geometry, hasZ: geometry.positions.contains { $0.altitude != nil }, to: &out)
        return out
    }

    private static func write(_ g: Geometry, hasZ: Bool, to out: inout [UInt8]) {
        out.append(1) // little endian
        let base: UInt32 =
            switch g {
            case .point: 1
            case .lineString: 2
            case .polygon: 3
            case .multiPoint: 4
            case .multiLineString: 5
            case .multiPolygon: 6
            case .geometryCollection: 7
            }
        appendUInt32(base + (hasZ ? 1000 : 0), to: &out)
        func points(_ ps: [Position]) {
            appendUInt32(UInt32(ps.count), to: &out)
            for p in ps { position(p) }
        }
        func position(_ p: Position) {
            appendDouble(p.longitude, to: &out)
            appendDouble(p.latitude, to: &out)
            if hasZ { appendDouble(p.altitude ?? 0, to: &out) }
        }
        func rings(_ rs: [[Position]]) {
            appendUInt32(UInt32(rs.count), to: &out)
            for r in rs { points(r) }
        }
        switch g {
        case let .point(p): position(p)
        case let .lineString(ps): points(ps)
        case let .polygon(rs): rings(rs)
        case let .multiPoint(ps):
            appendUInt32(UInt32(ps.count), to: &out)
            for p in ps { write(.point(p), hasZ: hasZ, to: &out) }
        case let .multiLineString(ls):
            appendUInt32(UInt32(ls.count), to: &out)
            for l in ls { write(.lineString(l), hasZ: hasZ, to: &out) }
        case let .multiPolygon(polys):
            appendUInt32(UInt32(polys.count), to: &out)
            for p in polys { write(.polygon(p), hasZ: hasZ, to: &out) }
        case let .geometryCollection(gs):
            appendUInt32(UInt32(gs.count), to: &out)
            for g in gs { write(g, hasZ: hasZ, to: &out) }
        }
    }

    private static func appendUInt32(_ v: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func appendDouble(_ v: Double, to out: inout [UInt8]) {
        withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Decodes WKB starting at `offset`.
    /// - Throws: `WKBError` for truncated or unsupported input, or coordinates out of range.
    public static func decode(_ bytes: [UInt8], offset: Int = 0) throws -> Geometry {
        var reader = Reader(bytes: bytes, index: offset)
        return try reader.geometry(depth: 0)
    }

    private struct Reader {
        let bytes: [UInt8]
        var index: Int
        var littleEndian = true

        mutating func byte() throws -> UInt8 {
            guard index < bytes.count else { throw WKBError.truncated }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func uint32() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw WKBError.truncated }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[index + i]) << (8 * UInt32(i)) }
            index += 4
            return littleEndian ? v : v.byteSwapped
        }

        mutating func double() throws -> Double {
            guard index + 8 <= bytes.count else { throw WKBError.truncated }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[index + i]) << (8 * UInt64(i)) }
            index += 8
            return Double(bitPattern: littleEndian ? v : v.byteSwapped)
        }

        mutating func count() throws -> Int {
            let n = Int(try uint32())
            // Each element needs at least 16 bytes: a count larger than the rest of the blob is corrupt.
            guard n <= (bytes.count - index) else { throw WKBError.truncated }
            return n
        }

        mutating func geometry(depth: Int) throws -> Geometry {
            guard depth < 32 else { throw WKBError.unsupported("nested deeper than 32 levels") }
            littleEndian = try byte() == 1
            let type = try uint32()
            let hasZ = type / 1000 == 1, hasM = type / 1000 >= 2
            guard !hasM else { throw WKBError.unsupported("M coordinates (type \(type))") }
            func position() throws -> Position {
                let x = try double(), y = try double()
                let z = hasZ ? try double() : nil
                do { return Position(try Coordinate(longitude: x, latitude: y), altitude: z) } catch {
                    throw WKBError.coordinate(error)
                }
            }
            func points() throws -> [Position] { try (0..<count()).map { _ in try position() } }
            switch type % 1000 {
            case 1: return .point(try position())
            case 2: return .lineString(try points())
            case 3: return .polygon(try (0..<count()).map { _ in try points() })
            case 4, 5, 6, 7:
                let parts = try (0..<count()).map { _ in try geometry(depth: depth + 1) }
                switch type % 1000 {
                case 4:
                    return .multiPoint(
                        try parts.map {
                            if case let .point(p) = $0 {
                                p
                            } else {
                                throw WKBError.unsupported("non-point in MultiPoint")
                            }
                        })
                case 5:
                    return .multiLineString(
                        try parts.map {
                            if case let .lineString(l) = $0 {
                                l
                            } else {
                                throw WKBError.unsupported("non-line in MultiLineString")
                            }
                        })
                case 6:
                    return .multiPolygon(
                        try parts.map {
                            if case let .polygon(p) = $0 {
                                p
                            } else {
                                throw WKBError.unsupported("non-polygon in MultiPolygon")
                            }
                        })
                default: return .geometryCollection(parts)
                }
            default: throw WKBError.unsupported("geometry type \(type)")
            }
        }
    }
}

public enum WKBError: Error, Equatable, CustomStringConvertible {
    case truncated
    case unsupported(String)
    case coordinate(CoordinateError)

    public var description: String {
        switch self {
        case .truncated: "geometry blob is truncated"
        case let .unsupported(what): "unsupported geometry: \(what)"
        case let .coordinate(e): "geometry coordinate: \(e.description) (is the layer in WGS 84 lon/lat?)"
        }
    }
}
