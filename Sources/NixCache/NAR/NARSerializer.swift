#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Pull-based NAR serializer: each ``fill(_:)`` writes the next bytes of the archive into
/// the caller's buffer. Walks the tree with an explicit stack of open directory
/// descriptors (`openat`/`fstatat`/`readlinkat`), so names are handled as raw bytes, paths
/// never exceed `PATH_MAX`, and memory stays at the caller's buffer plus one directory
/// listing per level.
///
/// Not thread-safe; owned by one iterator or one `stream` call.
final class NARSerializer {
    private struct DirectoryFrame {
        let descriptor: Int32
        let entries: [[UInt8]]
        var nextIndex: Int
        let displayPath: String
    }

    private struct OpenFile {
        let descriptor: Int32
        let size: UInt64
        var remaining: UInt64
        let displayPath: String
    }

    private let rootPath: String
    private var stack: [DirectoryFrame] = []
    private var file: OpenFile?
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var started = false
    private(set) var isFinished = false

    init(path: String) {
        rootPath = path
        pending.reserveCapacity(1024)
    }

    deinit {
        closeAll()
    }

    /// Writes up to `buffer.count` bytes of the NAR; fewer only at the end. Returns 0 once
    /// the archive is complete.
    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws(NARError) -> Int {
        var written = 0
        do {
            while written < buffer.count {
                if pendingOffset < pending.count {
                    let count = min(pending.count - pendingOffset, buffer.count - written)
                    pending.withUnsafeBytes { source in
                        let slice = UnsafeRawBufferPointer(rebasing: source[pendingOffset..<(pendingOffset + count)])
                        UnsafeMutableRawBufferPointer(rebasing: buffer[written..<(written + count)]).copyMemory(from: slice)
                    }
                    pendingOffset += count
                    written += count
                    continue
                }
                pending.removeAll(keepingCapacity: true)
                pendingOffset = 0
                if file != nil {
                    written += try readFileContents(into: UnsafeMutableRawBufferPointer(rebasing: buffer[written...]))
                    continue
                }
                if isFinished { break }
                try advance()
            }
        } catch {
            closeAll()
            isFinished = true
            throw error
        }
        return written
    }

    // MARK: - Walking

    private func advance() throws(NARError) {
        if !started {
            started = true
            appendString("nix-archive-1")
            try visit(parent: AT_FDCWD, name: Array(rootPath.utf8), displayPath: rootPath)
            return
        }
        guard let top = stack.last else {
            isFinished = true
            return
        }
        if top.nextIndex < top.entries.count {
            let name = top.entries[top.nextIndex]
            stack[stack.count - 1].nextIndex += 1
            appendString("entry")
            appendString("(")
            appendString("name")
            appendBytes(name)
            appendString("node")
            let childPath = (top.displayPath.hasSuffix("/") ? top.displayPath : top.displayPath + "/")
                + String(decoding: name, as: UTF8.self)
            try visit(parent: top.descriptor, name: name, displayPath: childPath)
        } else {
            stack.removeLast()
            close(top.descriptor)
            appendNodeEnd()
        }
    }

