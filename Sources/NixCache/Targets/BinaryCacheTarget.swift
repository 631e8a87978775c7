import Foundation

/// A Nix binary cache (`file://`, `http(s)://`, `s3://`), written the way
/// `nix copy --to …?compression=zstd` writes it:
///
/// 1. `nix-cache-info` (`StoreDir: /nix/store`) is created when missing;
/// 2. a path is missing when `<hash>.narinfo` does not exist;
/// 3. its NAR is streamed through SHA-256 and zstd into a staging file (refused when the
///    hash differs from the database), then stored as `nar/<FileHash>.nar.zst` unless a file
///    of that name exists already;
/// 4. only then `<hash>.narinfo` is written, with `Compression: zstd`, `FileHash`,
///    `FileSize`, and a signature when a key is configured. The upload queue publishes a
///    narinfo only after the narinfos of the path's references.
public struct BinaryCacheTarget: CacheTarget {
    let storage: any BinaryCacheStorage
    let signingKey: NixSigningKey?
    let compressionLevel: Int
    let storeDirectory: String
    /// How many narinfo probes run at once in ``missing(_:runner:)``.
    let probeConcurrency: Int

    public var description: String { storage.description }

    init(storage: any BinaryCacheStorage, signingKey: NixSigningKey?, compressionLevel: Int,
         storeDirectory: String = StorePath.defaultStoreDirectory, probeConcurrency: Int = 16) {
        self.storage = storage
        self.signingKey = signingKey
        self.compressionLevel = compressionLevel
        self.storeDirectory = storeDirectory
        self.probeConcurrency = max(1, probeConcurrency)
    }

    public func prepare(runner: RequestRunner) async throws(CacheTargetError) {
        let existing = try await runner.run("GET nix-cache-info") { () async throws(CacheTargetError) in
            try await storage.get("nix-cache-info")
        }
        if let existing {
            let text = String(decoding: existing, as: UTF8.self)
            for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("StoreDir:") {
                let value = line.dropFirst("StoreDir:".count).trimmingCharacters(in: .whitespaces)
                guard value == storeDirectory else {
                    throw .configuration(target: description, reason: "its nix-cache-info says StoreDir \(value), but the paths are in \(storeDirectory)")
                }
            }
            return
        }
        let info = Array("StoreDir: \(storeDirectory)\n".utf8)
        try await runner.run("PUT nix-cache-info") { () async throws(CacheTargetError) in
            try await storage.put("nix-cache-info", bytes: info, contentType: "text/x-nix-cache-info")
        }
    }

    public func missing(_ paths: [StorePathInfo], runner: RequestRunner) async throws(CacheTargetError) -> Set<StorePath> {
        let storage = self.storage
        let limit = probeConcurrency
        let result = await withTaskGroup(of: Result<StorePath?, CacheTargetError>.self) { group in
            var missing = Set<StorePath>()
            var failure: CacheTargetError?
            var iterator = paths.makeIterator()
            func addNext() -> Bool {
                guard let info = iterator.next() else { return false }
                group.addTask {
                    do throws(CacheTargetError) {
                        let key = "\(info.path.hashPart).narinfo"
                        let present = try await runner.run("HEAD \(key)") { () async throws(CacheTargetError) in
                            try await storage.exists(key)
                        }
                        return .success(present ? nil : info.path)
                    } catch {
                        return .failure(error)
                    }
                }
                return true
            }
            for _ in 0..<limit where addNext() {}
            for await outcome in group {
                switch outcome {
                case .success(let path?): missing.insert(path)
                case .success(nil): break
                case .failure(let error):
                    if failure == nil { failure = error }
                    group.cancelAll()
                }
                if failure == nil { _ = addNext() }
            }
            return failure.map { Result<Set<StorePath>, CacheTargetError>.failure($0) } ?? .success(missing)
        }
        return try result.get()
    }

    public func upload(_ info: StorePathInfo, nar: NARSource, runner: RequestRunner) async throws(CacheTargetError) -> UploadOutcome {
        let spooled = try await NARSpool.compress(info, from: nar, level: compressionLevel, into: storage.stagingDirectory)
        defer { spooled.remove() }
        let key = spooled.key
        let storage = self.storage
        let present = try await runner.run("HEAD \(key)") { () async throws(CacheTargetError) in
            try await storage.exists(key)
        }
        if !present {
            try await runner.run("PUT \(key)") { () async throws(CacheTargetError) in
                try await storage.put(key, file: spooled.file, size: spooled.fileDigest.size, sha256: spooled.fileDigest.hash,
                                      contentType: "application/x-nix-nar")
            }
        }
        var narInfo = info.narInfo(url: key, compression: .zstd, fileHash: spooled.fileDigest.hash, fileSize: spooled.fileDigest.size)
        let text: String
        do {
            if let signingKey { try narInfo.sign(with: signingKey) }
            text = try narInfo.rendered()
        } catch {
            throw .configuration(target: description, reason: "cannot write the narinfo of \(info.path): \(error)")
        }
        let narInfoKey = "\(info.path.hashPart).narinfo"
        let bytes = Array(text.utf8)
        try await runner.run("PUT \(narInfoKey)") { () async throws(CacheTargetError) in
            try await storage.put(narInfoKey, bytes: bytes, contentType: "text/x-nix-narinfo")
        }
        return present
            ? .deduplicated(narBytes: spooled.narDigest.size, sentBytes: 0)
            : .uploaded(narBytes: spooled.narDigest.size, sentBytes: spooled.fileDigest.size)
    }
}
