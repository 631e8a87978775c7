import Simulators

/// Answers with the request's method, path and body length.
struct EchoHandler: SimulatorHTTPHandler {
    func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPAction {
        if request.path == "/reset" { return .resetConnection }
        return .respond(.text(200, "\(request.method) \(request.path) \(request.body.count) \(request.queryValue("q") ?? "-")"))
    }
}
