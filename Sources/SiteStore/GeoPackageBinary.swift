import GeoCore

/// GeoPackageBinary (GPKG 1.3 §2.1.3): "GP", version, flags, srs_id, optional envelope, WKB.
///
/// Points are written without an envelope (it would repeat the point, as GDAL also does); every
/// other geometry carries its [minx, maxx, miny, maxy] envelope so the R-tree triggers and
/// readers need not parse the WKB.
public enum GeoPackageBinary {
    public static func encode(_ geometry: Geometry, srsID: Int32 = 4326) -> [UInt8] {
        if case let .point(p) = geometry, p.altitude == nil {
            var out: [UInt8] = []
            appendPoint(longitude: p.longitude, latitude: p.latitude, srsID: srsID, to: &out)
            return out
        }
        let isPoint = if case .point = geometry { true } else { false }
        let positions = geometry.positions
        let empty = positions.isEmpty
        var out: [UInt8] = [0x47, 0x50, 0] // "GP", version 0 (= 1)
        let envelope: UInt8 = (isPoint || empty) ? 0 : 1
        out.append(0x01 | envelope << 1 | (empty ? 0x10 : 0)) // little endian, envelope kind, empty flag
        withUnsafeBytes(of: srsID.littleEndian) { out.append(contentsOf: $0) }
        if envelope == 1 {
            let xs = positions.map(\.longitude), ys = positions.map(\.latitude)
            for v in [xs.min()!, xs.max()!, ys.min()!, ys.max()!] {
                withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        out.append(contentsOf: WKB.encode(geometry))
        return out
    }

    /// Appends the blob of a 2-D point to `out` (what `encode` returns for one), without a
    /// `Geometry` or intermediate arrays: bulk imports write 10⁵ of them.
    public static func appendPoint(longitude: Double, latitude: Double, srsID: Int32 = 4326, to out: inout [UInt8]) {
        // "GP", version 0, little endian, no envelope.
        out.append(0x47); out.append(0x50); out.append(0); out.append(0x01)
        withUnsafeBytes(of: srsID.littleEndian) { out.append(contentsOf: $0) }
        out.append(1) // WKB little endian
        withUnsafeBytes(of: UInt32(1).littleEndian) { out.append(contentsOf: $0) } // Point
        withUnsafeBytes(of: longitude.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: latitude.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    /// The parts of a blob that SQL functions need without decoding the geometry.
    public struct Header {
        public let srsID: Int32
        public let isEmpty: Bool
        /// minx, maxx, miny, maxy when the blob carries them.
        public let envelope: (minX: Double, maxX: Double, minY: Double, maxY: Double)?
        /// Where the WKB starts.
        public let wkbOffset: Int
    }

    public static func header(_ blob: [UInt8]) throws(GeoPackageBinaryError) -> Header {
        guard blob.count >= 8, blob[0] == 0x47, blob[1] == 0x50 else { throw .notGeoPackageBinary }
        guard blob[2] == 0 else { throw .unsupportedVersion(blob[2]) }
        let flags = blob[3]
        let little = flags & 1 == 1
        let envelopeKind = (flags >> 1) & 0x07
        let doubles: Int =
            switch envelopeKind {
            case 0: 0
            case 1: 4
            case 2, 3: 6
            case 4: 8
            default: -1
            }
        guard doubles >= 0 else { throw .badEnvelope(envelopeKind) }
        guard blob.count >= 8 + doubles * 8 else { throw .truncated }
        func u32(_ at: Int) -> UInt32 {
            let v = (0..<4).reduce(UInt32(0)) { $0 | UInt32(blob[at + $1]) << (8 * UInt32($1)) }
            return little ? v : v.byteSwapped
        }
        func f64(_ at: Int) -> Double {
            let v = (0..<8).reduce(UInt64(0)) { $0 | UInt64(blob[at + $1]) << (8 * UInt64($1)) }
            return Double(bitPattern: little ? v : v.byteSwapped)
        }
        let envelope = doubles > 0 ? (f64(8), f64(16), f64(24), f64(32)) : nil
        return Header(
            srsID: Int32(bitPattern: u32(4)), isEmpty: flags & 0x10 != 0,
            envelope: envelope.map { (minX: $0.0, maxX: $0.1, minY: $0.2, maxY: $0.3) }, wkbOffset: 8 + doubles * 8)
    }

    public static func decode(_ blob: [UInt8]) throws -> (geometry: Geometry, srsID: Int32) {
        let h = try header(blob)
        return (try WKB.decode(blob, offset: h.wkbOffset), h.srsID)
    }

    /// [minx, maxx, miny, maxy]: from the header when present, else from the geometry.
    /// Called by the R-tree triggers four times per written row, hence the point fast path.
    public static func bounds(_ blob: [UInt8]) throws -> (minX: Double, maxX: Double, minY: Double, maxY: Double)? {
        let h = try header(blob)
        if h.isEmpty { return nil }
        if let e = h.envelope { return e }
        if let p = point(blob, wkbOffset: h.wkbOffset) { return (p.x, p.x, p.y, p.y) }
        let ps = try WKB.decode(blob, offset: h.wkbOffset).positions
        guard !ps.isEmpty else { return nil }
        let xs = ps.map(\.longitude), ys = ps.map(\.latitude)
        return (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
    }
}

extension GeoPackageBinary {
    /// x, y of a 2D WKB point without building a `Geometry`; nil if the WKB is not a 2D point.
    public static func point(_ blob: [UInt8], wkbOffset: Int) -> (x: Double, y: Double)? {
        guard blob.count >= wkbOffset + 21 else { return nil }
        let little = blob[wkbOffset] == 1
        let type = little ? blob[wkbOffset + 1] : blob[wkbOffset + 4]
        let rest =
            little
            ? blob[wkbOffset + 2] | blob[wkbOffset + 3] | blob[wkbOffset + 4]
            : blob[wkbOffset + 1] | blob[wkbOffset + 2] | blob[wkbOffset + 3]
        guard type == 1, rest == 0 else { return nil }
        func f64(_ at: Int) -> Double {
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(blob[at + i]) << (8 * UInt64(i)) }
            return Double(bitPattern: little ? v : v.byteSwapped)
        }
        return (f64(wkbOffset + 5), f64(wkbOffset + 13))
    }
}

public enum GeoPackageBinaryError: Error, Equatable, CustomStringConvertible {
    case notGeoPackageBinary, truncated
    case unsupportedVersion(UInt8)
    case badEnvelope(UInt8)

    public var description: String {
        switch self {
        case .notGeoPackageBinary: "geometry is not a GeoPackage binary blob"
        case .truncated: "geometry blob is truncated"
        case let .unsupportedVersion(v): "GeoPackage binary version \(v) is not supported"
        case let .badEnvelope(k): "GeoPackage binary envelope code \(k) is invalid"
        }
    }
}
