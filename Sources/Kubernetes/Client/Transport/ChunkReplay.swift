import NIOCore

/// Replays fixed chunks, then an optional error: the body of ``KubernetesByteStream/init(chunks:thenFail:)``.
final class ChunkReplay {
    private var chunks: ArraySlice<ByteBuffer>
    private var error: (any Error)?

    init(chunks: [ByteBuffer], error: (any Error)?) {
        self.chunks = chunks[...]
        self.error = error
    }

    func next() throws -> ByteBuffer? {
        if let chunk = chunks.popFirst() { return chunk }
        if let error {
            self.error = nil
            throw error
        }
        return nil
    }
}
