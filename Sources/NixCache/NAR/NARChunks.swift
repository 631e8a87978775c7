import NIOCore

/// The NAR of a path as a pull-based `AsyncSequence` of `ByteBuffer` chunks; made by
/// ``NARWriter/chunks(path:chunkSize:)``. Each iteration reads the tree afresh.
public struct NARChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    public typealias Failure = NARError

    /// The path being archived.
    public let path: String
    /// Size of every chunk but the last.
    public let chunkSize: Int

    init(path: String, chunkSize: Int) {
        self.path = path
        self.chunkSize = chunkSize
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(path: path, chunkSize: chunkSize)
    }

    /// Reads the next chunk on each `next()`.
    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Element = ByteBuffer
        public typealias Failure = NARError

        private let path: String
        private let chunkSize: Int
        private var serializer: NARSerializer?
        private var done = false
        private let allocator = ByteBufferAllocator()

        init(path: String, chunkSize: Int) {
            self.path = path
            self.chunkSize = chunkSize
        }

        public mutating func next() async throws(NARError) -> ByteBuffer? {
            try nextChunk()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(NARError) -> ByteBuffer? {
            try nextChunk()
        }

        private mutating func nextChunk() throws(NARError) -> ByteBuffer? {
            if done { return nil }
            guard chunkSize > 0 else {
                done = true
                throw .invalidChunkSize(chunkSize)
            }
            if Task.isCancelled {
                done = true
                serializer = nil
                throw .cancelled
            }
            let source: NARSerializer
            if let existing = serializer {
                source = existing
            } else {
                source = NARSerializer(path: path)
                serializer = source
            }
            var buffer = allocator.buffer(capacity: chunkSize)
            var failure: NARError?
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: chunkSize) { space in
                do throws(NARError) {
                    return try source.fill(UnsafeMutableRawBufferPointer(rebasing: space[0..<chunkSize]))
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure {
                done = true
                serializer = nil
                throw failure
            }
            if buffer.readableBytes < chunkSize {
                done = true
                serializer = nil
            }
            return buffer.readableBytes == 0 ? nil : buffer
        }
    }
}
