/// A minimal protocol-buffers wire reader for the OSM PBF messages.
///
/// Hand-written on purpose: PBF decoding is the import's hot path and needs only varints,
/// zigzag and length-delimited fields; a generated library would add a dependency and copies.
struct ProtobufReader {
    let base: UnsafeRawPointer
    var offset: Int
    let end: Int

    init(_ buffer: UnsafeRawBufferPointer) {
        base = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        offset = 0
        end = buffer.count
    }

    init(base: UnsafeRawPointer, range: Range<Int>) {
        self.base = base
        offset = range.lowerBound
        end = range.upperBound
    }

    var atEnd: Bool { offset >= end }

    @inline(__always)
    mutating func varint() throws(PBFError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw PBFError.truncated }
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw PBFError.malformed("varint longer than 10 bytes") }
        }
    }

    @inline(__always)
    mutating func sint() throws(PBFError) -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// The next field's number and wire type, or nil at the end of the message.
    @inline(__always)
    mutating func field() throws(PBFError) -> (number: Int, wire: Int)? {
        guard offset < end else { return nil }
        let key = try varint()
        return (Int(key >> 3), Int(key & 7))
    }

    /// The byte range of a length-delimited field (the caller reads it in place).
    @inline(__always)
    mutating func bytes() throws(PBFError) -> Range<Int> {
        let n = try varint()
        guard n <= UInt64(end - offset) else { throw PBFError.truncated }
        let r = offset..<offset + Int(n)
        offset += Int(n)
        return r
    }

    mutating func skip(wire: Int) throws(PBFError) {
        switch wire {
        case 0: _ = try varint()
        case 1: guard end - offset >= 8 else { throw PBFError.truncated }; offset += 8
        case 2: _ = try bytes()
        case 5: guard end - offset >= 4 else { throw PBFError.truncated }; offset += 4
        default: throw PBFError.malformed("unknown wire type \(wire)")
        }
    }

    func sub(_ range: Range<Int>) -> ProtobufReader { ProtobufReader(base: base, range: range) }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}

enum PBFError: Error {
    case truncated
    case malformed(String)
}
