import NIOHTTP1
import Simulators
import Testing

@Suite struct CRC32Tests {
    @Test func knownVectors() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    }

    @Test func incrementalEqualsWholeAndWireFormat() {
        var crc = CRC32()
        crc.update(Array("1234".utf8))
        crc.update(Array("56789".utf8))
        #expect(crc.value == 0xCBF4_3926)
        #expect(crc.gitLabString == "crc32:cbf43926")
        var small = CRC32()
        small.update([0x00])
        #expect(small.gitLabString == "crc32:d202ef8d")
    }
}
