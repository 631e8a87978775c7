import Foundation
import NixCache
import Testing

/// Real Nix 2.8 against narinfos and signatures: Nix accepts what we publish, and we
/// read, verify and reproduce what Nix publishes.
@Suite("Binary cache vs. real Nix")
struct NixBinaryCacheTests {
    /// Our cache → `nix-store -r` with `require-sigs = true`: Nix fetches a two-path
    /// closure (with a reference and a self-reference), checks our signatures and NAR
    /// hashes, and unpacks the same trees.
    @Test(.enabled(if: ExternalTool.hasNix, "needs nix-bin (apt install nix-bin)"))
    func nixSubstitutesAClosureWeSigned() async throws {
        let fixture = try BinaryCacheFixture()
        let key = try NixSigningKey.generate(name: "flywheel-test-1")
        let trees = try TreeBuilder(root: fixture.scratch.file("trees"))
        try trees.file("dep/lib.txt", "library\n")
        try trees.directory("main/bin")
        try trees.file("main/bin/tool", "#!/bin/sh\necho tool\n", executable: true)
        try trees.symlink("main/lib", to: "../dep")
        try trees.largeFile("main/blob", size: 300_000)

        let dep = try BinaryCacheFixture.freshStorePath("flywheel-dep")
        let main = try BinaryCacheFixture.freshStorePath("flywheel-main")
        try await fixture.publish(tree: trees.path("dep"), as: dep, references: [], key: key)
        try await fixture.publish(tree: trees.path("main"), as: main, references: [main, dep], key: key)

        let result = try fixture.substitute(main, trustedKey: key.publicKey)
        #expect(result.status == 0, "nix-store -r failed: \(result.standardError)")
        #expect(try fixture.query("--references", main).sorted() == [dep.path, main.path].sorted())
        #expect(try await NARCollector.digest(of: fixture.physicalPath(main)) == NARCollector.digest(of: trees.path("main")))
        #expect(try await NARCollector.digest(of: fixture.physicalPath(dep)) == NARCollector.digest(of: trees.path("dep")))
    }

    @Test(.enabled(if: ExternalTool.hasNix, "needs nix-bin (apt install nix-bin)"))
    func nixRejectsATamperedSignatureAndAnUntrustedKey() async throws {
        let fixture = try BinaryCacheFixture()
        let key = try NixSigningKey.generate(name: "flywheel-test-1")
        let trees = try TreeBuilder(root: fixture.scratch.file("trees"))
        try trees.file("t/file", "content\n")

        let tampered = try BinaryCacheFixture.freshStorePath("flywheel-tampered")
        let info = try await fixture.publish(tree: trees.path("t"), as: tampered, references: [], key: key) { text in
            // Flip one signature character, keeping the base64 valid.
            let marker = "Sig: flywheel-test-1:"
            let start = text.range(of: marker)!.upperBound
            let index = text.index(start, offsetBy: 10)
            let replacement: Character = text[index] == "A" ? "B" : "A"
            text.replaceSubrange(index...index, with: String(replacement))
        }
        #expect(info.hasValidSignature(from: key.publicKey), "the untampered narinfo was valid")
        let rejected = try fixture.substitute(tampered, trustedKey: key.publicKey)
        #expect(rejected.status != 0)
        #expect(rejected.standardError.contains("signed"), "\(rejected.standardError)")

        let untrusted = try BinaryCacheFixture.freshStorePath("flywheel-untrusted")
        try await fixture.publish(tree: trees.path("t"), as: untrusted, references: [], key: key)
        let other = try NixSigningKey.generate(name: "someone-else-1")
        #expect(try fixture.substitute(untrusted, trustedKey: other.publicKey).status != 0)
        #expect(try fixture.substitute(untrusted, trustedKey: key.publicKey).status == 0, "and accepted with the right key")
    }

    /// `nix copy --to file://…?secret-key=` writes a narinfo and signature: we parse it,
    /// render it back byte for byte, verify Nix's signature, produce the identical
    /// signature with the same key file, and compute the same NarHash and FileHash.
    @Test(.enabled(if: ExternalTool.hasNix && ExternalTool.nix != nil, "needs nix-bin (apt install nix-bin)"))
    func readsVerifiesAndReproducesWhatNixCopyWrites() async throws {
        let scratch = try TemporaryDirectory("nix-copy")
        let trees = try TreeBuilder(root: scratch.file("trees"))
        try trees.file("payload/a", "alpha\n")
        try trees.file("payload/x", "run\n", executable: true)
        try trees.symlink("payload/l", to: "a")
        let secretFile = scratch.file("secret"), publicFile = scratch.file("public")
        let environment = ["XDG_CACHE_HOME": scratch.file("xdg-cache")]
        try ExternalTool.check(ExternalTool.nixStore!, ["--generate-binary-cache-key", "nix-oracle-1", secretFile, publicFile])
        let storeRoot = scratch.file("store-root"), cache = scratch.file("cache")
        let added = try ExternalTool.check(ExternalTool.nixStore!, ["--store", storeRoot, "--add", trees.path("payload")],
                                           environment: environment).trimmed
        try ExternalTool.check(ExternalTool.nix!, [
            "--extra-experimental-features", "nix-command", "--store", storeRoot,
            "copy", "--to", "file://\(cache)?compression=zstd&secret-key=\(secretFile)", added,
        ], environment: environment)

        let storePath = try StorePath(added)
        let text = try String(contentsOfFile: "\(cache)/\(storePath.hashPart).narinfo", encoding: .utf8)
        let info = try NarInfo(parsing: text)
        #expect(info.storePath == storePath)
        #expect(try info.rendered() == text, "our rendering of Nix's narinfo is byte-identical")
        #expect(info.ca?.hasPrefix("fixed:r:sha256:") == true)

        let publicKey = try NixPublicKey(contentsOfFile: publicFile)
        #expect(info.hasValidSignature(from: publicKey))
        var resigned = info
        resigned.signatures = []
        try resigned.sign(with: NixSigningKey(contentsOfFile: secretFile))
        #expect(resigned.signatures == info.signatures, "Ed25519 is deterministic: same key, same signature")

        let nar = try await NARCollector.digest(of: trees.path("payload"))
        #expect(info.narHash == nar.hash)
        #expect(info.narSize == nar.size)
        let fileDigest = try ZstdOracle.sha256(ofFile: "\(cache)/\(info.url)")
        #expect(info.fileHash == fileDigest.hash)
        #expect(info.fileSize == fileDigest.size)
    }
}
