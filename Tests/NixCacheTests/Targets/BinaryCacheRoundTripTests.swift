import Foundation
import NixCache
import Simulators
import Testing

/// A real closure built by Nix in a private store is pushed to a binary cache, deleted,
/// and restored by real Nix from that cache with `require-sigs = true`.
@Suite("Binary cache round trip with real Nix", .serialized)
struct BinaryCacheRoundTripTests {
    /// Checks what a binary cache directory holds for `paths`: one signed narinfo each
    /// (Compression zstd, FileHash/FileSize matching the file), NAR files named after
    /// their FileHash that `zstd -d` decompresses to the path's NAR.
    func checkCacheDirectory(_ directory: String, paths: [StorePath], fixture: NixStoreFixture, key: NixSigningKey) async throws {
        #expect(try String(contentsOfFile: directory + "/nix-cache-info", encoding: .utf8).contains("StoreDir: /nix/store"))
        for path in paths {
            let text = try String(contentsOfFile: "\(directory)/\(path.hashPart).narinfo", encoding: .utf8)
            let info = try NarInfo(parsing: text)
            #expect(info.storePath == path)
            #expect(info.compression == .zstd)
            #expect(text.contains("Compression: zstd\n"))
            #expect(info.hasValidSignature(from: key.publicKey))
            let file = directory + "/" + info.url
            let digest = try ZstdOracle.sha256(ofFile: file)
            #expect(info.url == "nar/\(NixBase32.encode(digest.hash.bytes)).nar.zst", "NAR files are named after their FileHash")
            #expect(info.fileHash == digest.hash)
            #expect(info.fileSize == digest.size)
            var hasher = NARHasher()
            hasher.update(try ZstdOracle.decompress(file))
            let nar = hasher.finalize()
            #expect(nar.hash == info.narHash, "zstd -d of \(info.url) is the NAR")
            #expect(try await fixture.query("--hash", path) == [info.narHash.nix32String])
        }
    }

    @Test(.enabled(if: NixStoreFixture.available && ExternalTool.zstd != nil, "needs nix-bin and zstd"))
    func fileCacheRestoresAClosureAndRejectsATamperedNarinfo() async throws {
        let fixture = try NixStoreFixture("file-push")
        let (top, leaf) = try await fixture.buildClosure(tag: "file", blobSize: 200_000)
        let key = try NixSigningKey.generate(name: "flywheel-file-1")
        let cache = fixture.scratch.file("cache")
        let database = try fixture.database()

        let statistics = await UploadHarness.push([top], to: try UploadHarness.targets(["file://\(cache)"], key: key), database: database)
        #expect(statistics.pathsUploaded == 2)
        #expect(statistics.pathsFailed == 0)
        #expect(statistics.queueDepth == 0)
        try await checkCacheDirectory(cache, paths: [top, leaf], fixture: fixture, key: key)

        let again = await UploadHarness.push([top], to: try UploadHarness.targets(["file://\(cache)"], key: key), database: database)
        #expect(again.pathsUploaded == 0)
        #expect(again.pathsAlreadyPresent == 2, "paths whose narinfo exists are skipped")

        try await fixture.delete([top, leaf])
        #expect(try await !fixture.isValid(top))
        let restored = try await fixture.substitute(top, from: "file://\(cache)", trustedKey: key.publicKey)
        #expect(restored.status == 0, "nix-store -r failed: \(restored.standardError)")
        #expect(try await fixture.isValid(top))
        #expect(try await fixture.isValid(leaf))
        #expect(try await fixture.query("--references", top).sorted() == [leaf.path, top.path].sorted())

        // Tamper: claim a different reference set; the signature no longer matches.
        try await fixture.delete([top])
        let narInfoFile = "\(cache)/\(top.hashPart).narinfo"
        let original = try String(contentsOfFile: narInfoFile, encoding: .utf8)
        let tampered = original.replacingOccurrences(of: "References: ", with: "References: \(leaf.baseName) ", options: [], range: nil)
            .replacingOccurrences(of: "NarSize: ", with: "NarSize: 1")
        try Data(tampered.utf8).write(to: URL(fileURLWithPath: narInfoFile))
        let rejected = try await fixture.substitute(top, from: "file://\(cache)", trustedKey: key.publicKey)
        #expect(rejected.status != 0)
        #expect(rejected.standardError.contains("signed") || rejected.standardError.contains("signature"), "\(rejected.standardError)")
    }

    @Test(.enabled(if: NixStoreFixture.available && ExternalTool.zstd != nil, "needs nix-bin and zstd"))
    func httpCacheGetsNARsFirstNarinfosLastAndNixSubstitutesFromIt() async throws {
        let fixture = try NixStoreFixture("http-push")
        let (top, leaf) = try await fixture.buildClosure(tag: "http", blobSize: 300_000)
        let key = try NixSigningKey.generate(name: "flywheel-http-1")
        let served = fixture.scratch.file("served")
        let simulator = try BinaryCacheSimulator(directory: served)
        let database = try fixture.database()

        try await SimulatorServer.with(simulator) { port in
            let url = "http://127.0.0.1:\(port)"
            let statistics = await UploadHarness.push([top], to: try UploadHarness.targets([url], key: key), database: database)
            #expect(statistics.pathsUploaded == 2)
            #expect(statistics.sentBytes > 0 && statistics.sentBytes < statistics.narBytes, "zstd made the NARs smaller")

            let requests = simulator.requests
            let puts = requests.filter { $0.method == "PUT" }.map(\.key)
            #expect(puts.first == "nix-cache-info", "the cache is created first: \(puts)")
            #expect(requests.contains { $0.method == "GET" && $0.key == "nix-cache-info" })
            for path in [top, leaf] {
                #expect(requests.contains { ["HEAD", "GET"].contains($0.method) && $0.key == "\(path.hashPart).narinfo" && $0.status == 404 })
            }
            let narInfoPuts = puts.enumerated().filter { $0.element.hasSuffix(".narinfo") }
            #expect(narInfoPuts.map(\.element) == ["\(leaf.hashPart).narinfo", "\(top.hashPart).narinfo"], "a reference's narinfo comes first")
            for (index, key) in narInfoPuts {
                let info = try NarInfo(parsing: String(contentsOfFile: served + "/" + key, encoding: .utf8))
                let narIndex = puts.firstIndex(of: info.url)
                #expect(narIndex != nil && narIndex! < index, "NAR \(info.url) is stored before \(key)")
            }
            #expect(requests.filter { $0.method == "PUT" && $0.key.hasSuffix(".narinfo") }.allSatisfy { $0.contentType == "text/x-nix-narinfo" })
            #expect(requests.filter { $0.method == "PUT" && $0.key.hasPrefix("nar/") }.allSatisfy { $0.contentType == "application/x-nix-nar" })
            try await checkCacheDirectory(served, paths: [top, leaf], fixture: fixture, key: key)

            let again = await UploadHarness.push([top], to: try UploadHarness.targets([url], key: key), database: database)
            #expect(again.pathsAlreadyPresent == 2 && again.pathsUploaded == 0)

            try await fixture.delete([top, leaf])
            let restored = try await fixture.substitute(top, from: url, trustedKey: key.publicKey)
            #expect(restored.status == 0, "nix-store -r over http failed: \(restored.standardError)")
            #expect(try await fixture.isValid(top))
        #expect(try await fixture.isValid(leaf))
        }
    }
}
