import Foundation
import NixCache

/// A `file://` Nix binary cache written entirely by this package's code (NAR writer,
/// zstd, narinfo, signing), plus a private chroot store for real Nix to substitute into.
struct BinaryCacheFixture {
    let scratch: TemporaryDirectory
    var cacheDirectory: String { scratch.file("cache") }
    var storeRoot: String { scratch.file("store-root") }

    init() throws {
        scratch = try TemporaryDirectory("binary-cache")
        try FileManager.default.createDirectory(atPath: cacheDirectory + "/nar", withIntermediateDirectories: true)
        try Data("StoreDir: /nix/store\n".utf8).write(to: URL(fileURLWithPath: cacheDirectory + "/nix-cache-info"))
    }

    /// A store path that exists nowhere yet, with a random hash part.
    static func freshStorePath(_ name: String) throws -> StorePath {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return try StorePath(baseName: NixBase32.encode(bytes) + "-" + name)
    }

    /// Publishes `tree` as `storePath`: NAR → zstd → `nar/<FileHash>.nar.zst`, then the
    /// narinfo (signed by `key` unless nil), written last.
    @discardableResult
    func publish(tree: String, as storePath: StorePath, references: [StorePath], key: NixSigningKey?,
                 edit: (inout String) -> Void = { _ in }) async throws -> NarInfo {
        let temporary = cacheDirectory + "/nar/upload-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        var narHasher = NARHasher()
        var compressor = try ZstdCompressor(level: 3, frameSize: 1 << 16)
        try await NARWriter.stream(path: tree, chunkSize: 10_000) { chunk in
            narHasher.update(chunk)
            try await compressor.compress(chunk) { try handle.write(contentsOf: Data($0)) }
        }
        let fileDigest = try await compressor.finish { try handle.write(contentsOf: Data($0)) }
        try handle.close()
        let url = "nar/\(NixBase32.encode(fileDigest.hash.bytes)).nar.zst"
        if FileManager.default.fileExists(atPath: cacheDirectory + "/" + url) {
            try FileManager.default.removeItem(atPath: temporary)  // same content, already there
        } else {
            try FileManager.default.moveItem(atPath: temporary, toPath: cacheDirectory + "/" + url)
        }

        let nar = narHasher.finalize()
        var info = NarInfo(
            storePath: storePath, url: url, compression: .zstd,
            fileHash: fileDigest.hash, fileSize: fileDigest.size,
            narHash: nar.hash, narSize: nar.size, references: references)
        if let key { try info.sign(with: key) }
        var text = try info.rendered()
        edit(&text)
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(cacheDirectory)/\(storePath.hashPart).narinfo"))
        return info
    }

    /// `nix-store -r` of `path` into the private chroot store from this cache only, with
    /// signatures required and only `trustedKey` trusted.
    func substitute(_ path: StorePath, trustedKey: NixPublicKey) throws -> ExternalTool.Result {
        try ExternalTool.run(
            ExternalTool.nixStore!,
            ["--store", storeRoot, "-r", path.path,
             "--option", "substituters", "file://\(cacheDirectory)",
             "--option", "trusted-public-keys", trustedKey.description,
             "--option", "require-sigs", "true",
             "--option", "narinfo-cache-negative-ttl", "0"],
            environment: ["XDG_CACHE_HOME": scratch.file("xdg-cache")])
    }

    /// `nix-store -q <query> path` against the private store.
    func query(_ query: String, _ path: StorePath) throws -> [String] {
        try ExternalTool.check(ExternalTool.nixStore!, ["--store", storeRoot, "-q", query, path.path],
                               environment: ["XDG_CACHE_HOME": scratch.file("xdg-cache")])
            .text.split(separator: "\n").map(String.init)
    }

    /// Where `path`'s files are in the chroot store.
    func physicalPath(_ path: StorePath) -> String { storeRoot + path.path }
}
