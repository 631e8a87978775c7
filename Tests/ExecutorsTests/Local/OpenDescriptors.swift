import Glibc

/// The test process's open file descriptors, read from `/proc/self/fd`.
enum OpenDescriptors {
    /// Descriptor number → what it refers to (`pipe:[1234]`, a path, …), excluding the one used to list them.
    static func snapshot() -> [Int32: String] {
        guard let directory = opendir("/proc/self/fd") else { return [:] }
        defer { closedir(directory) }
        let own = dirfd(directory)
        var result: [Int32: String] = [:]
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let descriptor = Int32(name), descriptor != own else { continue }
            var target = [CChar](repeating: 0, count: 4096)
            let length = readlink("/proc/self/fd/\(name)", &target, target.count - 1)
            result[descriptor] = length >= 0
                ? String(decoding: target[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                : "?"
        }
        return result
    }

    /// The descriptors a stage could leak: pipes and files, not the runtime's own event, timer and
    /// epoll descriptors (`anon_inode:`), which dispatch and NIO open lazily.
    ///
    /// A file's " (deleted)" mark is dropped: an exit test's child inherits the parent's descriptors,
    /// and the parent may delete one of their files between two snapshots; the descriptor is the same.
    static func stageRelated() -> [Int32: String] {
        snapshot()
            .filter { !$0.value.hasPrefix("anon_inode:") }
            .mapValues { $0.hasSuffix(" (deleted)") ? String($0.dropLast(" (deleted)".count)) : $0 }
    }
}
