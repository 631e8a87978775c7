import NixCache

/// Helpers that run the NAR writer into memory (small trees only) or into a hasher.
enum NARCollector {
    static func bytes(of path: String, chunkSize: Int = NARWriter.defaultChunkSize) async throws -> [UInt8] {
        var collected: [UInt8] = []
        try await NARWriter.stream(path: path, chunkSize: chunkSize) { chunk in
            collected.append(contentsOf: chunk)
        }
        return collected
    }

    static func digest(of path: String, chunkSize: Int = NARWriter.defaultChunkSize) async throws -> ContentDigest {
        var hasher = NARHasher()
        try await NARWriter.stream(path: path, chunkSize: chunkSize) { chunk in
            hasher.update(chunk)
        }
        return hasher.finalize()
    }
}
