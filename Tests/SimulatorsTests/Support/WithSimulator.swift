import AsyncHTTPClient
import Simulators

/// Runs `body` against a fresh simulator on an ephemeral port and a fresh HTTP client, and
/// tears both down afterwards (also when `body` throws).
func withSimulator(
    _ configure: (inout GitLabSimulatorConfiguration) -> Void = { _ in },
    _ body: (GitLabSimulator, TestClient) async throws -> Void
) async throws {
    var configuration = GitLabSimulatorConfiguration()
    configure(&configuration)
    let simulator = GitLabSimulator(configuration: configuration)
    try await simulator.start()
    let http = HTTPClient()
    let client = TestClient(http: http, baseURL: simulator.baseURL, runnerToken: configuration.runnerToken)
    do {
        try await body(simulator, client)
    } catch {
        try? await http.shutdown()
        await simulator.stop()
        throw error
    }
    try await http.shutdown()
    await simulator.stop()
}
