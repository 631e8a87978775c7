import JobExecution
import Testing

@Suite struct CRC32Tests {
    /// Bit-by-bit CRC-32, the definition the table-driven one must agree with.
    static func reference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    @Test func knownVectors() {
        #expect(Self.checksum([]) == 0)
        #expect(Self.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Self.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(Self.checksum([0]) == 0xD202_EF8D)
    }

    @Test func matchesBitwiseReferenceForEveryLengthAndAlignment() {
        var generator = SplitMix64(seed: 7)
        let data = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<9 {
            for length in stride(from: 0, through: data.count - start, by: 7) {
                let slice = Array(data[start..<(start + length)])
                #expect(Self.checksum(slice) == Self.reference(slice), "start \(start) length \(length)")
            }
        }
    }

    @Test func incrementalEqualsOneShot() {
        var generator = SplitMix64(seed: 42)
        let data = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let oneShot = Self.checksum(data)
        #expect(oneShot == Self.reference(data))
        var crc = CRC32()
        var offset = 0
        while offset < data.count {
            let length = min(Int.random(in: 0...97, using: &generator), data.count - offset)
            data[offset..<(offset + length)].withUnsafeBytes { crc.update($0) }
            offset += length
        }
        #expect(crc.value == oneShot)
    }
}
