import Simulators
import Testing

/// Runs `body` with `agent` and `simulator`, then stops both; a failure also records the agent's log.
func running(
    _ agent: AgentProcess, against simulator: GitLabSimulator,
    _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch {
        Issue.record("agent log:\n\(agent.log)")
        await agent.stop()
        await simulator.stop()
        throw error
    }
    await agent.stop()
    await simulator.stop()
}