    private func visit(parent: Int32, name: [UInt8], displayPath: String) throws(NARError) {
        var info = stat()
        let statResult = withCString(name) { fstatat(parent, $0, &info, AT_SYMLINK_NOFOLLOW) }
        guard statResult == 0 else { throw .statFailed(path: displayPath, errno: errno) }

        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let descriptor = withCString(name) { openat(parent, $0, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) }
            guard descriptor >= 0 else { throw .openFailed(path: displayPath, errno: errno) }
            var opened = stat()
            guard fstat(descriptor, &opened) == 0 else {
                let code = errno
                close(descriptor)
                throw .statFailed(path: displayPath, errno: code)
            }
            guard opened.st_mode & S_IFMT == S_IFREG else {
                close(descriptor)
                throw .fileChangedWhileReading(path: displayPath, expectedSize: UInt64(info.st_size), readSize: 0)
            }
            let size = UInt64(opened.st_size)
            appendString("(")
            appendString("type")
            appendString("regular")
            if opened.st_mode & S_IXUSR != 0 {
                appendString("executable")
                appendString("")
            }
            appendString("contents")
            appendInteger(size)
            file = OpenFile(descriptor: descriptor, size: size, remaining: size, displayPath: displayPath)

        case S_IFLNK:
            let target = try readLink(parent: parent, name: name, expectedSize: Int(info.st_size), displayPath: displayPath)
            appendString("(")
            appendString("type")
            appendString("symlink")
            appendString("target")
            appendBytes(target)
            appendNodeEnd()

        case S_IFDIR:
            let descriptor = withCString(name) { openat(parent, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
            guard descriptor >= 0 else { throw .openFailed(path: displayPath, errno: errno) }
            let entries: [[UInt8]]
            do {
                entries = try Self.listDirectory(descriptor, displayPath: displayPath)
            } catch {
                close(descriptor)
                throw error
            }
            appendString("(")
            appendString("type")
            appendString("directory")
            stack.append(DirectoryFrame(descriptor: descriptor, entries: entries, nextIndex: 0, displayPath: displayPath))

        case S_IFSOCK:
            throw .unsupportedFileType(path: displayPath, type: "socket")
        case S_IFIFO:
            throw .unsupportedFileType(path: displayPath, type: "FIFO (named pipe)")
        case S_IFCHR:
            throw .unsupportedFileType(path: displayPath, type: "character device")
        case S_IFBLK:
            throw .unsupportedFileType(path: displayPath, type: "block device")
        default:
            throw .unsupportedFileType(path: displayPath, type: "file of unknown type (mode \(String(info.st_mode, radix: 8)))")
        }
    }

    private func readFileContents(into buffer: UnsafeMutableRawBufferPointer) throws(NARError) -> Int {
        guard var current = file else { return 0 }
        if current.remaining == 0 {
            close(current.descriptor)
            file = nil
            appendPadding(for: current.size)
            appendNodeEnd()
            return 0
        }
        let wanted = Int(min(current.remaining, UInt64(buffer.count)))
        var count: Int
        repeat {
            count = read(current.descriptor, buffer.baseAddress, wanted)
        } while count < 0 && errno == EINTR
        if count < 0 {
            throw .readFailed(path: current.displayPath, errno: errno)
        }
        if count == 0 {
            throw .fileChangedWhileReading(
                path: current.displayPath, expectedSize: current.size, readSize: current.size - current.remaining)
        }
        current.remaining -= UInt64(count)
        file = current
        return count
    }

    private func readLink(parent: Int32, name: [UInt8], expectedSize: Int, displayPath: String) throws(NARError) -> [UInt8] {
        var capacity = max(expectedSize + 1, 256)
        while true {
            var target = [UInt8](repeating: 0, count: capacity)
            let count = withCString(name) { cName in
                target.withUnsafeMutableBufferPointer { buffer in
                    buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: capacity) {
                        readlinkat(parent, cName, $0, capacity)
                    }
                }
            }
            if count < 0 { throw .readLinkFailed(path: displayPath, errno: errno) }
            if count < capacity {
                return Array(target[0..<count])
            }
            capacity *= 2
        }
    }

    private static func listDirectory(_ descriptor: Int32, displayPath: String) throws(NARError) -> [[UInt8]] {
        let duplicate = dup(descriptor)
        guard duplicate >= 0 else { throw .readDirectoryFailed(path: displayPath, errno: errno) }
        guard let directory = fdopendir(duplicate) else {
            let code = errno
            close(duplicate)
            throw .readDirectoryFailed(path: displayPath, errno: code)
        }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw .readDirectoryFailed(path: displayPath, errno: errno) }
                break
            }
            let name: [UInt8] = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: UInt8.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) { start in
                    Array(UnsafeBufferPointer(start: start, count: strlen(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        return names
    }

    private func closeAll() {
        if let current = file {
            close(current.descriptor)
            file = nil
        }
        for frame in stack {
            close(frame.descriptor)
        }
        stack.removeAll()
    }

    // MARK: - Encoding

    /// Closes the current node, and the `entry` around it when it sits in a directory.
    private func appendNodeEnd() {
        appendString(")")
        if !stack.isEmpty {
            appendString(")")
        }
    }

    private func appendInteger(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { pending.append(contentsOf: $0) }
    }

    private func appendBytes(_ bytes: [UInt8]) {
        appendInteger(UInt64(bytes.count))
        pending.append(contentsOf: bytes)
        appendPadding(for: UInt64(bytes.count))
    }

    private func appendString(_ string: StaticString) {
        appendInteger(UInt64(string.utf8CodeUnitCount))
        pending.append(contentsOf: UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
        appendPadding(for: UInt64(string.utf8CodeUnitCount))
    }

    private func appendPadding(for length: UInt64) {
        let remainder = Int(length % 8)
        if remainder != 0 {
            pending.append(contentsOf: repeatElement(0, count: 8 - remainder))
        }
    }

    private func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        var terminated = bytes
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count, body)
        }
    }
}
