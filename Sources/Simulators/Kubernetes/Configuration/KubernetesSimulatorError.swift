/// Errors of the ``KubernetesSimulator`` Swift API (starting uses ``SimulatorError``).
public enum KubernetesSimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No such object.
    case notFound(String)
    /// An argument (image map, object, fault) was not acceptable.
    case invalid(String)
    /// The simulated API server refused the operation with this `Status`.
    case api(code: Int, reason: String, message: String)
    /// A wait ended because its time limit passed.
    case timedOut(String)
    /// The simulator stopped.
    case stopped
    /// A TLS helper failed (e.g. `openssl` is missing).
    case tls(String)

    public var description: String {
        switch self {
        case .notFound(let what): "not found: \(what)"
        case .invalid(let why): "invalid: \(why)"
        case .api(let code, let reason, let message): "\(code) \(reason): \(message)"
        case .timedOut(let what): "timed out waiting for \(what)"
        case .stopped: "the simulator stopped"
        case .tls(let why): "TLS: \(why)"
        }
    }
}
