import GitLabRunnerAPI
import Testing

@Suite struct TraceOutputTests {
    @Test func checksumIsEightLowerCaseHexDigits() {
        #expect(TraceOutput(crc32: 0xCBF4_3926, bytesize: 9).checksum == "crc32:cbf43926")
        #expect(TraceOutput(crc32: 0x1F, bytesize: 1).checksum == "crc32:0000001f")
        #expect(TraceOutput(crc32: 0, bytesize: 0).checksum == "crc32:00000000")
    }
}
