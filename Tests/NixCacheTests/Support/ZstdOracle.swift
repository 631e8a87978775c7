import Foundation
import NixCache

/// Runs our compressor into a file so the `zstd` CLI can check it.
enum ZstdOracle {
    static let unavailable = "needs the zstd CLI (apt install zstd)"

    struct Output {
        let digest: ContentDigest
        let chunkSizes: [Int]
    }

    /// Compresses `input` fed in `inputChunkSize` pieces, writing the output to `file`.
    static func compress(
        _ input: [UInt8], to file: String, inputChunkSize: Int = 65_536,
        makeCompressor: () throws -> ZstdCompressor
    ) async throws -> Output {
        guard FileManager.default.createFile(atPath: file, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        var compressor = try makeCompressor()
        var sizes: [Int] = []
        let write: (UnsafeRawBufferPointer) throws -> Void = { chunk in
            sizes.append(chunk.count)
            try handle.write(contentsOf: Data(chunk))
        }
        var offset = 0
        try await AsyncBytes.with(input) { all in
            while offset < all.count {
                let end = min(all.count, offset + inputChunkSize)
                try await compressor.compress(UnsafeRawBufferPointer(rebasing: all[offset..<end])) { try write($0) }
                offset = end
            }
        }
        let digest = try await compressor.finish { try write($0) }
        return Output(digest: digest, chunkSizes: sizes)
    }

    /// `zstd -d -c file`, the decompressed bytes.
    static func decompress(_ file: String) throws -> [UInt8] {
        Array(try ExternalTool.check(ExternalTool.zstd!, ["-d", "-c", "-q", file]).standardOutput)
    }

    static func sha256(ofFile file: String) throws -> ContentDigest {
        var hasher = NARHasher()
        hasher.update(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        return hasher.finalize()
    }
}
