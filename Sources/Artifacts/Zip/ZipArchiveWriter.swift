import CZlib
import Glibc

/// Writes a zip archive from files on disk, streaming: each file is read, CRC-32'd and deflated in
/// 64 KiB chunks straight into the archive (data descriptors carry sizes and CRC after the data), so
/// memory stays constant whatever the file sizes. Unix modes and symlinks are kept, as GitLab's
/// runner keeps them. Archives past the zip32 limits (4 GiB per entry or archive, 65,535 entries)
/// are refused with an error rather than written wrong.
public final class ZipArchiveWriter {
    private struct CentralRecord {
        var name: [UInt8]
        var method: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var size: UInt64
        var mode: UInt32
        var offset: UInt64
    }

    private let writer: FileDescriptorWriter
    private let compressionLevel: Int32
    private var records: [CentralRecord] = []
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// Creates `path` (truncating it). `compressionLevel` is zlib's (0 stores, 1–9 deflate).
    public init(path: String, compressionLevel: Int32 = 6) throws(ArtifactError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ArtifactError("cannot create \(path): \(String(cString: strerror(errno)))") }
        writer = FileDescriptorWriter(descriptor: descriptor)
        self.compressionLevel = compressionLevel
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        dosTime = UInt16((parts.tm_hour << 11) | (parts.tm_min << 5) | (parts.tm_sec / 2))
        dosDate = UInt16(((max(parts.tm_year - 80, 0)) << 9) | ((parts.tm_mon + 1) << 5) | parts.tm_mday)
    }

    deinit { close(writer.descriptor) }

    /// Adds the file, directory or symlink at `source` as `name` (`/`-separated, relative).
    public func add(name: String, source: String) throws {
        var info = stat()
        guard lstat(source, &info) == 0 else { throw ArtifactError("cannot read \(source): \(String(cString: strerror(errno)))") }
        let mode = UInt32(info.st_mode)
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            try addEntry(name: name.hasSuffix("/") ? name : name + "/", mode: mode, method: 0) { _ throws in }
        case S_IFLNK:
            var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(source, &target, target.count - 1)
            guard length >= 0 else { throw ArtifactError("cannot read the link \(source)") }
            let bytes = target[0..<length].map { UInt8(bitPattern: $0) }
            try addEntry(name: name, mode: mode, method: 0) { (emit: (UnsafeRawBufferPointer) throws -> Void) throws in
                try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in try emit(raw) }
            }
        case S_IFREG:
            let descriptor = open(source, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ArtifactError("cannot open \(source): \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            try addEntry(name: name, mode: mode, method: compressionLevel == 0 ? 0 : 8) { (emit: (UnsafeRawBufferPointer) throws -> Void) throws in
                var chunk = [UInt8](repeating: 0, count: 64 * 1024)
                while true {
                    let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw ArtifactError("cannot read \(source): \(String(cString: strerror(errno)))")
                    }
                    if count == 0 { return }
                    try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in try emit(UnsafeRawBufferPointer(rebasing: raw[0..<count])) }
                }
            }
        default:
            throw ArtifactError("\(source) is not a regular file, directory or symlink")
        }
    }

    /// Writes one entry: local header, the data `produce` emits (deflated for method 8), data descriptor.
    private func addEntry(
        name: String, mode: UInt32, method: UInt16,
        produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        guard records.count < 0xFFFF else { throw ArtifactError("more than 65,535 entries: too many files for a zip32 archive") }
        let nameBytes = Array(name.utf8)
        let offset = writer.offset
        var header: [UInt8] = []
        header.appendLittleEndian(UInt32(0x0403_4b50))
        header.appendLittleEndian(UInt16(20))
        header.appendLittleEndian(UInt16(0x0808))  // data descriptor, UTF-8 names
        header.appendLittleEndian(method)
        header.appendLittleEndian(dosTime)
        header.appendLittleEndian(dosDate)
        header.appendLittleEndian(UInt32(0))
        header.appendLittleEndian(UInt32(0))
        header.appendLittleEndian(UInt32(0))
        header.appendLittleEndian(UInt16(nameBytes.count))
        header.appendLittleEndian(UInt16(0))
        header += nameBytes
        try writer.write(header)

        var crc = crc32(0, nil, 0)
        var size: UInt64 = 0
        var compressed: UInt64 = 0
        let writer = self.writer
        let deflater = method == 8 ? try RawDeflate(.compress(level: compressionLevel)) : nil
        try produce { (bytes: UnsafeRawBufferPointer) throws in
            crc = crc32(crc, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(bytes.count))
            size += UInt64(bytes.count)
            if let deflater {
                try deflater.process(bytes, finish: false) { (out: UnsafeRawBufferPointer) throws in
                    compressed += UInt64(out.count)
                    try writer.write(out)
                }
            } else {
                compressed += UInt64(bytes.count)
                try writer.write(bytes)
            }
        }
        if let deflater {
            try deflater.process(UnsafeRawBufferPointer(start: nil, count: 0), finish: true) { (out: UnsafeRawBufferPointer) throws in
                compressed += UInt64(out.count)
                try writer.write(out)
            }
        }
        guard size < 0xFFFF_FFFF, compressed < 0xFFFF_FFFF else {
            throw ArtifactError("\(name) is 4 GiB or more: zip64 archives are not supported yet")
        }
        var descriptor: [UInt8] = []
        descriptor.appendLittleEndian(UInt32(0x0807_4b50))
        descriptor.appendLittleEndian(UInt32(crc))
        descriptor.appendLittleEndian(UInt32(compressed))
        descriptor.appendLittleEndian(UInt32(size))
        try writer.write(descriptor)
        records.append(CentralRecord(name: nameBytes, method: method, crc: UInt32(crc), compressedSize: compressed, size: size, mode: mode, offset: offset))
    }

    /// Writes the central directory and closes the archive. Returns the archive's size.
    @discardableResult
    public func finish() throws -> UInt64 {
        let start = writer.offset
        guard start < 0xFFFF_FFFF else { throw ArtifactError("the archive is 4 GiB or more: zip64 archives are not supported yet") }
        for record in records {
            var entry: [UInt8] = []
            entry.appendLittleEndian(UInt32(0x0201_4b50))
            entry.appendLittleEndian(UInt16(3 << 8 | 20))  // made by Unix, zip 2.0
            entry.appendLittleEndian(UInt16(20))
            entry.appendLittleEndian(UInt16(0x0808))
            entry.appendLittleEndian(record.method)
            entry.appendLittleEndian(dosTime)
            entry.appendLittleEndian(dosDate)
            entry.appendLittleEndian(record.crc)
            entry.appendLittleEndian(UInt32(record.compressedSize))
            entry.appendLittleEndian(UInt32(record.size))
            entry.appendLittleEndian(UInt16(record.name.count))
            entry.appendLittleEndian(UInt16(0))
            entry.appendLittleEndian(UInt16(0))
            entry.appendLittleEndian(UInt16(0))
            entry.appendLittleEndian(UInt16(0))
            entry.appendLittleEndian(record.mode << 16)
            entry.appendLittleEndian(UInt32(record.offset))
            entry += record.name
            try writer.write(entry)
        }
        let size = writer.offset - start
        var end: [UInt8] = []
        end.appendLittleEndian(UInt32(0x0605_4b50))
        end.appendLittleEndian(UInt16(0))
        end.appendLittleEndian(UInt16(0))
        end.appendLittleEndian(UInt16(records.count))
        end.appendLittleEndian(UInt16(records.count))
        end.appendLittleEndian(UInt32(size))
        end.appendLittleEndian(UInt32(start))
        end.appendLittleEndian(UInt16(0))
        try writer.write(end)
        try writer.flush()
        return writer.offset
    }

    /// Entries written so far.
    public var entryCount: Int { records.count }
}
