import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NixCache
import Simulators
import Testing

@Suite("Attic target against the Attic simulator", .serialized, .timeLimit(.minutes(5)))
struct AtticTargetTests {
    static func simulator(key: NixSigningKey, token: String = "secret-token") -> AtticSimulator {
        AtticSimulator(configuration: AtticSimulatorConfiguration(
            caches: ["ci", "pub"], token: token, signer: { fingerprint in (try? key.sign(fingerprint).description) ?? "" },
            publicKey: key.publicKey.description, publicCaches: ["pub"]))
    }

    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"))
    func pushesRawNARsWithSortedReferencesAndNixSubstitutesFromIt() async throws {
        let fixture = try NixStoreFixture("attic")
        let (top, leaf) = try await fixture.buildClosure(tag: "attic", blobSize: 150_000)
        let key = try NixSigningKey.generate(name: "attic-sim-1")
        let simulator = Self.simulator(key: key)
        let database = try fixture.database()
        try await SimulatorServer.with(simulator) { port in
            let url = "attic+http://127.0.0.1:\(port)/ci"
            let statistics = await UploadHarness.push([top], to: try UploadHarness.targets([url], token: "secret-token"), database: database)
            #expect(statistics.pathsUploaded == 2, "\(statistics)")

            #expect(simulator.missingQueries.first?.sorted() == [leaf.hashPart, top.hashPart].sorted(), "one get-missing-paths for the closure")
            let uploads = simulator.uploads
            #expect(uploads.map(\.storePath) == [leaf.path, top.path], "references are uploaded first")
            for upload in uploads {
                #expect(upload.status == 200)
                #expect(upload.transport == .header)
                #expect(upload.contentEncoding == nil)
                #expect(upload.narBodySize == upload.narSize, "the body is the raw NAR")
                #expect(upload.narHash.hasPrefix("sha256:") && upload.narHash.count == 7 + 64, "nar_hash is sha256:<hex>: \(upload.narHash)")
                #expect(upload.references == upload.references.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                #expect(upload.references.allSatisfy { !$0.hasPrefix("/") }, "references are base names")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(upload.infoJSON.utf8)) as? [String: Any])
                #expect(json["system"] is NSNull)
                #expect(Set(json.keys) == ["cache", "store_path_hash", "store_path", "references", "system", "deriver", "sigs", "ca", "nar_hash", "nar_size"])
                #expect((json["deriver"] as? String)?.hasSuffix(".drv") == true)
            }
            let topUpload = try #require(uploads.last)
            #expect(topUpload.references == [top.baseName, leaf.baseName].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(try await fixture.query("--hash", top) == [try NixHash(parsing: topUpload.narHash).nix32String])

            let again = await UploadHarness.push([top], to: try UploadHarness.targets([url], token: "secret-token"), database: database)
            #expect(again.pathsAlreadyPresent == 2 && again.pathsUploaded == 0)
            #expect(simulator.uploads.count == 2, "get-missing-paths first: nothing re-sent")

            // A private cache: Nix reads it with the token from a netrc file (Basic auth,
            // the token as password), and without one it gets 401 and cannot substitute.
            try await fixture.delete([top, leaf])
            let anonymous = try await fixture.substitute(top, from: "http://127.0.0.1:\(port)/ci", trustedKey: key.publicKey)
            #expect(anonymous.status != 0, "a private cache refuses readers without the token")
            #expect(try await !fixture.isValid(top))
            let netrc = fixture.scratch.file("netrc")
            try Data("machine 127.0.0.1 login flywheel password secret-token\n".utf8).write(to: URL(fileURLWithPath: netrc))
            let restored = try await fixture.substitute(top, from: "http://127.0.0.1:\(port)/ci", trustedKey: key.publicKey,
                                                        extraOptions: ["--option", "netrc-file", netrc])
            #expect(restored.status == 0, "Nix rejected what the Attic simulator served: \(restored.standardError)")
            #expect(try await fixture.isValid(top))
            #expect(try await fixture.isValid(leaf))

            // A public cache (attic's is_public): pushing needs the token, reading does not.
            let pushed = await UploadHarness.push([top], to: try UploadHarness.targets(["attic+http://127.0.0.1:\(port)/pub"], token: "secret-token"),
                                                  database: database)
            // The server already holds these NARs (from "ci"): Attic deduplicates them globally.
            #expect(pushed.pathsUploaded + pushed.pathsDeduplicated == 2 && pushed.pathsFailed == 0, "\(pushed)")
            try await fixture.delete([top, leaf])
            let publicRead = try await fixture.substitute(top, from: "http://127.0.0.1:\(port)/pub", trustedKey: key.publicKey)
            #expect(publicRead.status == 0, "\(publicRead.standardError)")
            #expect(try await fixture.isValid(top))
            #expect(try await fixture.isValid(leaf))
        }
    }

