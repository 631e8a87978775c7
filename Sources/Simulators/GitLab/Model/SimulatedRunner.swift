/// A runner the simulator knows (the configured one, or one registered through `POST /runners`).
public struct SimulatedRunner: Sendable, Hashable {
    /// The runner id.
    public var id: Int64
    /// The runner authentication token.
    public var token: String
    /// Whether it was created by legacy registration with a registration token.
    public var registeredWithRegistrationToken: Bool
    /// Whether `DELETE /api/v4/runners` deleted it.
    public var deleted: Bool
    /// The runner's tags: it takes a tagged job only when it has every tag of the job.
    public var tags: [String] = []
    /// Whether it takes jobs without tags (GitLab's default: only when it has no tags).
    public var runUntagged: Bool = true

    /// Whether GitLab would hand this runner a job with `jobTags` (`Ci::Runner#matches_build?`).
    func takes(jobTags: [String]) -> Bool {
        jobTags.isEmpty ? runUntagged : Set(jobTags).isSubset(of: Set(tags))
    }
}
