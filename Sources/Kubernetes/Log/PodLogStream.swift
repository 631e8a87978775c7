import NIOCore

/// A container's log as a pull-based sequence of `ByteBuffer` chunks (`GET …/pods/{pod}/log`, notes §1.5).
///
/// Semantics with ``LogOptions/follow`` and ``LogOptions/resume`` (the defaults):
/// - The first request fails with ``KubernetesError`` like the API does: 400 while the container is still
///   waiting to start (wait until a watch shows it running or terminated), 404 when the pod does not exist.
/// - The log is always requested with `timestamps=true`; the timestamps are stripped unless
///   ``LogOptions/timestamps`` asks for them.
/// - When the stream ends or breaks, the pod is read: while the container runs, the log is requested again with
///   `sinceTime` = the last line's second, and lines (or the part of a line) already delivered are dropped by
///   timestamp and count, so nothing is repeated or lost. When the container has terminated, one last request
///   collects anything the cut stream missed; its end is the end of the sequence. When the pod is gone (404) the
///   sequence ends.
/// - With `resume: false`, `follow: false` or `limitBytes`, the body is passed through as the server sends it and
///   the sequence ends with it.
///
/// Chunks are slices of what the server sent: no line is buffered whole, and the body is read only as fast as the
/// consumer asks. Stopping the iteration closes the connection.
public struct PodLogStream: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    private let makeNext: @Sendable () -> (() async throws -> ByteBuffer?)

    init(client: KubernetesClient, pod: String, container: String, namespace: String, options: LogOptions) {
        makeNext = {
            let follower = LogFollower(client: client, pod: pod, container: container, namespace: namespace, options: options)
            return { try await follower.next() }
        }
    }

    /// A log delivering what `chunks` delivers, for mocks of ``KubernetesAPI``.
    public init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) where Chunks.Element == ByteBuffer {
        let stream = KubernetesByteStream(chunks)
        makeNext = {
            var iterator = stream.makeAsyncIterator()
            return { try await iterator.next() }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(next: makeNext())
    }

    /// Iterates the chunks; owned by one consumer.
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
