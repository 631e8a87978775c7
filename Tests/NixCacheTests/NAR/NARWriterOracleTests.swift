import Foundation
import NixCache
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The NAR writer against `nix-store --dump` and `nix-hash` on a zoo of trees.
@Suite("NAR writer vs. nix-store --dump")
struct NARWriterOracleTests {
    /// A named tree-building recipe.
    struct Zoo: CustomTestStringConvertible, Sendable {
        let name: String
        let build: @Sendable (TreeBuilder) throws -> Void
        var testDescription: String { name }
    }

    static let zoo: [Zoo] = [
        Zoo(name: "empty directory") { _ in },
        Zoo(name: "nested empty directories") { tree in
            try tree.directory("a/b/c/d")
            try tree.directory("a/e")
            try tree.directory("z")
        },
        Zoo(name: "symlinks: relative, absolute, dangling, to a directory, long target") { tree in
            try tree.file("a.txt", "hello\n")
            try tree.directory("dir")
            try tree.symlink("relative", to: "a.txt")
            try tree.symlink("absolute", to: "/etc/hostname")
            try tree.symlink("dangling", to: "does/not/exist")
            try tree.symlink("to-dir", to: "dir")
            try tree.symlink("dir/up", to: "../a.txt")
            try tree.symlink("long", to: String(repeating: "abcdefg/", count: 60) + "end")
        },
        Zoo(name: "executables: only the owner-execute bit counts") { tree in
            try tree.file("run.sh", "#!/bin/sh\necho hi\n", executable: true)
            try tree.file("owner-only", "x")
            try tree.chmod("owner-only", 0o700)
            try tree.file("group-other-x", "y")
            try tree.chmod("group-other-x", 0o611)
            try tree.file("readonly-exec", "z")
            try tree.chmod("readonly-exec", 0o500)
            try tree.file("empty-exec", "", executable: true)
        },
        Zoo(name: "unicode names, NFC and NFD spellings side by side") { tree in
            try tree.file("h\u{E9}llo.txt", "nfc")
            try tree.file("he\u{301}llo.txt", "nfd")
            try tree.file("日本語", "ja")
            try tree.file("emoji 🎉", "party")
            try tree.directory("Ω/ß")
            try tree.file("Ω/ß/ü", "deep")
        },
        Zoo(name: "names that sort differently bytewise than in a locale") { tree in
            for name in ["B", "a", "_x", "Z", "a.b", "a-b", "ab", "A", "10", "9", ".hidden", "~tilde", "a b", "ä", "é", "Ä"] {
                try tree.file(name, name)
            }
        },
        Zoo(name: "empty files and every padding length") { tree in
            try tree.file("empty", "")
            for length in 0...17 {
                try tree.file("len\(length)", String(repeating: "p", count: length))
            }
        },
        Zoo(name: "the notes' tree vector") { tree in
            try tree.file("a.txt", "hello\n")
            try tree.symlink("link", to: "a.txt")
            try tree.file("run.sh", "#!/bin/sh\necho hi\n", executable: true)
            try tree.directory("sub")
            try tree.file("sub/B", "x")
            try tree.file("sub/empty", "")
        },
        Zoo(name: "non-UTF-8 file name") { tree in
            let name: [UInt8] = Array("\(tree.root)/bad-".utf8) + [0xFF, 0xFE] + Array("-name".utf8) + [0]
            let descriptor = name.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644)
                }
            }
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
            close(descriptor)
            try tree.file("good-name", "ok")
        },
        Zoo(name: "binary file contents") { tree in
            try tree.file("bytes", bytes: Array(0...255) + Array(repeating: 0, count: 13))
        },
    ]

    @Test(.enabled(if: ExternalTool.hasNix, "needs nix-bin (apt install nix-bin)"), arguments: zoo)
    func matchesNixStoreDump(_ zoo: Zoo) async throws {
        let scratch = try TemporaryDirectory("nar-zoo")
        let tree = try TreeBuilder(root: scratch.file("tree"))
        try zoo.build(tree)

        let ours = try await NARCollector.bytes(of: tree.root)
        let nix = try NixOracle.dump(tree.root)
        #expect(ours.count == nix.count)
        #expect(ours == nix, "NAR differs from nix-store --dump")

        let digest = try await NARCollector.digest(of: tree.root)
        #expect(digest.hash.nix32String == "sha256:" + (try NixOracle.narHash(tree.root)))
        #expect(digest.size == UInt64(nix.count))
    }

    @Test(.enabled(if: ExternalTool.hasNix, "needs nix-bin (apt install nix-bin)"), arguments: [
        ("regular file", false), ("executable file", true),
    ])
    func rootMayBeARegularFile(_ label: String, _ executable: Bool) async throws {
        let scratch = try TemporaryDirectory("nar-root")
        let tree = try TreeBuilder(root: scratch.path)
        try tree.file("single", "contents of a single file\n", executable: executable)
        #expect(try await NARCollector.bytes(of: tree.path("single")) == NixOracle.dump(tree.path("single")), "\(label)")
    }

    @Test(.enabled(if: ExternalTool.hasNix, "needs nix-bin (apt install nix-bin)"))
    func rootMayBeASymlinkAndIsNotFollowed() async throws {
        let scratch = try TemporaryDirectory("nar-root")
        let tree = try TreeBuilder(root: scratch.path)
        try tree.directory("target")
        try tree.file("target/inside", "not in the NAR")
        try tree.symlink("link", to: "target")
        let ours = try await NARCollector.bytes(of: tree.path("link"))
        #expect(ours == (try NixOracle.dump(tree.path("link"))))
        #expect(!String(decoding: ours, as: UTF8.self).contains("not in the NAR"))
    }

    /// A 300 MB file, generated in chunks and streamed: hash and size equal Nix's, with
    /// the NAR never held in memory.
    @Test(.enabled(if: ExternalTool.hasNix, "needs nix-bin (apt install nix-bin)"))
    func largeFileHashMatchesNixHash() async throws {
        let scratch = try TemporaryDirectory("nar-large")
        let tree = try TreeBuilder(root: scratch.file("tree"))
        let size = 300_000_003
        try tree.largeFile("big.bin", size: size)
        try tree.file("small", "after the big one")

        var hasher = NARHasher()
        var largestChunk = 0
        try await NARWriter.stream(path: tree.root) { chunk in
            largestChunk = max(largestChunk, chunk.count)
            hasher.update(chunk)
        }
        let digest = hasher.finalize()
        #expect(digest.hash.nix32String == "sha256:" + (try NixOracle.narHash(tree.root)))
        #expect(largestChunk == NARWriter.defaultChunkSize)

        let dumpFile = scratch.file("nix.nar")
        try ExternalTool.check(ExternalTool.nixStore!, ["--dump", tree.root], standardOutputFile: dumpFile)
        let nixSize = try #require(try FileManager.default.attributesOfItem(atPath: dumpFile)[.size] as? NSNumber)
        #expect(digest.size == nixSize.uint64Value)
    }
}
