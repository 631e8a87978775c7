import Foundation

extension GitLabSimulator {
    /// Entry point for every HTTP request.
    func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPAction {
        if request.path == "/-/sim" || request.path.hasPrefix("/-/sim/") {
            return .respond(await handleAdmin(request))
        }
        let route = RunnerAPIRoute(method: request.method, path: request.path)
        let sequence = mutate { state in
            let sequence = state.requests.count
            state.requests.append(
                RecordedRequest(
                    sequence: sequence,
                    time: Date(),
                    method: request.method,
                    uri: request.uri,
                    path: request.path,
                    query: request.query,
                    headers: request.headers,
                    body: request.body,
                    endpoint: route.endpoint,
                    jobID: route.jobID,
                    responseStatus: nil,
                    fault: nil
                )
            )
            return sequence
        }
        let (action, fault) = await process(request, route: route, sequence: sequence)
        let finalAction: SimulatorHTTPAction
        switch action {
        case .respond(var response):
            response.headers.replaceOrAdd(name: "X-Request-Id", value: Self.randomHex(count: 32))
            finalAction = .respond(response)
        case .resetConnection:
            finalAction = .resetConnection
        }
        mutate { state in
            if case .respond(let response) = finalAction { state.requests[sequence].responseStatus = response.status }
            if let fault { state.requests[sequence].fault = fault }
        }
        return finalAction
    }

    /// Applies a pre-processing fault if one is armed, else dispatches to the endpoint.
    private func process(_ request: SimulatorHTTPRequest, route: RunnerAPIRoute, sequence: Int) async -> (SimulatorHTTPAction, SimulatedFault?) {
        guard let endpoint = route.endpoint else {
            if route == .methodNotAllowed {
                return (.respond(.gitLabMessage(405, "405 Method Not Allowed")), nil)
            }
            return (.respond(.json(404, SimulatedJSON.object(["error": "404 Not Found"]).encoded)), nil)
        }
        let fault = mutate { state in
            state.takeFault(endpoint: endpoint, job: route.jobID) { $0.appliesBeforeProcessing }
        }
        switch fault {
        case .status(let status, let headers, let body):
            return (.respond(SimulatorHTTPResponse(status: status, headers: headers, body: Array(body.utf8))), fault)
        case .reset:
            return (.resetConnection, fault)
        case .lostResponse:
            _ = await dispatch(request, route: route, sequence: sequence)
            return (.resetConnection, fault)
        case .delay(let duration):
            try? await Task.sleep(for: duration)
            return (.respond(await dispatch(request, route: route, sequence: sequence)), fault)
        case .rangeMismatch, .finalUpdateAccepted, nil:
            return (.respond(await dispatch(request, route: route, sequence: sequence)), nil)
        }
    }

    private func dispatch(_ request: SimulatorHTTPRequest, route: RunnerAPIRoute, sequence: Int) async -> SimulatorHTTPResponse {
        switch route {
        case .register: register(request)
        case .verify: verify(request)
        case .unregister: unregister(request)
        case .unregisterManager: unregisterManager(request)
        case .resetToken: resetToken(request)
        case .request: await requestJob(request)
        case .update(let id): updateJob(id, request, sequence: sequence)
        case .trace(let id): patchTrace(id, request, sequence: sequence)
        case .artifactsUpload(let id): uploadArtifact(id, request)
        case .artifactsDownload(let id): downloadArtifact(id, request)
        case .methodNotAllowed: .gitLabMessage(405, "405 Method Not Allowed")
        case .notFound: .json(404, SimulatedJSON.object(["error": "404 Not Found"]).encoded)
        }
    }

    static func randomHex(count: Int) -> String {
        (0..<count).map { _ in String(UInt8.random(in: 0..<16), radix: 16) }.joined()
    }
}
