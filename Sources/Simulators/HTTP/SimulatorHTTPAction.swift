/// What the server does with a request once its handler has run.
public enum SimulatorHTTPAction: Sendable {
    /// Send this response (the connection stays open when the client allows keep-alive).
    case respond(SimulatorHTTPResponse)
    /// Drop the connection without answering: the socket is closed with `SO_LINGER` 0, so the
    /// peer sees a TCP reset. Used for fault injection.
    case resetConnection
}
