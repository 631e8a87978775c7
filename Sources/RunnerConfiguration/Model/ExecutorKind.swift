/// The executor a runner uses to run jobs (`executor` in `[[runners]]`).
public enum ExecutorKind: String, Sendable, CaseIterable {
    /// Runs job scripts with a local shell on the agent's host.
    case shell
    /// Runs each job in a Kubernetes pod. Accepted by the configuration now;
    /// its settings (`[runners.kubernetes]`) arrive with the executor.
    case kubernetes
}
