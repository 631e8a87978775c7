import Foundation
import NixCache
import Testing

@Suite("Nix hash strings")
struct NixHashTests {
    static let emptyHex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let emptyNix32 = "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"
    static let emptyBase64 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="

    @Test(arguments: [
        "sha256:\(emptyHex)", "sha256:\(emptyHex.uppercased())", "sha256:\(emptyNix32)",
        "sha256:\(emptyBase64)", "sha256-\(emptyBase64)",
    ])
    func everyFormParsesToTheSameDigest(_ text: String) throws {
        let hash = try NixHash(parsing: text)
        #expect(hash.nix32String == "sha256:\(Self.emptyNix32)")
        #expect(hash.hexString == "sha256:\(Self.emptyHex)")
        #expect(hash.sriString == "sha256-\(Self.emptyBase64)")
        #expect(hash.description == hash.nix32String)
    }

    @Test(arguments: [
        "md5:d41d8cd98f00b204e9800998ecf8427e", "e3b0c442", "sha256:", "sha256:abc",
        "sha256:\(String(repeating: "g", count: 64))", "sha256:e\(String(repeating: "0", count: 51))",
        "sha256-notbase64!!", "sha512-\(emptyBase64)",
    ])
    func malformedHashesAreRejected(_ text: String) {
        let error = #expect(throws: NixHashError.self) { try NixHash(parsing: text) }
        #expect(error?.description.contains(text) == true || error?.description.contains("SHA-256") == true)
    }

    @Test func rawDigestMustBe32Bytes() throws {
        #expect(throws: NixHashError.wrongDigestLength(20)) { try NixHash(sha256: [UInt8](repeating: 0, count: 20)) }
        #expect(try NixHash(sha256: [UInt8](repeating: 0, count: 32)).nix32String == "sha256:" + String(repeating: "0", count: 52))
    }

    @Test func hasherCountsBytesAcrossUpdates() throws {
        var hasher = NARHasher()
        hasher.update(Array("hel".utf8))
        Array("lo\n".utf8).withUnsafeBytes { hasher.update($0) }
        let digest = hasher.finalize()
        #expect(digest.size == 6)
        #expect(digest.hash.nix32String == "sha256:00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq")
    }
}