    /// Public caches are readable without a token and say so; pushing to them still needs it.
    @Test func publicCachesAreReadableWithoutTheTokenButNotWritable() async throws {
        let simulator = Self.simulator(key: try NixSigningKey.generate(name: "attic-sim-1"))
        try await SimulatorServer.with(simulator) { port in
            func get(_ path: String) async throws -> HTTPClientResponse {
                try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(60))
            }
            let publicInfo = try await get("/pub/nix-cache-info")
            #expect(publicInfo.status == .ok)
            #expect(publicInfo.headers.first(name: "X-Attic-Cache-Visibility") == "public")
            #expect(try await get("/_api/v1/cache-config/pub").status == .ok)
            #expect(try await get("/ci/nix-cache-info").status == .unauthorized)
            #expect(try await get("/_api/v1/cache-config/ci").status == .unauthorized)
            var missing = HTTPClientRequest(url: "http://127.0.0.1:\(port)/_api/v1/get-missing-paths")
            missing.method = .POST
            missing.headers.add(name: "Content-Type", value: "application/json")
            missing.body = .bytes(ByteBuffer(string: #"{"cache":"pub","store_path_hashes":[]}"#))
            #expect(try await HTTPClient.shared.execute(missing, timeout: .seconds(60)).status == .unauthorized)
        }
    }

    /// Stock Attic hashes the body against nar_hash and does not decompress: a zstd body
    /// is refused with "Bad NAR Hash or Size".
    @Test func rejectsACompressedBodyLikeStockAttic() async throws {
        let key = try NixSigningKey.generate(name: "attic-sim-1")
        let simulator = Self.simulator(key: key)
        let scratch = try TemporaryDirectory("attic-zstd")
        let tree = try TreeBuilder(root: scratch.file("tree"))
        try tree.file("data", String(repeating: "compressible ", count: 4000))
        let nar = try await NARCollector.bytes(of: tree.root)
        var compressor = try ZstdCompressor(level: 3)
        var compressed = try compressor.compress(ByteBuffer(bytes: nar))
        var tail = try compressor.finish().output
        compressed.writeBuffer(&tail)
        var hasher = NARHasher()
        hasher.update(nar)
        let digest = hasher.finalize()
        let hash = String(repeating: "0", count: 32)
        let info = #"{"cache":"ci","store_path_hash":"\#(hash)","store_path":"/nix/store/\#(hash)-data","references":[],"system":null,"deriver":null,"sigs":[],"ca":null,"nar_hash":"\#(digest.hash.hexString)","nar_size":\#(digest.size)}"#
        try await SimulatorServer.with(simulator) { port in
            func put(_ body: ByteBuffer, encoding: String?) async throws -> (Int, String) {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/_api/v1/upload-path")
                request.method = .PUT
                request.headers.add(name: "Authorization", value: "bearer secret-token")
                request.headers.add(name: "X-Attic-Nar-Info", value: info)
                if let encoding { request.headers.add(name: "Content-Encoding", value: encoding) }
                request.body = .bytes(body)
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
                return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 16)))
            }
            let (status, text) = try await put(compressed, encoding: "zstd")
            #expect(status == 400)
            #expect(text.contains("Bad NAR Hash or Size"))
            let (rawStatus, rawText) = try await put(ByteBuffer(bytes: nar), encoding: nil)
            #expect(rawStatus == 200, "\(rawText)")
            #expect(rawText.contains("Uploaded"))
        }
    }

    /// Upload info of 4 KiB or more travels as a body preamble.
    @Test func largeUploadInfoTravelsAsAPreamble() async throws {
        let key = try NixSigningKey.generate(name: "attic-sim-1")
        let simulator = Self.simulator(key: key)
        let scratch = try TemporaryDirectory("attic-preamble")
        let tree = try TreeBuilder(root: scratch.file("tree"))
        try tree.file("a", "payload\n")
        let digest = try await NARCollector.digest(of: tree.root)
        let references = try (0..<80).map { index in try StorePath(baseName: NixBase32.encode((0..<20).map { UInt8(($0 * 7 + index) & 0xFF) }) + "-dependency-\(index)") }
        let path = try StorePath(baseName: String(repeating: "1", count: 32) + "-many-references")
        let info = StorePathInfo(path: path, narHash: digest.hash, narSize: digest.size, references: references + [path])
        try await SimulatorServer.with(simulator) { port in
            let target = try CacheTargetFactory.make(try CacheTargetURL(parsing: "attic+http://127.0.0.1:\(port)/ci"),
                                                     options: CacheTargetOptions(token: "secret-token"))
            let runner = RequestRunner(target: target.description, retry: UploadHarness.quickRetry)
            let outcome = try await target.upload(info, nar: NARSource(physicalPath: tree.root), runner: runner)
            #expect(outcome == .uploaded(narBytes: digest.size, sentBytes: digest.size))
            let upload = try #require(simulator.uploads.first)
            #expect(upload.transport == .preamble)
            #expect(upload.infoJSON.utf8.count >= 4096)
            #expect(upload.references.count == 81)
            #expect(upload.references == upload.references.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        }
    }

    /// A wrong token disables the target after one clear error; nothing is uploaded and
    /// nothing throws.
    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"))
    func aRejectedTokenDisablesTheTarget() async throws {
        let fixture = try NixStoreFixture("attic-401")
        let (top, _) = try await fixture.buildClosure(tag: "attic401")
        let simulator = Self.simulator(key: try NixSigningKey.generate(name: "attic-sim-1"))
        let database = try fixture.database()
        try await SimulatorServer.with(simulator) { port in
            let events = EventLog()
            let statistics = await UploadHarness.push(
                [top], to: try UploadHarness.targets(["attic+http://127.0.0.1:\(port)/ci"], token: "wrong"), database: database, events: events)
            #expect(statistics.disabledTargets == 1)
            #expect(statistics.pathsUploaded == 0)
            #expect(statistics.retries == 0, "401 is not retried")
            #expect(simulator.uploads.isEmpty)
            #expect(events.failures[top.path]?.contains("401") == true, "\(events.failures)")
        }
    }

    @Test func parsesAtticURLs() throws {
        #expect(try CacheTargetURL(parsing: "attic+https://cache.example.org/main") == .attic(server: "https://cache.example.org", cache: "main"))
        #expect(try CacheTargetURL(parsing: "attic+http://127.0.0.1:8080/prefix/ci") == .attic(server: "http://127.0.0.1:8080/prefix", cache: "ci"))
        #expect(try CacheTargetURL(parsing: "file:///var/cache/nix/") == .file(directory: "/var/cache/nix"))
        #expect(try CacheTargetURL(parsing: "https://cache.example.org/nix/") == .http(base: "https://cache.example.org/nix"))
        for bad in ["attic+https://host", "attic+https://host/bad name", "ftp://x/y", "file://relative/dir", "not a url", "https:///nohost"] {
            #expect(throws: CacheTargetURLError.self, "\(bad)") { try CacheTargetURL(parsing: bad) }
        }
        let error = try #require(throws: CacheTargetURLError.self) { try CacheTargetURL(parsing: "ftp://x/y") }
        #expect(error.description.contains("unsupported scheme 'ftp'"))
        #expect(error.description.contains("attic+http(s)://HOST[:PORT]/CACHE"))
    }
}
