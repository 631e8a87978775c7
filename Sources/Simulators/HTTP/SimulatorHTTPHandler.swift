/// Turns one request into an action. Called concurrently for different connections;
/// requests on one connection are handled one after the other.
public protocol SimulatorHTTPHandler: Sendable {
    /// Handles a complete request.
    func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPAction
}
