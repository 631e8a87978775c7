import Foundation
import NixCache
import Testing

@Suite("narinfo")
struct NarInfoTests {
    /// The narinfo of `y` from the research notes, signed with the `vector-1` key.
    static let notesText = """
        StorePath: /nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y
        URL: nar/0z50m80k93p67d6hkyf04hsqq1118prgvp5rr8fs9k8dzr6xqwh7.nar.zst
        Compression: zstd
        FileHash: sha256:0z50m80k93p67d6hkyf04hsqq1118prgvp5rr8fs9k8dzr6xqwh7
        FileSize: 230
        NarHash: sha256:0i549r2ipqmcviixd5mcw3jbxrxng9isj6d2b2nzzmmw62vwjc19
        NarSize: 752
        References: zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x
        Deriver: fh0db9i92cglvaab0azdiz0nm8fvl3xn-y.drv
        Sig: vector-1:n4rX3VBKiAo/n1xf0gg783cijfq4XfWgH27j1418smjvy/bcm1F0V/sXPeKS/O36IE4n6U4OmropTIgJpz/ZBw==

        """

    static func notesInfo() throws -> NarInfo {
        NarInfo(
            storePath: try StorePath("/nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y"),
            url: "nar/0z50m80k93p67d6hkyf04hsqq1118prgvp5rr8fs9k8dzr6xqwh7.nar.zst",
            compression: .zstd,
            fileHash: try NixHash(parsing: "sha256:0z50m80k93p67d6hkyf04hsqq1118prgvp5rr8fs9k8dzr6xqwh7"),
            fileSize: 230,
            narHash: try NixHash(parsing: "sha256:0i549r2ipqmcviixd5mcw3jbxrxng9isj6d2b2nzzmmw62vwjc19"),
            narSize: 752,
            references: [try StorePath(baseName: "zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x")],
            deriver: try StorePath(baseName: "fh0db9i92cglvaab0azdiz0nm8fvl3xn-y.drv"))
    }

    @Test func rendersAndSignsExactlyLikeTheNotes() throws {
        var info = try Self.notesInfo()
        #expect(info.fingerprint == "1;/nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y;sha256:0i549r2ipqmcviixd5mcw3jbxrxng9isj6d2b2nzzmmw62vwjc19;752;/nix/store/zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x")
        try info.sign(with: SigningTests.vectorKey())
        #expect(try info.rendered() == Self.notesText)
        #expect(info.hasValidSignature(from: try SigningTests.vectorKey().publicKey))
    }

    @Test func parsesWhatItRenders() throws {
        let parsed = try NarInfo(parsing: Self.notesText)
        var expected = try Self.notesInfo()
        try expected.sign(with: SigningTests.vectorKey())
        #expect(parsed == expected)
        #expect(try parsed.rendered() == Self.notesText)
        #expect(parsed.hasValidSignature(from: try NixPublicKey(parsing: "vector-1:A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=")))
    }

    @Test func referencesAreWrittenSortedWhateverTheInputOrder() throws {
        var info = try Self.notesInfo()
        let names = ["zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x", "0a0knphxg8yyy2mkq8akf2hfknjvdiz7-B",
                     "0a0knphxg8yyy2mkq8akf2hfknjvdiz7-A", "zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y"]
        info.references = try names.map { try StorePath(baseName: $0) }
        let text = try info.rendered()
        #expect(text.contains("\nReferences: 0a0knphxg8yyy2mkq8akf2hfknjvdiz7-A 0a0knphxg8yyy2mkq8akf2hfknjvdiz7-B zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y\n"))
        #expect(info.fingerprint.hasSuffix(";752;/nix/store/0a0knphxg8yyy2mkq8akf2hfknjvdiz7-A,/nix/store/0a0knphxg8yyy2mkq8akf2hfknjvdiz7-B,/nix/store/zr2knphxg8yyy2mkq8akf2hfknjvdiz7-x,/nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y"))
        #expect(try NarInfo(parsing: text).sortedReferences == info.sortedReferences)
    }

    @Test func noReferencesNoDeriverWithCA() throws {
        var info = try Self.notesInfo()
        info.references = []
        info.deriver = nil
        info.fileHash = nil
        info.fileSize = nil
        info.ca = "fixed:r:sha256:04zwf782yjwnh3q6hz5izfd6jyip8kgw6g6yj43fiqhbyhdd0dqw"
        try info.sign(with: SigningTests.vectorKey())
        #expect(info.fingerprint.hasSuffix(";752;"))
        let text = try info.rendered()
        #expect(text.contains("\nNarSize: 752\nReferences: \nSig: vector-1:"))
        #expect(text.hasSuffix("\nCA: fixed:r:sha256:04zwf782yjwnh3q6hz5izfd6jyip8kgw6g6yj43fiqhbyhdd0dqw\n"))
        #expect(!text.contains("Deriver") && !text.contains("FileHash") && !text.contains("FileSize"))
        #expect(try NarInfo(parsing: text) == info)
    }

