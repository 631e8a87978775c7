@testable import Artifacts
import Foundation
import Testing

@Suite struct ZipArchiveTests {
    static func temporary(_ label: String) -> String {
        let path = NSTemporaryDirectory() + "artifacts-\(label)-" + UUID().uuidString.prefix(8)
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func run(_ command: String) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var unzipInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") }

    /// A project tree: nested files, an executable, a symlink, an empty directory, a 6 MiB file.
    static func makeTree(_ root: String) throws {
        let files = ["out/a.txt": "alpha\n", "out/sub/b.txt": "beta\n", "out/tool.sh": "#!/bin/sh\necho tool\n", "out/skip.log": "noise\n", "keep.txt": "not an artifact\n"]
        for (path, text) in files {
            try FileManager.default.createDirectory(atPath: (root + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
        }
        chmod(root + "/out/tool.sh", 0o755)
        symlink("a.txt", root + "/out/link")
        try FileManager.default.createDirectory(atPath: root + "/out/empty", withIntermediateDirectories: true)
        // Incompressible enough (an LCG's high bytes) to exercise deflate over many chunks.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let big = (0..<(6 << 20)).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        try Data(big).write(to: URL(fileURLWithPath: root + "/out/big.bin"))
    }

    @Test(.enabled(if: unzipInstalled, "needs unzip (make test installs it)"))
    func archiveIsReadByUnzipAndByOurReaderIdentically() throws {
        let project = Self.temporary("project")
        let extracted = Self.temporary("extracted")
        let byUnzip = Self.temporary("unzip")
        defer { for path in [project, extracted, byUnzip] { try? FileManager.default.removeItem(atPath: path) } }
        try Self.makeTree(project)
        let collector = ArtifactCollector(projectDirectory: project, paths: ["out/"], exclude: ["out/*.log"])
        let selection = try collector.collect()
        #expect(selection.entries == ["out/", "out/a.txt", "out/big.bin", "out/empty/", "out/link", "out/sub/", "out/sub/b.txt", "out/tool.sh"])
        #expect(selection.excludedCount == 1)
        let archive = extracted + ".zip"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        _ = try collector.archive(selection, to: archive)

        let test = Self.run("unzip -t '\(archive)'")
        #expect(test.status == 0, "\(test.output)")
        #expect(Self.run("cd '\(byUnzip)' && unzip -q '\(archive)'").status == 0)
        #expect(try ZipArchiveReader.extract(archive: archive, into: extracted) == 8)
        for root in [byUnzip, extracted] {
            #expect(FileManager.default.contents(atPath: root + "/out/big.bin") == FileManager.default.contents(atPath: project + "/out/big.bin"))
            #expect(FileManager.default.contents(atPath: root + "/out/sub/b.txt") == Data("beta\n".utf8))
            #expect(FileManager.default.isExecutableFile(atPath: root + "/out/tool.sh"))
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/out/link")) == "a.txt")
            #expect(FileManager.default.fileExists(atPath: root + "/out/empty"))
            #expect(!FileManager.default.fileExists(atPath: root + "/out/skip.log"))
        }
    }

    @Test(.enabled(if: unzipInstalled && FileManager.default.isExecutableFile(atPath: "/usr/bin/zip"), "needs zip (make test installs it)"))
    func readsWhatInfoZipWrites() throws {
        let project = Self.temporary("zip-project")
        let extracted = Self.temporary("zip-extracted")
        defer { for path in [project, extracted] { try? FileManager.default.removeItem(atPath: path) } }
        try Self.makeTree(project)
        let archive = project + "/made-by-zip.zip"
        #expect(Self.run("cd '\(project)' && zip -qry -9 made-by-zip.zip out").status == 0)
        try ZipArchiveReader.extract(archive: archive, into: extracted)
        #expect(FileManager.default.contents(atPath: extracted + "/out/big.bin") == FileManager.default.contents(atPath: project + "/out/big.bin"))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: extracted + "/out/link")) == "a.txt")
    }

    @Test func entriesEscapingTheDirectoryAreRefused() throws {
        let directory = Self.temporary("slip")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["../evil", "/etc/evil", "a/../../evil"] {
            #expect(throws: ArtifactError.self) { try ZipArchiveReader.safeRelativePath(name) }
        }
        #expect(try ZipArchiveReader.safeRelativePath("a//b/") == "a/b")
        #expect(throws: ArtifactError.self) { try ZipArchiveReader.extract(archive: directory + "/missing.zip", into: directory) }
        FileManager.default.createFile(atPath: directory + "/garbage.zip", contents: Data("not a zip at all, really".utf8))
        #expect(throws: ArtifactError.self) { try ZipArchiveReader.extract(archive: directory + "/garbage.zip", into: directory) }
    }

    @Test(arguments: [
        ("out/**/*.txt", "out/a/b/c.txt", true), ("out/**/*.txt", "out/c.txt", true), ("*.log", "a.log", true),
        ("*.log", "dir/a.log", false), ("out/?.txt", "out/a.txt", true), ("out/[ab].txt", "out/c.txt", false),
        ("./out", "out", true), ("**/target", "x/y/target", true), ("out/*", "out/sub/file", false),
    ])
    func globs(pattern: String, path: String, matches: Bool) {
        #expect(PathPattern(pattern).matches(path) == matches)
    }
}
