import Foundation

/// A runner manager (`ci_runner_machines` row): one per runner and `system_id`, created by the
/// first authenticated runner request that carries that `system_id` (`<legacy>` when none).
public struct SimulatedRunnerManager: Sendable, Hashable {
    /// The runner the manager belongs to.
    public var runnerID: Int64
    /// The `system_id` (or `<legacy>`).
    public var systemID: String
    /// The `info` GitLab believes: set by the creating request and refreshed only when the stored
    /// copy is older than ``GitLabSimulatorConfiguration/managerInfoRefreshInterval``.
    public var info: SimulatedJSON?
    /// The `info` of the most recent request from this manager.
    public var lastInfo: SimulatedJSON?
    /// How many requests this manager made.
    public var contacts: Int
    /// When the manager was created.
    public var createdAt: Date

    /// Whether the believed ``info`` advertises `features.<name>: true`.
    public func advertises(_ feature: String) -> Bool {
        info?["features"]?[feature]?.boolValue == true
    }
}
