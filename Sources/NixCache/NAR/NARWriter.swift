/// Serializes a file-system path as a Nix archive (NAR), byte-identical to
/// `nix-store --dump`, streaming in fixed-size chunks.
///
/// - Regular files carry only their contents and the owner-execute bit; symlinks carry
///   their target (never followed); directory entries are written in byte order of their
///   names. No timestamps, owners or other permission bits.
/// - The root may be a directory, a regular file or a symlink.
/// - Sockets, FIFOs and devices are refused with ``NARError/unsupportedFileType(path:type:)``.
/// - Memory is one chunk buffer plus one directory listing per nesting level, whatever the
///   file sizes; file contents are read straight into the chunk buffer.
///
/// Reads are blocking system calls of at most one chunk each. Run large streams from a
/// task whose executor may block briefly (for example under `withTaskExecutorPreference`)
/// if the cooperative pool must never wait on disk.
public enum NARWriter {
    /// One MiB, the default chunk size.
    public static let defaultChunkSize = 1 << 20

    /// Streams the NAR of `path` to `consumer`, one chunk at a time.
    ///
    /// Every chunk but the last is exactly `chunkSize` bytes. The buffer passed to
    /// `consumer` is only valid during the call and is reused for the next chunk: copy
    /// what must outlive it. Put a ``NARHasher`` in the consumer to get `NarHash`/`NarSize`.
    /// Runs on the caller's actor (`nonisolated(nonsending)`), so the consumer may touch its state.
    ///
    /// - Throws: ``NARError`` naming the path that could not be read, wrapping the
    ///   consumer's error in ``NARError/consumerFailed(_:)``, or ``NARError/cancelled``.
    public nonisolated(nonsending) static func stream(
        path: String,
        chunkSize: Int = defaultChunkSize,
        into consumer: nonisolated(nonsending) (UnsafeRawBufferPointer) async throws -> Void
    ) async throws(NARError) {
        guard chunkSize > 0 else { throw .invalidChunkSize(chunkSize) }
        let serializer = NARSerializer(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            if Task.isCancelled { throw .cancelled }
            let count = try serializer.fill(buffer)
            if count == 0 { return }
            do {
                try await consumer(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            } catch {
                throw .consumerFailed(error)
            }
            if count < chunkSize { return }
        }
    }

    /// The NAR of `path` as a pull-based sequence of `ByteBuffer`s: nothing is read until
    /// the consumer asks for the next chunk, so a slow upload slows the reading down.
    /// Suitable as a streaming HTTP request body.
    ///
    /// Every chunk but the last is exactly `chunkSize` bytes. A `chunkSize` below 1 makes
    /// the first `next()` throw ``NARError/invalidChunkSize(_:)``.
    public static func chunks(path: String, chunkSize: Int = defaultChunkSize) -> NARChunks {
        NARChunks(path: path, chunkSize: chunkSize)
    }
}
