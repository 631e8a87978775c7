import Foundation

/// Builds file trees for the NAR tests with POSIX calls, so names, modes and symlink
/// targets are exactly what the test says.
struct TreeBuilder {
    let root: String

    init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { relative.isEmpty ? root : "\(root)/\(relative)" }

    func directory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    func file(_ relative: String, _ contents: String = "", executable: Bool = false) throws {
        try file(relative, bytes: Array(contents.utf8), executable: executable)
    }

    func file(_ relative: String, bytes: [UInt8], executable: Bool = false) throws {
        let target = path(relative)
        let parent = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: target, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
        }
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: target)
    }

    func symlink(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path(relative), withDestinationPath: target)
    }

    func chmod(_ relative: String, _ mode: Int) throws {
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path(relative))
    }

    /// Writes `size` bytes in 1 MiB chunks, never holding the file in memory: one
    /// pseudo-random block, stamped with its index so no two blocks are equal.
    func largeFile(_ relative: String, size: Int) throws {
        let target = path(relative)
        guard FileManager.default.createFile(atPath: target, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
        defer { try? handle.close() }
        var generator = SplitMix64(seed: 0x5EED)
        var block = (0..<(1 << 17)).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
        var remaining = size
        var index: UInt64 = 0
        while remaining > 0 {
            withUnsafeBytes(of: index.littleEndian) { block.replaceSubrange(0..<8, with: $0) }
            let count = min(remaining, block.count)
            try handle.write(contentsOf: block[0..<count])
            remaining -= count
            index += 1
        }
    }
}
