import GitLabRunnerAPI

extension JobOutcome.Result {
    /// One line that carries the result from a job pod's supervisor to the agent, through the container's
    /// termination message (Kubernetes keeps up to 4 KiB of `/dev/termination-log` in `terminated.message`):
    /// `success`, `canceled`, `aborted`, or `failed <failure_reason> [exit code]`.
    public var terminationMessage: String {
        switch self {
        case .success: "success"
        case .canceled: "canceled"
        case .aborted: "aborted"
        case .failed(let reason, let exitCode): "failed \(reason.rawValue)" + (exitCode.map { " \($0)" } ?? "")
        }
    }

    /// Reads ``terminationMessage``; `nil` for anything else (an older supervisor, another writer).
    public init?(terminationMessage: String) {
        let words = terminationMessage.split(whereSeparator: \.isWhitespace)
        switch words.first {
        case "success" where words.count == 1: self = .success
        case "canceled" where words.count == 1: self = .canceled
        case "aborted" where words.count == 1: self = .aborted
        case "failed" where words.count == 2 || words.count == 3:
            guard let reason = FailureReason(rawValue: String(words[1])) else { return nil }
            var exitCode: Int32?
            if words.count == 3 {
                guard let code = Int32(words[2]) else { return nil }
                exitCode = code
            }
            self = .failed(reason, exitCode: exitCode)
        default:
            return nil
        }
    }
}
