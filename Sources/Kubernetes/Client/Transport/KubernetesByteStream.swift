import NIOCore

/// A response body as a pull-based sequence of `ByteBuffer` chunks.
///
/// Nothing is buffered ahead: each `next()` asks the underlying source (AsyncHTTPClient's body, which reads from
/// the socket only when asked) for the next chunk, so a slow consumer slows the server down instead of filling
/// memory.
public struct KubernetesByteStream: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    private let makeNext: @Sendable () -> (() async throws -> ByteBuffer?)

    /// Wraps any `Sendable` sequence of byte buffers, e.g. AsyncHTTPClient's `HTTPClientResponse.Body`.
    public init<Base: AsyncSequence & Sendable>(_ base: Base) where Base.Element == ByteBuffer {
        makeNext = {
            let box = AsyncIteratorBox(base.makeAsyncIterator())
            return { try await box.next() }
        }
    }

    /// A body that delivers `chunks` in order; the last element may be an error (a cut connection).
    public init(chunks: [ByteBuffer], thenFail error: (any Error)? = nil) {
        makeNext = {
            let box = ChunkReplay(chunks: chunks, error: error)
            return { try box.next() }
        }
    }

    /// An empty body.
    public static var empty: KubernetesByteStream { KubernetesByteStream(chunks: []) }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(next: makeNext())
    }

    /// Collects at most `limit` bytes.
    ///
    /// - Throws: ``KubernetesClientError`` with code `responseTooLarge` when the body is bigger.
    public func collect(upTo limit: Int, operation: String) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        for try await var chunk in self {
            guard collected.readableBytes + chunk.readableBytes <= limit else {
                throw KubernetesClientError(
                    code: .responseTooLarge, operation: operation,
                    message: "the answer is larger than \(limit) bytes; narrow the request (labelSelector, limit)"
                )
            }
            collected.writeBuffer(&chunk)
        }
        return collected
    }

    /// Iterates the chunks; not `Sendable`, owned by one consumer.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextChunk: () async throws -> ByteBuffer?

        init(next: @escaping () async throws -> ByteBuffer?) {
            nextChunk = next
        }

        public mutating func next() async throws -> ByteBuffer? {
            try await nextChunk()
        }
    }
}
