#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file behind a ``TraceBuffer``: appends with the output limit applied, keeps size and CRC-32 of
/// exactly the bytes in the file.
///
/// Not thread-safe by itself: it is `@unchecked Sendable` only so that it can live in
/// ``TraceBuffer``'s mutex, which serialises every access.
final class TraceFile: @unchecked Sendable {
    let path: String
    /// Largest number of job output bytes kept; `nil` for no limit.
    let limit: Int64?
    private var descriptor: Int32
    /// Bytes in the file.
    private(set) var size: Int64 = 0
    /// Output bytes not kept: after the limit, trimmed at the limit, or lost to write errors.
    private(set) var droppedBytes: Int64 = 0
    /// The output limit was reached and the notice written.
    private(set) var limitReached = false
    /// The first write error, if any.
    private(set) var writeFailure: TraceBufferError?
    /// CRC-32 of the file except its last few bytes, which stay in `tail` so a cut at the limit can
    /// still take back the start of an incomplete UTF-8 character.
    private var committed = CRC32()
    private var tail: [UInt8] = []
    private static let tailCapacity = 3

    init(path: String, limit: Int64?) throws(TraceBufferError) {
        self.path = path
        self.limit = limit
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if descriptor < 0 { throw TraceBufferError(operation: "open", path: path, errorNumber: errno) }
    }

    deinit { close() }

    var isOpen: Bool { descriptor >= 0 }

    /// CRC-32 of every byte in the file.
    var checksum: UInt32 {
        var crc = committed
        tail.withUnsafeBytes { crc.update($0) }
        return crc.value
    }

    /// The notice appended once when the limit is reached.
    static func limitNotice(limit: Int64) -> String {
        "\n\u{1b}[33;1mJob's log exceeded limit of \(limit) bytes.\nJob execution will continue but no more output will be collected.\u{1b}[0;m\n"
    }

    /// Appends job output, honouring the limit.
    func append(_ chunk: UnsafeRawBufferPointer) {
        guard isOpen, !chunk.isEmpty else { return }
        if limitReached {
            droppedBytes += Int64(chunk.count)
            return
        }
        guard let limit, size + Int64(chunk.count) > limit else {
            writeRaw(chunk)
            return
        }
        let cut = characterBoundary(atOrBefore: Int(max(0, limit - size)), in: chunk)
        if cut >= 0 {
            writeRaw(UnsafeRawBufferPointer(rebasing: chunk[..<cut]))
            droppedBytes += Int64(chunk.count - cut)
        } else {
            takeBack(-cut)
            droppedBytes += Int64(chunk.count - cut)
        }
        limitReached = true
        var notice = Self.limitNotice(limit: limit)
        notice.withUTF8 { writeRaw(UnsafeRawBufferPointer($0)) }
    }

    /// Reads up to `maxLength` bytes of the file from `offset`.
    func read(from offset: Int64, maxLength: Int) throws(TraceBufferError) -> [UInt8] {
        guard isOpen else { throw TraceBufferError(operation: "read", path: path, errorNumber: 0) }
        guard offset >= 0, offset < size, maxLength > 0 else { return [] }
        let length = Int(min(Int64(maxLength), size - offset))
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            var done = 0
            while done < length {
                let result = pread(descriptor, buffer.baseAddress! + done, length - done, off_t(offset) + off_t(done))
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if result == 0 { break }
                done += result
            }
            initialized = done
        }
        if failure != 0 { throw TraceBufferError(operation: "read", path: path, errorNumber: failure) }
        return bytes
    }

    /// Closes the file; later appends are ignored and reads fail.
    func close() {
        if descriptor >= 0 {
            #if canImport(Glibc)
            _ = Glibc.close(descriptor)
            #else
            _ = Darwin.close(descriptor)
            #endif
            descriptor = -1
        }
    }

    /// Where to cut so that the kept bytes end on a UTF-8 character boundary: an index into `chunk`,
    /// or a negative number `-n` to take back the last `n` bytes already in the file.
    private func characterBoundary(atOrBefore limitIndex: Int, in chunk: UnsafeRawBufferPointer) -> Int {
        func byte(_ index: Int) -> UInt8? {
            if index >= 0 { return chunk[index] }
            let tailIndex = tail.count + index
            return tailIndex >= 0 ? tail[tailIndex] : nil
        }
        func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        // The first byte not kept continues a character: cut before that character's lead byte.
        guard let first = byte(limitIndex), isContinuation(first) else { return limitIndex }
        for back in 1...3 {
            guard let candidate = byte(limitIndex - back) else { return limitIndex }
            if isContinuation(candidate) { continue }
            return candidate >= 0xC0 ? limitIndex - back : limitIndex
        }
        return limitIndex
    }

    /// Removes the last `count` (at most ``tailCapacity``) bytes from the file.
    private func takeBack(_ count: Int) {
        guard count > 0, count <= tail.count else { return }
        if ftruncate(descriptor, off_t(size) - off_t(count)) != 0 {
            if writeFailure == nil { writeFailure = TraceBufferError(operation: "truncate", path: path, errorNumber: errno) }
            return
        }
        size -= Int64(count)
        tail.removeLast(count)
    }

    /// Appends `bytes` at the end of the file, counting exactly what was written.
    private func writeRaw(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var written = 0
        while written < bytes.count {
            let result = pwrite(descriptor, base + written, bytes.count - written, off_t(size) + off_t(written))
            if result < 0 {
                if errno == EINTR { continue }
                if writeFailure == nil { writeFailure = TraceBufferError(operation: "write", path: path, errorNumber: errno) }
                break
            }
            written += result
        }
        if written < bytes.count { droppedBytes += Int64(bytes.count - written) }
        guard written > 0 else { return }
        size += Int64(written)
        track(UnsafeRawBufferPointer(rebasing: bytes[..<written]))
    }

    /// Feeds newly written bytes to the checksum, keeping the last few in `tail`.
    private func track(_ bytes: UnsafeRawBufferPointer) {
        let capacity = Self.tailCapacity
        if bytes.count >= capacity {
            tail.withUnsafeBytes { committed.update($0) }
            committed.update(UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - capacity)]))
            tail = Array(bytes[(bytes.count - capacity)...])
        } else {
            tail.append(contentsOf: bytes)
            let overflow = tail.count - capacity
            if overflow > 0 {
                tail.withUnsafeBytes { committed.update(UnsafeRawBufferPointer(rebasing: $0[..<overflow])) }
                tail.removeFirst(overflow)
            }
        }
    }
}
