/// The `state` the runner sends in `PUT /api/v4/jobs/:id`.
public enum JobState: String, Sendable, Equatable, Codable {
    case pending, running, success, failed
}

/// The job's status on the server, read from the `Job-Status` response header.
public enum RemoteJobStatus: Sendable, Equatable {
    case running
    /// Graceful cancel: stop the script, run after_script, then report.
    case canceling
    /// Abort: stop at once, no after_script.
    case canceled
    case failed
    case success
    case other(String)

    public init(header: String) {
        switch header.lowercased() {
        case "running": self = .running
        case "canceling": self = .canceling
        case "canceled": self = .canceled
        case "failed": self = .failed
        case "success": self = .success
        default: self = .other(header)
        }
    }

    /// `canceled` and `failed` mean the server no longer wants this job to run.
    public var isAbort: Bool { self == .canceled || self == .failed }
}
