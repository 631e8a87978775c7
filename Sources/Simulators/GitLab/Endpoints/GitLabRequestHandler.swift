/// Connects the HTTP server to a ``GitLabSimulator``.
struct GitLabRequestHandler: SimulatorHTTPHandler {
    let simulator: GitLabSimulator

    func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPAction {
        await simulator.handle(request)
    }
}
