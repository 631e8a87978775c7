import Foundation
import NixCache
import Testing

@Suite("Nix base32")
struct NixBase32Tests {
    @Test func vectorsFromTheNotes() throws {
        var empty = NARHasher()
        empty.update([UInt8]())
        #expect(NixBase32.encode(empty.finalize().hash.bytes) == "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73")
        var hello = NARHasher()
        hello.update(Array("hello\n".utf8))
        #expect(NixBase32.encode(hello.finalize().hash.bytes) == "00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq")
        let decoded = try NixBase32.decode("00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq")
        #expect(decoded == hello.finalize().hash.bytes)
    }

    @Test func smallValuesShowTheBitOrder() throws {
        // One byte = 2 digits; the little-endian integer printed most-significant digit first.
        #expect(NixBase32.encode([0x00]) == "00")
        #expect(NixBase32.encode([0x01]) == "01")
        #expect(NixBase32.encode([0x1F]) == "0z")
        #expect(NixBase32.encode([0x20]) == "10")
        #expect(NixBase32.encode([0xFF]) == "7z")
        #expect(NixBase32.encode([0x00, 0x01]) == "0080")
        #expect(NixBase32.encode([]) == "")
    }

    @Test func lengths() {
        #expect(NixBase32.encodedLength(byteCount: 32) == 52)
        #expect(NixBase32.encodedLength(byteCount: 20) == 32)
        #expect(NixBase32.encodedLength(byteCount: 64) == 103)
        #expect(NixBase32.decodedLength(characterCount: 52) == 32)
        #expect(NixBase32.decodedLength(characterCount: 32) == 20)
        #expect(NixBase32.decodedLength(characterCount: 3) == nil)
    }

    @Test(arguments: 0...66)
    func roundTripsEveryLength(_ length: Int) throws {
        var generator = SplitMix64(seed: UInt64(length) &+ 1)
        for _ in 0..<20 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let encoded = NixBase32.encode(bytes)
            #expect(encoded.count == NixBase32.encodedLength(byteCount: length))
            #expect(encoded.allSatisfy { NixBase32.alphabet.contains($0) })
            #expect(try NixBase32.decode(encoded, byteCount: length) == bytes)
        }
        #expect(try NixBase32.decode(NixBase32.encode([UInt8](repeating: 0xFF, count: length)), byteCount: length)
            == [UInt8](repeating: 0xFF, count: length))
    }

    @Test(arguments: ["e", "o", "u", "t", "A", "Z", "-", " ", "é"])
    func rejectsCharactersOutsideTheAlphabet(_ bad: String) throws {
        let valid = "00xyyr3fi8l6hb839bv3f7yb86yjv7xi1cgh1xnhipym4asvb4aq"
        let text = String(valid.prefix(10)) + bad + String(valid.dropFirst(10 + bad.utf8.count))
        let error = #expect(throws: NixBase32Error.self) { try NixBase32.decode(text, byteCount: text.utf8.count == 52 ? 32 : 0) }
        if bad.utf8.count == 1 {
            #expect(error == .invalidCharacter(bad, offset: 10))
            #expect(error?.description.contains("'\(bad)'") == true)
        }
    }

    @Test func rejectsWrongLengths() {
        #expect(throws: NixBase32Error.lengthMismatch(expected: 52, actual: 51, byteCount: 32)) {
            try NixBase32.decode(String(repeating: "0", count: 51), byteCount: 32)
        }
        #expect(throws: NixBase32Error.invalidLength(characterCount: 3)) {
            try NixBase32.decode("000")
        }
    }

    @Test func rejectsBitsBeyondTheLastByte() throws {
        // 52 digits carry 260 bits; a SHA-256 has 256, so the first digit must be 0 or 1.
        #expect(throws: Never.self) { try NixBase32.decode("1" + String(repeating: "z", count: 51), byteCount: 32) }
        #expect(throws: NixBase32Error.self) { try NixBase32.decode("2" + String(repeating: "0", count: 51), byteCount: 32) }
        // 2 digits carry 10 bits for 1 byte: "7z" is 0xFF, "80" would need a ninth bit.
        #expect(try NixBase32.decode("7z", byteCount: 1) == [0xFF])
        #expect(throws: NixBase32Error.overflow(string: "80")) { try NixBase32.decode("80", byteCount: 1) }
        // 32 digits are exactly 160 bits, so a 20-byte hash part has no spare bits.
        #expect(try NixBase32.decode(String(repeating: "z", count: 32), byteCount: 20) == [UInt8](repeating: 0xFF, count: 20))
    }

    /// Random digests through `nix-hash --to-base32`, for both digest sizes Nix uses.
    @Test(.enabled(if: ExternalTool.hasNix, "needs nix-bin (apt install nix-bin)"), arguments: [("sha256", 32), ("sha1", 20)])
    func agreesWithNixHash(_ type: String, _ byteCount: Int) throws {
        var generator = SplitMix64(seed: UInt64(byteCount))
        let samples = (0..<40).map { _ in (0..<byteCount).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        let hexes = samples.map { $0.map { String(format: "%02x", $0) }.joined() }
        let output = try ExternalTool.check(ExternalTool.nixHash!, ["--type", type, "--to-base32"] + hexes).text
        let nix = output.split(separator: "\n").map(String.init)
        #expect(nix == samples.map { NixBase32.encode($0) })
        for (encoded, bytes) in zip(nix, samples) {
            #expect(try NixBase32.decode(encoded, byteCount: byteCount) == bytes)
        }
    }
}
