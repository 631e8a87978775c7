import Foundation
import NIOCore
import NixCache
import Testing

@Suite("zstd streaming compression")
struct ZstdCompressorTests {
    struct Input: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { "\(name) (\(bytes.count) bytes)" }
    }

    static let inputs: [Input] = {
        var generator = SplitMix64(seed: 42)
        let random = (0..<(3 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let text = Array(String(repeating: "the quick brown fox jumps over the lazy dog\n", count: 120_000).utf8)
        return [
            Input(name: "empty", bytes: []),
            Input(name: "one byte", bytes: [0x42]),
            Input(name: "compressible text", bytes: text),
            Input(name: "incompressible", bytes: random),
        ]
    }()

    @Test(.enabled(if: ExternalTool.zstd != nil, "needs the zstd CLI (apt install zstd)"), arguments: inputs, [1, 3])
    func zstdCLIDecompressesWhatWeWrite(_ input: Input, _ level: Int) async throws {
        let scratch = try TemporaryDirectory("zstd")
        let file = scratch.file("out.zst")
        let output = try await ZstdOracle.compress(input.bytes, to: file) { try ZstdCompressor(level: level) }
        #expect(try ZstdOracle.decompress(file) == input.bytes)
        #expect(output.digest == (try ZstdOracle.sha256(ofFile: file)), "FileHash/FileSize describe the bytes written")
        #expect(output.chunkSizes.dropLast().allSatisfy { $0 == ZstdCompressor.defaultOutputChunkSize })
        if input.name == "compressible text" {
            #expect(output.digest.size * 20 < UInt64(input.bytes.count), "text compresses well")
        }
    }

    @Test(.enabled(if: ExternalTool.zstd != nil, "needs the zstd CLI (apt install zstd)"))
    func level19AndTinyInputPiecesWork() async throws {
        let scratch = try TemporaryDirectory("zstd")
        let input = Self.inputs[2].bytes.prefix(400_000).map { $0 }
        let file = scratch.file("19.zst")
        _ = try await ZstdOracle.compress(input, to: file, inputChunkSize: 977) { try ZstdCompressor(level: 19) }
        #expect(try ZstdOracle.decompress(file) == input)
    }

    @Test(.enabled(if: ExternalTool.zstd != nil, "needs the zstd CLI (apt install zstd)"))
    func checksumFlagIsOnByDefaultAndCanBeTurnedOff() async throws {
        let scratch = try TemporaryDirectory("zstd")
        let input = Self.inputs[2].bytes.prefix(100_000).map { $0 }
        _ = try await ZstdOracle.compress(input, to: scratch.file("on.zst")) { try ZstdCompressor() }
        _ = try await ZstdOracle.compress(input, to: scratch.file("off.zst")) { try ZstdCompressor(checksum: false) }
        let on = try ExternalTool.check(ExternalTool.zstd!, ["-lv", scratch.file("on.zst")]).text
        let off = try ExternalTool.check(ExternalTool.zstd!, ["-lv", scratch.file("off.zst")]).text
        #expect(on.contains("XXH64"))
        #expect(!off.contains("XXH64"))
    }

    @Test(.enabled(if: ExternalTool.zstd != nil, "needs the zstd CLI (apt install zstd)"), arguments: [
        (1 << 20, 3), ((3 << 20) / 2, 2), (3 << 20, 1), ((3 << 20) - 1, 2),
    ])
    func frameSizeSplitsIntoIndependentFrames(_ frameSize: Int, _ expectedFrames: Int) async throws {
        let scratch = try TemporaryDirectory("zstd")
        let input = Self.inputs[3].bytes
        let file = scratch.file("frames.zst")
        _ = try await ZstdOracle.compress(input, to: file, inputChunkSize: 100_000) {
            try ZstdCompressor(level: 1, frameSize: frameSize)
        }
        #expect(try ZstdOracle.decompress(file) == input)
        let listing = try ExternalTool.check(ExternalTool.zstd!, ["-lv", file]).text
        #expect(listing.contains("# Zstandard Frames: \(expectedFrames)"), "\(listing)")
    }

    @Test(.enabled(if: ExternalTool.zstd != nil, "needs the zstd CLI (apt install zstd)"))
    func workerThreadsProduceValidOutput() async throws {
        let scratch = try TemporaryDirectory("zstd")
        let input = Self.inputs[2].bytes
        let file = scratch.file("mt.zst")
        let output = try await ZstdOracle.compress(input, to: file) { try ZstdCompressor(level: 3, workers: 2) }
        #expect(try ZstdOracle.decompress(file) == input)
        #expect(output.digest == (try ZstdOracle.sha256(ofFile: file)))
    }

    /// What NARSpool does with a big NAR: worker threads and a frame every N bytes.
    @Test(.enabled(if: ExternalTool.zstd != nil, "needs the zstd CLI (apt install zstd)"))
    func workerThreadsWithFramesProduceValidOutput() async throws {
        let scratch = try TemporaryDirectory("zstd")
        let input = Self.inputs[2].bytes
        let file = scratch.file("mt-frames.zst")
        let output = try await ZstdOracle.compress(input, to: file) { try ZstdCompressor(level: 3, workers: 2, jobSize: 1 << 20, frameSize: max(1, input.count / 3)) }
        #expect(try ZstdOracle.decompress(file) == input)
        #expect(output.digest == (try ZstdOracle.sha256(ofFile: file)))
    }

    @Test(.enabled(if: ExternalTool.zstd != nil && ExternalTool.hasNix, "needs zstd and nix-bin (apt install zstd nix-bin)"))
    func compressedNARDecompressesToNixStoreDump() async throws {
        let scratch = try TemporaryDirectory("zstd")
        let tree = try NARWriterTests.mixedTree(in: scratch)
        var compressor = try ZstdCompressor(level: 3, outputChunkSize: 1000)
        var compressed: [UInt8] = []
        var narHasher = NARHasher()
        try await NARWriter.stream(path: tree.root, chunkSize: 4096) { chunk in
            narHasher.update(chunk)
            try await compressor.compress(chunk) { compressed.append(contentsOf: $0) }
        }
        let fileDigest = try await compressor.finish { compressed.append(contentsOf: $0) }
        #expect(compressor.inputByteCount == narHasher.byteCount)
        let file = scratch.file("tree.nar.zst")
        try Data(compressed).write(to: URL(fileURLWithPath: file))
        #expect(try ZstdOracle.decompress(file) == (try NixOracle.dump(tree.root)))
        #expect(fileDigest.size == UInt64(compressed.count))
    }

    @Test(.enabled(if: ExternalTool.zstd != nil, "needs the zstd CLI (apt install zstd)"))
    func byteBufferStyleFeedsFromTheNARSequence() async throws {
        let scratch = try TemporaryDirectory("zstd")
        let tree = try NARWriterTests.mixedTree(in: scratch)
        try tree.largeFile("big", size: 3 << 20)
        var compressor = try ZstdCompressor(level: 3, frameSize: 1 << 20)
        var compressed: [UInt8] = []
        var nar: [UInt8] = []
        for try await chunk in NARWriter.chunks(path: tree.root, chunkSize: 300_000) {
            nar.append(contentsOf: chunk.readableBytesView)
            let output = try compressor.compress(chunk)
            compressed.append(contentsOf: output.readableBytesView)
        }
        let (tail, digest) = try compressor.finish()
        compressed.append(contentsOf: tail.readableBytesView)
        #expect(digest.size == UInt64(compressed.count))
        var check = NARHasher()
        check.update(compressed)
        #expect(check.finalize() == digest)
        #expect(compressor.inputByteCount == UInt64(nar.count))
        let file = scratch.file("nar.zst")
        try Data(compressed).write(to: URL(fileURLWithPath: file))
        #expect(try ZstdOracle.decompress(file) == nar)
        #expect(throws: ZstdError.self) { _ = try compressor.finish() }
    }

    @Test func invalidSettingsAreRejected() {
        #expect(throws: ZstdError.self) { _ = try ZstdCompressor(level: 23) }
        #expect(throws: ZstdError.self) { _ = try ZstdCompressor(frameSize: 0) }
        #expect(throws: ZstdError.self) { _ = try ZstdCompressor(outputChunkSize: 0) }
        #expect(throws: ZstdError.self) { _ = try ZstdCompressor(workers: -1) }
        let error = #expect(throws: ZstdError.self) { _ = try ZstdCompressor(level: 1000) }
        #expect(error?.description.contains("1000") == true)
        #expect(ZstdCompressor.supportedLevels.contains(19))
    }

    @Test func finishingTwiceAndCompressingAfterFinishAreErrors() async throws {
        var compressor = try ZstdCompressor()
        _ = try await compressor.finish { _ in }
        await #expect(throws: ZstdError.self) { _ = try await compressor.finish { _ in } }
        await #expect(throws: ZstdError.self) {
            try await AsyncBytes.with([UInt8(1)]) { bytes in
                try await compressor.compress(bytes) { _ in }
            }
        }
    }

    @Test func consumerErrorsAreWrapped() async throws {
        struct Full: Error {}
        var compressor = try ZstdCompressor(outputChunkSize: 16)
        let error = await #expect(throws: ZstdError.self) {
            try await AsyncBytes.with(Self.inputs[3].bytes) { bytes in
                try await compressor.compress(bytes) { _ in throw Full() }
            }
        }
        guard case .consumerFailed(let underlying)? = error else {
            Issue.record("expected consumerFailed, got \(String(describing: error))")
            return
        }
        #expect(underlying is Full)
    }
}
