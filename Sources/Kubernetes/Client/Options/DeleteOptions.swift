/// Options of a delete; sent both as query parameters (as the Python client does) and as the `DeleteOptions`
/// body (as kubectl does), so any server understands them.
public struct DeleteOptions: Sendable, Hashable {
    /// Seconds between SIGTERM and SIGKILL; `0` removes the object at once (containers may linger on the node);
    /// `nil` uses the pod's `terminationGracePeriodSeconds`.
    public var gracePeriodSeconds: Int64?
    /// What happens to dependents (objects whose ownerReferences point here).
    public var propagationPolicy: PropagationPolicy?
    /// Delete only this incarnation (uid) or version; otherwise 409 `Conflict`.
    public var preconditions: DeletePreconditions?
    public var dryRun: Bool

    public init(gracePeriodSeconds: Int64? = nil, propagationPolicy: PropagationPolicy? = .background, preconditions: DeletePreconditions? = nil, dryRun: Bool = false) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.propagationPolicy = propagationPolicy
        self.preconditions = preconditions
        self.dryRun = dryRun
    }

    var queryItems: [(String, String?)] {
        [
            ("gracePeriodSeconds", gracePeriodSeconds.map { String($0) }), ("propagationPolicy", propagationPolicy?.rawValue),
            ("dryRun", dryRun ? "All" : nil),
        ]
    }

    /// The `DeleteOptions` body.
    var body: Body {
        Body(
            gracePeriodSeconds: gracePeriodSeconds, propagationPolicy: propagationPolicy?.rawValue, preconditions: preconditions,
            dryRun: dryRun ? ["All"] : nil
        )
    }

    struct Body: Encodable {
        var apiVersion = "v1"
        var kind = "DeleteOptions"
        var gracePeriodSeconds: Int64?
        var propagationPolicy: String?
        var preconditions: DeletePreconditions?
        var dryRun: [String]?
    }
}
