import Synchronization

/// Entry point of every HTTP request: admin calls under `/_sim/`, then recording, injected
/// faults, bearer-token authentication, and the REST layer.
struct KubernetesRequestHandler: SimulatorHTTPHandler {
    let simulator: KubernetesSimulator

    func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPAction {
        if request.path == "/_sim" || request.path.hasPrefix("/_sim/") {
            return .respond(await simulator.admin(request))
        }
        let sequence = simulator.record(request)
        let (delay, failure) = simulator.faults.withLock { $0.take(method: request.method, path: request.path) }
        if let delay {
            simulator.noteFault(sequence, "delay")
            try? await Task.sleep(for: delay)
        }
        switch failure {
        case .reset:
            simulator.noteFault(sequence, "reset")
            return .resetConnection
        case .status(let code, let retryAfter):
            simulator.noteFault(sequence, "status \(code)")
            let response = KubernetesAPIError.injected(code: code, retryAfter: retryAfter).response
            simulator.finish(sequence, status: response.status)
            return .respond(response)
        case .delay, nil:
            break
        }
        guard simulator.isAuthorized(request) else {
            simulator.finish(sequence, status: 401)
            return .respond(KubernetesAPIError.unauthorized.response)
        }
        let response = await simulator.api.handle(request)
        simulator.finish(sequence, status: response.status)
        return .respond(response)
    }
}
