import Dispatch
import Foundation
import GitLabRunnerAPI
import JobExecution
import Testing

@Suite struct TraceBufferTests {
    static let notice10 = "\n\u{1b}[33;1mJob's log exceeded limit of 10 bytes.\nJob execution will continue but no more output will be collected.\u{1b}[0;m\n"

    static func contents(_ buffer: TraceBuffer) throws -> [UInt8] {
        try buffer.read(from: 0, maxLength: Int(buffer.size) + 1)
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    @Test func keepsExactBytesSizeAndChecksumAcrossManyWrites() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let buffer = try TraceBuffer(path: directory.file("trace.log"), outputLimit: 0, masker: SecretMasker(secrets: [], tokenPrefixes: []))
        var generator = SplitMix64(seed: 3)
        var expected: [UInt8] = []
        for _ in 0..<1000 {
            let chunk = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            expected += chunk
            buffer.write(bytes: chunk)
        }
        buffer.finish()
        #expect(buffer.size == Int64(expected.count))
        #expect(try Self.contents(buffer) == expected)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.file("trace.log"))) == Data(expected))
        #expect(buffer.checksum == Self.crc(expected))
        #expect(buffer.output == TraceOutput(crc32: Self.crc(expected), bytesize: Int64(expected.count)))
        #expect(buffer.droppedBytes == 0)
    }

    @Test func masksAcrossWritesAndCountsOnlyKeptBytes() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let buffer = try TraceBuffer(path: directory.file("t"), outputLimit: 4096, masker: SecretMasker(secrets: ["secret"], tokenPrefixes: ["glpat-"]))
        buffer.write("token=sec")
        // "sec" may be the start of the secret: it is held back and not counted yet.
        #expect(buffer.size == 6)
        buffer.write("ret! glpat-")
        buffer.write("abc ")
        buffer.write("sec")
        buffer.finish()
        let text = "token=[MASKED]! glpat-[MASKED] sec"
        #expect(try Self.contents(buffer) == Array(text.utf8))
        #expect(buffer.size == Int64(text.utf8.count))
        #expect(buffer.checksum == Self.crc(Array(text.utf8)))
        buffer.finish()
        buffer.write("more secret")
        #expect(buffer.size == Int64(text.utf8.count), "writes after finish are ignored")
    }

    @Test func outputLimitCutsOnACharacterBoundaryAndNoticesOnce() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let buffer = try TraceBuffer(path: directory.file("t"), outputLimit: 10, masker: SecretMasker(secrets: [], tokenPrefixes: []))
        buffer.write("abcdefghi")
        buffer.write("é")  // 2 bytes; only one would fit
        buffer.write("more output")
        buffer.write("and more")
        buffer.finish()
        let expected = Array("abcdefghi".utf8) + Array(Self.notice10.utf8)
        #expect(try Self.contents(buffer) == expected)
        #expect(buffer.size == Int64(expected.count))
        #expect(buffer.checksum == Self.crc(expected))
        #expect(buffer.droppedBytes == Int64(2 + 11 + 8))
        #expect(buffer.limitReached)
    }

    @Test func outputLimitTakesBackACharacterStartedInAnEarlierWrite() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let buffer = try TraceBuffer(path: directory.file("t"), outputLimit: 10, masker: SecretMasker(secrets: [], tokenPrefixes: []))
        let emoji = Array("🚀".utf8)  // F0 9F 9A 80
        buffer.write(bytes: Array("abcdefg".utf8) + emoji[0..<3])  // exactly 10 bytes: fits
        #expect(buffer.size == 10)
        buffer.write(bytes: [emoji[3]] + Array("tail".utf8))
        let expected = Array("abcdefg".utf8) + Array(Self.notice10.utf8)
        #expect(try Self.contents(buffer) == expected)
        #expect(buffer.checksum == Self.crc(expected))
        #expect(buffer.size == Int64(expected.count))
        #expect(buffer.droppedBytes == 3 + 5)
    }

    @Test func outputLimitKeepsWholeCharactersThatFit() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let buffer = try TraceBuffer(path: directory.file("t"), outputLimit: 10, masker: SecretMasker(secrets: [], tokenPrefixes: []))
        buffer.write("ab")
        buffer.write("ééé€x")  // 2+2+2+3 = 9 bytes after "ab": "ab" + "éééé" would be 10, "€" does not fit
        let expected = Array("abééé".utf8) + Array(Self.notice10.utf8)
        #expect(try Self.contents(buffer) == expected)
        #expect(String(decoding: try Self.contents(buffer), as: UTF8.self).utf8.elementsEqual(expected))
    }

    @Test func outputLimitAppliesToMaskedOutput() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let buffer = try TraceBuffer(path: directory.file("t"), outputLimit: 10, masker: SecretMasker(secrets: ["a-very-long-secret"], tokenPrefixes: []))
        buffer.write("x a-very-long-secret y")
        let expected = Array("x [MASKED]".utf8) + Array(Self.notice10.utf8)
        #expect(try Self.contents(buffer) == expected)
    }

    @Test func readsRanges() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let buffer = try TraceBuffer(path: directory.file("t"), outputLimit: 0, masker: SecretMasker(secrets: [], tokenPrefixes: []))
        buffer.write("0123456789")
        #expect(try buffer.read(from: 0, maxLength: 4) == Array("0123".utf8))
        #expect(try buffer.read(from: 4, maxLength: 3) == Array("456".utf8))
        #expect(try buffer.read(from: 7, maxLength: 100) == Array("789".utf8))
        #expect(try buffer.read(from: 10, maxLength: 100) == [])
        #expect(try buffer.read(from: 50, maxLength: 100) == [])
        #expect(try buffer.read(from: 3, maxLength: 0) == [])
        buffer.write("abc")
        #expect(try buffer.read(from: 9, maxLength: 100) == Array("9abc".utf8))
    }

    @Test func removeDeletesTheFile() throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let path = directory.file("t")
        let buffer = try TraceBuffer(path: path, outputLimit: 0, masker: SecretMasker(secrets: [], tokenPrefixes: []))
        buffer.write("data")
        #expect(FileManager.default.fileExists(atPath: path))
        buffer.remove()
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: TraceBufferError.self) { try buffer.read(from: 0, maxLength: 10) }
        buffer.write("ignored")
        buffer.remove()
    }

    @Test func initFailsForAMissingDirectory() {
        #expect(throws: TraceBufferError.self) {
            _ = try TraceBuffer(path: "/nonexistent-\(UUID().uuidString)/trace.log", outputLimit: 0, masker: SecretMasker(secrets: []))
        }
    }

    @Test func concurrentWritersKeepEveryWriteWhole() async throws {
        let directory = try TemporaryDirectory("trace")
        defer { directory.remove() }
        let buffer = try TraceBuffer(path: directory.file("t"), outputLimit: 0, masker: SecretMasker(secrets: ["SECRET"], tokenPrefixes: []))
        let writers = 8
        let writes = 500
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<writes {
                        buffer.write("writer \(writer) line \(String(format: "%04d", index)) SECRET done\n")
                    }
                }
            }
        }
        buffer.finish()
        let text = String(decoding: try Self.contents(buffer), as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == writers * writes)
        #expect(lines.allSatisfy { $0.hasPrefix("writer ") && $0.hasSuffix(" [MASKED] done") })
        let lineLength = "writer 0 line 0000 [MASKED] done\n".utf8.count
        #expect(buffer.size == Int64(writers * writes * lineLength))
        #expect(buffer.checksum == Self.crc(Array(text.utf8)))
    }
}
