/// What the in-pod supervisor needs besides the job payload; stored as `runner.json` in the job's Secret.
public struct PodJobSettings: Codable, Sendable, Equatable {
    /// GitLab's URL (the runner's `url`).
    public var serverURL: String
    public var runnerName: String
    /// Short runner token, for the trace header (never the token).
    public var runnerShortToken: String
    public var systemID: String
    public var outputLimitKiB: Int

    public init(serverURL: String, runnerName: String, runnerShortToken: String, systemID: String, outputLimitKiB: Int) {
        self.serverURL = serverURL
        self.runnerName = runnerName
        self.runnerShortToken = runnerShortToken
        self.systemID = systemID
        self.outputLimitKiB = outputLimitKiB
    }
}
