/// A request to the watcher's socket: one JSON object on one line.
///
/// - `{"command":"enqueue","paths":[…],"drv":"…"}` queues paths (the watcher resolves
///   `drv`'s outputs when `paths` is empty);
/// - `{"command":"flush","timeout":300}` waits until the queue is empty;
/// - `{"command":"status"}` returns the counters.
public struct HookMessage: Codable, Sendable, Hashable {
    /// The commands.
    public enum Command: String, Codable, Sendable {
        case enqueue
        case flush
        case status
    }

    /// What to do.
    public var command: Command
    /// Store paths to queue.
    public var paths: [String]?
    /// The derivation whose outputs to queue when `paths` is empty (Nix 2.8 leaves
    /// `OUT_PATHS` empty).
    public var drv: String?
    /// Seconds a flush may wait.
    public var timeout: Double?

    /// Creates a message.
    public init(command: Command, paths: [String]? = nil, drv: String? = nil, timeout: Double? = nil) {
        self.command = command
        self.paths = paths
        self.drv = drv
        self.timeout = timeout
    }
}
