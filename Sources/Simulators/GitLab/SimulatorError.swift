/// Errors thrown by the simulators' Swift API.
public enum SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The listening socket could not be opened.
    case bindFailed(host: String, port: Int, reason: String)
    /// ``GitLabSimulator/start(host:port:)`` was called twice.
    case alreadyStarted
    /// A wait ended because its time limit passed.
    case timedOut(waitingFor: String)
    /// A wait ended because the simulator stopped.
    case stopped
    /// A wait ended because its task was cancelled.
    case cancelled
    /// No job has this id.
    case unknownJob(Int64)
    /// A job payload (or fault spec) was not acceptable.
    case invalidPayload(String)

    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason): "could not listen on \(host):\(port): \(reason)"
        case .alreadyStarted: "the simulator is already started"
        case .timedOut(let what): "timed out waiting for \(what)"
        case .stopped: "the simulator stopped"
        case .cancelled: "the wait was cancelled"
        case .unknownJob(let id): "no job \(id)"
        case .invalidPayload(let reason): "invalid payload: \(reason)"
        }
    }
}
