/// A job's status on the simulated server; the raw value is what `Job-Status` carries.
public enum SimulatedJobState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Queued, or handed to a runner that has not acknowledged it yet (two-phase commit).
    case pending
    /// Running on a runner.
    case running
    /// Graceful cancel requested; waiting for the runner's final update.
    case canceling
    /// Canceled (hard cancel, or the final update of a canceling job).
    case canceled
    /// Finished successfully.
    case success
    /// Finished with a failure.
    case failed

    /// `success`, `failed` and `canceled` are final.
    public var isFinal: Bool {
        self == .success || self == .failed || self == .canceled
    }
}
