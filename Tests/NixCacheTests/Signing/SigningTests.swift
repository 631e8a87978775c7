import Foundation
import NixCache
import Testing

@Suite("ed25519 signing keys")
struct SigningTests {
    /// The notes' test key: seed 0x00…0x1f, name `vector-1`.
    static func vectorKey() throws -> NixSigningKey {
        try NixSigningKey(name: "vector-1", seed: (0..<32).map { UInt8($0) })
    }

    static let vectorFingerprint = "1;/nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y;sha256:0i549r2ipqmcviixd5mcw3jbxrxng9isj6d2b2nzzmmw62vwjc19;752;/nix/store/zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x"
    static let vectorSignature = "vector-1:n4rX3VBKiAo/n1xf0gg783cijfq4XfWgH27j1418smjvy/bcm1F0V/sXPeKS/O36IE4n6U4OmropTIgJpz/ZBw=="

    @Test func vectorFromTheNotes() throws {
        let key = try Self.vectorKey()
        #expect(key.publicKey.description == "vector-1:A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=")
        let signature = try key.sign(Self.vectorFingerprint)
        #expect(signature.description == Self.vectorSignature)
        #expect(key.publicKey.isValidSignature(signature, for: Self.vectorFingerprint))
        #expect(!key.publicKey.isValidSignature(signature, for: Self.vectorFingerprint + "x"))
    }

    @Test func signaturesFromOtherKeysOrNamesAreInvalid() throws {
        let key = try Self.vectorKey()
        let other = try NixSigningKey(name: "vector-1", seed: [UInt8](repeating: 9, count: 32))
        let signature = try other.sign(Self.vectorFingerprint)
        #expect(!key.publicKey.isValidSignature(signature, for: Self.vectorFingerprint))
        let renamed = try NixSignature(keyName: "vector-2", bytes: try key.sign(Self.vectorFingerprint).bytes)
        #expect(!key.publicKey.isValidSignature(renamed, for: Self.vectorFingerprint))
        var tampered = try key.sign(Self.vectorFingerprint).bytes
        tampered[10] ^= 1
        #expect(!key.publicKey.isValidSignature(try NixSignature(keyName: "vector-1", bytes: tampered), for: Self.vectorFingerprint))
    }

    @Test func secretKeyTextRoundTrips() throws {
        let key = try NixSigningKey.generate(name: "cache.example.org-1")
        let text = key.secretKeyFileContents
        #expect(text.hasPrefix("cache.example.org-1:"))
        #expect(Data(base64Encoded: String(text.dropFirst("cache.example.org-1:".count)))?.count == 64)
        let reloaded = try NixSigningKey(parsing: text + "\n")
        #expect(reloaded.publicKey == key.publicKey)
        #expect(try reloaded.sign("message") == key.sign("message"))
        #expect(!key.description.contains(String(text.dropFirst(20))), "description never shows the secret")
        let seedOnly = try NixSigningKey(parsing: "seed-1:" + Data((0..<32).map { UInt8($0) }).base64EncodedString())
        #expect(seedOnly.publicKey.rawRepresentation == (try Self.vectorKey()).publicKey.rawRepresentation)
    }

    @Test func malformedKeysAreRejectedWithReasons() throws {
        let seed = Data((0..<32).map { UInt8($0) })
        let good = try Self.vectorKey().secretKeyFileContents
        #expect(throws: SigningKeyError.self) { try NixSigningKey(parsing: "no-colon") }
        #expect(throws: SigningKeyError.self) { try NixSigningKey(parsing: ":" + seed.base64EncodedString()) }
        #expect(throws: SigningKeyError.invalidBase64(what: "secret key", name: "k")) { try NixSigningKey(parsing: "k:!!!") }
        #expect(throws: SigningKeyError.wrongLength(what: "secret key", name: "k", expected: "64 (seed and public key) or 32 (seed)", actual: 16)) {
            try NixSigningKey(parsing: "k:" + Data(count: 16).base64EncodedString())
        }
        var mismatched = Array(Data(base64Encoded: String(good.dropFirst("vector-1:".count)))!)
        mismatched[63] ^= 1
        #expect(throws: SigningKeyError.publicHalfMismatch(name: "vector-1")) {
            try NixSigningKey(parsing: "vector-1:" + Data(mismatched).base64EncodedString())
        }
        #expect(throws: SigningKeyError.wrongLength(what: "public key", name: "p", expected: "32", actual: 64)) {
            try NixPublicKey(parsing: "p:" + Data(count: 64).base64EncodedString())
        }
        #expect(throws: SigningKeyError.wrongLength(what: "signature", name: "s", expected: "64", actual: 32)) {
            try NixSignature(parsing: "s:" + seed.base64EncodedString())
        }
        let missing = #expect(throws: SigningKeyError.self) { try NixSigningKey(contentsOfFile: "/nonexistent/secret") }
        #expect(missing?.description.contains("/nonexistent/secret") == true)
    }

    /// Key files written by `nix-store --generate-binary-cache-key` load, agree with each
    /// other, and round-trip to the same text.
    @Test(.enabled(if: ExternalTool.hasNix, "needs nix-bin (apt install nix-bin)"))
    func readsKeyFilesGeneratedByNix() throws {
        let scratch = try TemporaryDirectory("keys")
        let secretFile = scratch.file("secret"), publicFile = scratch.file("public")
        try ExternalTool.check(ExternalTool.nixStore!, ["--generate-binary-cache-key", "flywheel-test-1", secretFile, publicFile])
        let secret = try NixSigningKey(contentsOfFile: secretFile)
        let publicKey = try NixPublicKey(contentsOfFile: publicFile)
        #expect(secret.name == "flywheel-test-1")
        #expect(secret.publicKey == publicKey)
        let fileText = try String(contentsOfFile: secretFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.secretKeyFileContents == fileText)
        #expect(publicKey.description == (try String(contentsOfFile: publicFile, encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(publicKey.isValidSignature(try secret.sign(Self.vectorFingerprint), for: Self.vectorFingerprint))
    }
}
