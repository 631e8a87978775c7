/// A response body produced while it is sent: the server writes the head with
/// `Transfer-Encoding: chunked`, then runs ``produce`` with a writer for the chunks.
///
/// - When ``produce`` returns, the server sends the terminating chunk (a clean end of the body)
///   and the connection may be kept alive.
/// - When it throws, the server closes the connection without the terminating chunk, so the
///   peer sees a truncated body (used to simulate cut streams).
/// - When the peer closes the connection, the task running ``produce`` is cancelled and
///   writes throw.
public struct SimulatorHTTPBodyStream: Sendable {
    /// Writes the body; see the type's documentation for how it ends.
    public var produce: @Sendable (SimulatorHTTPBodyWriter) async throws -> Void

    /// Creates a streamed body.
    public init(_ produce: @escaping @Sendable (SimulatorHTTPBodyWriter) async throws -> Void) {
        self.produce = produce
    }
}
