import CZlib
import Glibc

/// Extracts a zip archive (stored or deflated entries, as GitLab runners write them) into a
/// directory, streaming each entry through a bounded buffer and checking its CRC-32. Entry names
/// that would land outside the directory (absolute, `..`) are refused.
public enum ZipArchiveReader {
    struct Entry {
        var name: String
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var size: UInt64
        var mode: UInt32
        var madeByUnix: Bool
        var localHeaderOffset: UInt64
    }

    /// Extracts `archive` into `directory` (created if needed). Returns the number of entries.
    @discardableResult
    public static func extract(archive: String, into directory: String) throws -> Int {
        let descriptor = open(archive, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ArtifactError("cannot open \(archive): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        let entries = try centralDirectory(descriptor, archive: archive)
        mkdirAll(directory)
        for entry in entries {
            try extract(entry, from: descriptor, archive: archive, into: directory)
        }
        return entries.count
    }

    static func read(_ descriptor: Int32, at offset: UInt64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw ArtifactError("the archive is truncated or unreadable") }
            done += result
        }
        return bytes
    }

    static func centralDirectory(_ descriptor: Int32, archive: String) throws -> [Entry] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ArtifactError("cannot stat \(archive)") }
        let fileSize = UInt64(info.st_size)
        guard fileSize >= 22 else { throw ArtifactError("\(archive) is not a zip archive (too short)") }
        let tailLength = Int(min(fileSize, 22 + 65_535))
        let tail = try read(descriptor, at: fileSize - UInt64(tailLength), count: tailLength)
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.le32($0) == 0x0605_4b50 }) else {
            throw ArtifactError("\(archive) is not a zip archive (no end of central directory)")
        }
        let count = Int(tail.le16(end + 10))
        let directorySize = Int(tail.le32(end + 12))
        let directoryOffset = UInt64(tail.le32(end + 16))
        guard directoryOffset != 0xFFFF_FFFF else { throw ArtifactError("\(archive) is a zip64 archive, which is not supported yet") }
        guard directoryOffset + UInt64(directorySize) <= fileSize else { throw ArtifactError("\(archive): central directory out of bounds") }
        let directory = try read(descriptor, at: directoryOffset, count: directorySize)
        var entries: [Entry] = []
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, directory.le32(position) == 0x0201_4b50 else {
                throw ArtifactError("\(archive): corrupt central directory")
            }
            let nameLength = Int(directory.le16(position + 28))
            let extraLength = Int(directory.le16(position + 30))
            let commentLength = Int(directory.le16(position + 32))
            guard position + 46 + nameLength <= directory.count else { throw ArtifactError("\(archive): corrupt central directory") }
            let name = String(decoding: directory[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(
                name: name, method: directory.le16(position + 10), crc: directory.le32(position + 16),
                compressedSize: UInt64(directory.le32(position + 20)), size: UInt64(directory.le32(position + 24)),
                mode: directory.le32(position + 38) >> 16, madeByUnix: directory.le16(position + 4) >> 8 == 3,
                localHeaderOffset: UInt64(directory.le32(position + 42))
            ))
            position += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// `name` as a safe relative path (no absolute paths, no `..`), or an error.
    static func safeRelativePath(_ name: String) throws -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: true)
        guard !name.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else {
            throw ArtifactError("refusing archive entry `\(name)`: it would be written outside the project directory")
        }
        return parts.joined(separator: "/")
    }

    static func extract(_ entry: Entry, from descriptor: Int32, archive: String, into directory: String) throws {
        let relative = try safeRelativePath(entry.name)
        let target = directory + "/" + relative
        let type = entry.madeByUnix ? entry.mode & UInt32(S_IFMT) : 0
        if entry.name.hasSuffix("/") || type == UInt32(S_IFDIR) {
            mkdirAll(target)
            return
        }
        mkdirAll(String(target[..<(target.lastIndex(of: "/") ?? target.endIndex)]))
        let header = try read(descriptor, at: entry.localHeaderOffset, count: 30)
        guard header.le32(0) == 0x0403_4b50 else { throw ArtifactError("\(archive): corrupt local header of \(entry.name)") }
        let dataOffset = entry.localHeaderOffset + 30 + UInt64(header.le16(26)) + UInt64(header.le16(28))
        var content: [UInt8] = []
        let isLink = type == UInt32(S_IFLNK)
        unlink(target)
        let output = isLink ? -1 : open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(entry.madeByUnix && entry.mode & 0o777 != 0 ? entry.mode & 0o777 : 0o644))
        guard isLink || output >= 0 else { throw ArtifactError("cannot create \(target): \(String(cString: strerror(errno)))") }
        defer { if output >= 0 { close(output) } }
        let writer = output >= 0 ? FileDescriptorWriter(descriptor: output) : nil
        var crc = crc32(0, nil, 0)
        var written: UInt64 = 0
        let sink: (UnsafeRawBufferPointer) throws -> Void = { (bytes: UnsafeRawBufferPointer) throws in
            crc = crc32(crc, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(bytes.count))
            written += UInt64(bytes.count)
            guard written <= entry.size else { throw ArtifactError("\(entry.name) holds more data than its recorded size") }
            if let writer { try writer.write(bytes) } else { content.append(contentsOf: bytes) }
        }
        let inflater: RawDeflate?
        switch entry.method {
        case 0: inflater = nil
        case 8: inflater = try RawDeflate(.decompress)
        default: throw ArtifactError("\(entry.name) uses compression method \(entry.method); only stored and deflate are supported")
        }
        var remaining = entry.compressedSize
        var offset = dataOffset
        while remaining > 0 {
            let chunk = try read(descriptor, at: offset, count: Int(min(remaining, 64 * 1024)))
            offset += UInt64(chunk.count)
            remaining -= UInt64(chunk.count)
            try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
                if let inflater { try inflater.process(raw, finish: false, sink: sink) } else { try sink(raw) }
            }
        }
        try writer?.flush()
        guard written == entry.size, UInt32(crc) == entry.crc else {
            throw ArtifactError("\(entry.name) is corrupt in \(archive) (size or CRC-32 mismatch)")
        }
        if isLink {
            guard symlink(String(decoding: content, as: UTF8.self), target) == 0 else {
                throw ArtifactError("cannot create the symlink \(target): \(String(cString: strerror(errno)))")
            }
        }
    }

    static func mkdirAll(_ path: String) {
        var current = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + part
            mkdir(current, 0o755)
        }
    }
}

extension [UInt8] {
    func le16(_ offset: Int) -> UInt16 { UInt16(self[offset]) | UInt16(self[offset + 1]) << 8 }
    func le32(_ offset: Int) -> UInt32 { UInt32(le16(offset)) | UInt32(le16(offset + 2)) << 16 }
}
