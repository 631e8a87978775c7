import NixCache
import Testing

/// Uses the writer and the compressor from inside an actor.
actor Uploader {
    private(set) var bytes = 0
    private(set) var chunks = 0
    private(set) var compressedBytes: UInt64 = 0

    /// The consumer touches actor state directly: this compiles only because the writer
    /// runs the consumer on the caller's actor (`nonisolated(nonsending)`).
    func count(_ path: String) async throws {
        try await NARWriter.stream(path: path, chunkSize: 1000) { chunk in
            bytes += chunk.count
            chunks += 1
        }
    }

    /// A full pipeline in an actor. (Swift's region checker rejects a closure that both
    /// touches actor state and captures a non-Sendable local such as the compressor, so
    /// the totals are collected in locals and stored afterwards.)
    func compress(_ path: String) async throws -> ContentDigest {
        var compressor = try ZstdCompressor(level: 1)
        var written: UInt64 = 0
        try await NARWriter.stream(path: path, chunkSize: 1000) { chunk in
            try await compressor.compress(chunk) { written += UInt64($0.count) }
        }
        let digest = try await compressor.finish { written += UInt64($0.count) }
        compressedBytes = written
        return digest
    }
}

@Suite("NAR writer isolation")
struct NARWriterIsolationTests {
    @Test func consumersRunOnTheCallersActor() async throws {
        let scratch = try TemporaryDirectory("nar-actor")
        let tree = try NARWriterTests.mixedTree(in: scratch)
        let uploader = Uploader()
        try await uploader.count(tree.root)
        let size = try await NARCollector.bytes(of: tree.root).count
        #expect(await uploader.bytes == size)
        #expect(await uploader.chunks == (size + 999) / 1000)
        let digest = try await uploader.compress(tree.root)
        #expect(await uploader.compressedBytes == digest.size)
        #expect(digest.size > 0)
    }
}
