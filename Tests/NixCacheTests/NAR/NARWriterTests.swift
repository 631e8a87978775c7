import Foundation
import NIOCore
import NixCache
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// NAR writer behaviour that needs no Nix: the notes' vectors, chunking, the pull-based
/// sequence and the errors.
@Suite("NAR writer")
struct NARWriterTests {
    @Test func singleFileVectorFromTheNotes() async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try TreeBuilder(root: scratch.path)
        try tree.file("hello", "hello\n")
        let nar = try await NARCollector.bytes(of: tree.path("hello"))
        let expectedHex = """
            0d00000000000000 6e69782d61726368 6976652d31000000 \
            0100000000000000 2800000000000000 0400000000000000 7479706500000000 \
            0700000000000000 726567756c617200 0800000000000000 636f6e74656e7473 \
            0600000000000000 68656c6c6f0a0000 0100000000000000 2900000000000000
            """
        #expect(hex(nar) == expectedHex.replacingOccurrences(of: " ", with: ""))
        let digest = try await NARCollector.digest(of: tree.path("hello"))
        #expect(digest.size == 120)
        #expect(digest.hash.nix32String == "sha256:04zwf782yjwnh3q6hz5izfd6jyip8kgw6g6yj43fiqhbyhdd0dqw")
    }

    @Test func treeVectorFromTheNotes() async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try TreeBuilder(root: scratch.file("tree"))
        try tree.file("a.txt", "hello\n")
        try tree.symlink("link", to: "a.txt")
        try tree.file("run.sh", "#!/bin/sh\necho hi\n", executable: true)
        try tree.directory("sub")
        try tree.file("sub/B", "x")
        try tree.file("sub/empty", "")
        let digest = try await NARCollector.digest(of: tree.root)
        #expect(digest.size == 1264)
        #expect(digest.hash.nix32String == "sha256:0hkwh2mxq2qr3bz04zcpcn26prgy4sf9xmwgc43nwk1pf0lfj4fi")
        #expect(digest.hash.hexString.hasPrefix("sha256:d111e928"))
        #expect(digest.hash.hexString.hasSuffix("807c42"))
    }

    @Test(arguments: [1, 7, 8, 9, 64, 4096, 1 << 20])
    func outputDoesNotDependOnChunkSize(_ chunkSize: Int) async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try Self.mixedTree(in: scratch)
        let reference = try await NARCollector.bytes(of: tree.root, chunkSize: 1 << 20)

        var collected: [UInt8] = []
        var sizes: [Int] = []
        try await NARWriter.stream(path: tree.root, chunkSize: chunkSize) { chunk in
            sizes.append(chunk.count)
            collected.append(contentsOf: chunk)
        }
        #expect(collected == reference)
        #expect(sizes.dropLast().allSatisfy { $0 == chunkSize }, "every chunk but the last is full")
        #expect((1...chunkSize).contains(sizes.last ?? 0))
    }

    @Test(arguments: [1000, 1 << 20])
    func pullSequenceYieldsTheSameBytes(_ chunkSize: Int) async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try Self.mixedTree(in: scratch)
        let reference = try await NARCollector.bytes(of: tree.root)

        var collected: [UInt8] = []
        var chunkCount = 0
        for try await buffer in NARWriter.chunks(path: tree.root, chunkSize: chunkSize) {
            collected.append(contentsOf: buffer.readableBytesView)
            chunkCount += 1
        }
        #expect(collected == reference)
        #expect(chunkCount == (reference.count + chunkSize - 1) / chunkSize)

        // A second iteration reads the tree again.
        var again = 0
        for try await buffer in NARWriter.chunks(path: tree.root, chunkSize: chunkSize) {
            again += buffer.readableBytes
        }
        #expect(again == reference.count)
    }

    @Test func pullSequenceReadsOnlyWhatIsAskedFor() async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try TreeBuilder(root: scratch.file("tree"))
        try tree.largeFile("big", size: 8 << 20)
        var iterator = NARWriter.chunks(path: tree.root, chunkSize: 4096).makeAsyncIterator()
        let first = try #require(try await iterator.next())
        #expect(first.readableBytes == 4096)
        // Truncating now makes the next read come up short, proving reads happen lazily.
        #expect(truncate(tree.path("big"), 5000) == 0)
        await #expect(throws: NARError.self) {
            while try await iterator.next() != nil {}
        }
    }

    @Test func missingPathIsAnErrorNamingIt() async throws {
        let scratch = try TemporaryDirectory("nar")
        let missing = scratch.file("does-not-exist")
        let error = await #expect(throws: NARError.self) {
            try await NARWriter.stream(path: missing) { _ in }
        }
        guard case .statFailed(let path, let code)? = error else {
            Issue.record("expected statFailed, got \(String(describing: error))")
            return
        }
        #expect(path == missing)
        #expect(code == ENOENT)
        #expect(error?.description.contains(missing) == true)
        #expect(error?.description.contains("No such file") == true)
    }

    @Test func fifoIsRefusedWithItsPath() async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try TreeBuilder(root: scratch.file("tree"))
        try tree.file("a", "first")
        try tree.directory("sub")
        #expect(mkfifo(tree.path("sub/pipe"), 0o644) == 0)
        let error = await #expect(throws: NARError.self) {
            try await NARWriter.stream(path: tree.root) { _ in }
        }
        guard case .unsupportedFileType(let path, let type)? = error else {
            Issue.record("expected unsupportedFileType, got \(String(describing: error))")
            return
        }
        #expect(path == tree.path("sub/pipe"))
        #expect(type.contains("FIFO"))
    }

    @Test func socketIsRefusedWithItsPath() async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try TreeBuilder(root: scratch.file("t"))
        let socketPath = tree.path("sock")
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(socketPath.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        let error = await #expect(throws: NARError.self) {
            try await NARWriter.stream(path: tree.root) { _ in }
        }
        #expect(error?.description.contains(socketPath) == true)
        #expect(error?.description.contains("socket") == true)
    }

    @Test func characterDeviceIsRefused() async throws {
        let error = await #expect(throws: NARError.self) {
            try await NARWriter.stream(path: "/dev/null") { _ in }
        }
        guard case .unsupportedFileType(let path, let type)? = error else {
            Issue.record("expected unsupportedFileType, got \(String(describing: error))")
            return
        }
        #expect(path == "/dev/null")
        #expect(type == "character device")
    }

    @Test func fileShrinkingWhileReadIsDetected() async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try TreeBuilder(root: scratch.file("tree"))
        try tree.largeFile("big", size: 1 << 20)
        var chunks = 0
        let error = await #expect(throws: NARError.self) {
            try await NARWriter.stream(path: tree.root, chunkSize: 4096) { _ in
                chunks += 1
                if chunks == 1 { _ = truncate(tree.path("big"), 10_000) }
            }
        }
        guard case .fileChangedWhileReading(let path, let expected, let read)? = error else {
            Issue.record("expected fileChangedWhileReading, got \(String(describing: error))")
            return
        }
        #expect(path == tree.path("big"))
        #expect(expected == 1 << 20)
        #expect(read == 10_000)
    }

    @Test func consumerErrorsAreWrapped() async throws {
        struct UploadFailed: Error, Equatable {}
        let scratch = try TemporaryDirectory("nar")
        let tree = try Self.mixedTree(in: scratch)
        let error = await #expect(throws: NARError.self) {
            try await NARWriter.stream(path: tree.root, chunkSize: 16) { _ in throw UploadFailed() }
        }
        guard case .consumerFailed(let underlying)? = error else {
            Issue.record("expected consumerFailed, got \(String(describing: error))")
            return
        }
        #expect(underlying as? UploadFailed == UploadFailed())
    }

    @Test func cancellationStopsBetweenChunks() async throws {
        let scratch = try TemporaryDirectory("nar")
        let tree = try Self.mixedTree(in: scratch)
        let path = tree.root
        let task = Task { () async throws(NARError) -> Int in
            var chunks = 0
            try await NARWriter.stream(path: path, chunkSize: 8) { _ in
                chunks += 1
                withUnsafeCurrentTask { $0?.cancel() }
            }
            return chunks
        }
        let result = await task.result
        guard case .failure(let error) = result, case NARError.cancelled? = error as? NARError else {
            Issue.record("expected cancelled, got \(result)")
            return
        }
    }

    @Test func invalidChunkSizeIsRejected() async throws {
        await #expect(throws: NARError.self) {
            try await NARWriter.stream(path: "/", chunkSize: 0) { _ in }
        }
        var iterator = NARWriter.chunks(path: "/", chunkSize: -1).makeAsyncIterator()
        await #expect(throws: NARError.self) { _ = try await iterator.next() }
    }

    static func mixedTree(in scratch: TemporaryDirectory) throws -> TreeBuilder {
        let tree = try TreeBuilder(root: scratch.file("tree"))
        try tree.file("a.txt", "hello\n")
        try tree.file("run", "#!/bin/sh\n", executable: true)
        try tree.symlink("link", to: "a.txt")
        try tree.directory("d/e")
        try tree.file("d/e/deep", String(repeating: "0123456789", count: 500))
        try tree.file("d/empty", "")
        return tree
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