    @Test func signingTwiceWithOneKeyKeepsOneSignatureAndOtherKeysStay() throws {
        var info = try Self.notesInfo()
        let other = try NixSigningKey(name: "other-1", seed: [UInt8](repeating: 7, count: 32))
        try info.sign(with: other)
        try info.sign(with: SigningTests.vectorKey())
        try info.sign(with: SigningTests.vectorKey())
        #expect(info.signatures.map(\.keyName) == ["other-1", "vector-1"])
        #expect(info.hasValidSignature(from: other.publicKey))
        let text = try info.rendered()
        #expect(text.components(separatedBy: "\nSig: ").count == 3)
        #expect(try NarInfo(parsing: text).signatures == info.signatures)
    }

    @Test func changesInvalidateTheSignature() throws {
        var info = try Self.notesInfo()
        let key = try SigningTests.vectorKey()
        try info.sign(with: key)
        var changed = info
        changed.narSize += 1
        #expect(!changed.hasValidSignature(from: key.publicKey))
        changed = info
        changed.references = []
        #expect(!changed.hasValidSignature(from: key.publicKey))
        changed = info
        changed.url = "nar/elsewhere.nar.zst"  // not part of the fingerprint
        #expect(changed.hasValidSignature(from: key.publicKey))
    }

    @Test func parsingIsTolerantWhereNixIs() throws {
        let text = """
            StorePath: /nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y
            URL: nar/x.nar
            System: x86_64-linux
            NarHash: sha256:0i549r2ipqmcviixd5mcw3jbxrxng9isj6d2b2nzzmmw62vwjc19
            NarSize: 752
            References:
            Deriver: unknown-deriver
            """
        let info = try NarInfo(parsing: text)
        #expect(info.compression == .bzip2, "a missing Compression means bzip2")
        #expect(info.references.isEmpty)
        #expect(info.deriver == nil)
        #expect(info.url == "nar/x.nar")
    }

    @Test func parseErrorsNameTheProblem() throws {
        let valid = Self.notesText
        #expect(throws: NarInfoError.missingField("StorePath")) {
            try NarInfo(parsing: valid.replacingOccurrences(of: "StorePath: /nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y\n", with: ""))
        }
        #expect(throws: NarInfoError.missingField("URL")) {
            try NarInfo(parsing: valid.replacingOccurrences(of: "URL: nar/0z50m80k93p67d6hkyf04hsqq1118prgvp5rr8fs9k8dzr6xqwh7.nar.zst\n", with: ""))
        }
        #expect(throws: NarInfoError.missingField("NarHash")) {
            try NarInfo(parsing: valid.replacingOccurrences(of: "NarHash: sha256:0i549r2ipqmcviixd5mcw3jbxrxng9isj6d2b2nzzmmw62vwjc19\n", with: ""))
        }
        #expect(throws: NarInfoError.zeroNarSize(storePath: "/nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y")) {
            try NarInfo(parsing: valid.replacingOccurrences(of: "NarSize: 752", with: "NarSize: 0"))
        }
        #expect(throws: NarInfoError.malformedLine(number: 2, line: "garbage")) {
            try NarInfo(parsing: "StorePath: /nix/store/zrs1pxyg2z0qgby8jnddgfzlrgl6pxwq-y\ngarbage\n")
        }
        let badHash = #expect(throws: NarInfoError.self) {
            try NarInfo(parsing: valid.replacingOccurrences(of: "NarHash: sha256:0i54", with: "NarHash: sha256:ei54"))
        }
        #expect(badHash?.description.contains("NarHash") == true)
        let badSize = #expect(throws: NarInfoError.self) {
            try NarInfo(parsing: valid.replacingOccurrences(of: "FileSize: 230", with: "FileSize: -1"))
        }
        #expect(badSize?.description.contains("FileSize '-1'") == true)
        let badReference = #expect(throws: NarInfoError.self) {
            try NarInfo(parsing: valid.replacingOccurrences(of: "References: zr2k", with: "References: /nix/store/zr2k"))
        }
        #expect(badReference?.description.contains("References") == true)
    }

    @Test func renderingRefusesBrokenValues() throws {
        var info = try Self.notesInfo()
        info.narSize = 0
        #expect(throws: NarInfoError.zeroNarSize(storePath: info.storePath.path)) { try info.rendered() }
        #expect(throws: NarInfoError.zeroNarSize(storePath: info.storePath.path)) { try info.sign(with: SigningTests.vectorKey()) }
        info = try Self.notesInfo()
        info.url = "nar/a\nStorePath: /nix/store/evil"
        #expect(throws: NarInfoError.lineBreakInValue(field: "URL")) { try info.rendered() }
    }
}
