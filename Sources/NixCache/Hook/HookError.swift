/// Why talking to the watcher's socket failed.
public enum HookError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing listens on the socket (no `flywheel cache watch` running).
    case noWatcher(socket: String, reason: String)
    /// The socket path does not fit a `sockaddr_un` (108 bytes).
    case socketPathTooLong(String)
    /// Sending or receiving failed.
    case io(socket: String, reason: String)
    /// The watcher's answer was not a reply.
    case badReply(socket: String, text: String)
    /// The listening socket could not be created.
    case cannotListen(socket: String, reason: String)

    public var description: String {
        switch self {
        case .noWatcher(let socket, let reason):
            return "no cache watcher at \(socket) (\(reason)); start 'flywheel cache watch --socket \(socket)'"
        case .socketPathTooLong(let path):
            return "socket path '\(path)' is longer than the 107 bytes a Unix socket path may have; use a shorter --socket"
        case .io(let socket, let reason):
            return "talking to the cache watcher at \(socket) failed: \(reason)"
        case .badReply(let socket, let text):
            return "the cache watcher at \(socket) answered something unexpected: \(text.prefix(200))"
        case .cannotListen(let socket, let reason):
            return "cannot listen on \(socket): \(reason)"
        }
    }
}
