/// Errors of a streamed response body.
public enum SimulatorHTTPStreamError: Error, Sendable, Equatable {
    /// The connection closed before the chunk could be written.
    case connectionClosed
    /// The producer ended the body on purpose without the terminating chunk.
    case aborted
}
