extension GitLabSimulator {
    /// The `system_id` GitLab uses for requests that carry none.
    static let legacySystemID = "<legacy>"

    private func registrationDetails(_ runner: SimulatedRunner) -> SimulatedJSON {
        .object([
            "id": .int(runner.id),
            "token": .string(runner.token),
            "token_expires_at": configuration.tokenExpiresAt.map { .string($0) } ?? .null,
        ])
    }

    /// `POST /api/v4/runners`: legacy registration with a registration token.
    func register(_ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        guard let params = RequestParameters(request) else { return .gitLabParameterError("body is not valid JSON") }
        guard let token = params.string("token") else { return .gitLabParameterError("token is missing") }
        guard configuration.registrationTokensEnabled else {
            return .gitLabMessage(410, "410 Gone - runner registration disallowed")
        }
        guard token == configuration.registrationToken else { return .gitLabMessage(403, "403 Forbidden") }
        let runner = mutate { state in
            let tags = Self.tags(params["tag_list"])
            let runner = SimulatedRunner(
                id: state.nextRunnerID,
                token: Self.randomToken(length: 20),
                registeredWithRegistrationToken: true,
                deleted: false,
                tags: tags,
                runUntagged: params["run_untagged"]?.boolValue ?? tags.isEmpty
            )
            state.nextRunnerID += 1
            state.runners.append(runner)
            return runner
        }
        return .gitLabJSON(201, registrationDetails(runner))
    }

    /// `POST /api/v4/runners/verify`: checks the token and creates/updates the runner manager.
    func verify(_ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        guard let params = RequestParameters(request) else { return .gitLabParameterError("body is not valid JSON") }
        guard let token = params.string("token") else { return .gitLabParameterError("token is missing") }
        let refresh = configuration.managerInfoRefreshInterval
        let runner = mutate { state -> SimulatedRunner? in
            guard let runner = state.runner(token: token) else { return nil }
            state.contact(
                runnerID: runner.id,
                systemID: params.string("system_id") ?? Self.legacySystemID,
                info: params["info"],
                refreshInterval: refresh
            )
            return runner
        }
        guard let runner else { return .gitLabMessage(403, "403 Forbidden") }
        return .gitLabJSON(200, registrationDetails(runner))
    }

    /// `DELETE /api/v4/runners`: deletes the whole runner and all its managers.
    func unregister(_ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        guard let params = RequestParameters(request) else { return .gitLabParameterError("body is not valid JSON") }
        guard let token = params.string("token") else { return .gitLabParameterError("token is missing") }
        let deleted = mutate { state -> Bool in
            guard let index = state.runners.firstIndex(where: { $0.token == token && !$0.deleted }) else { return false }
            state.runners[index].deleted = true
            let runnerID = state.runners[index].id
            for manager in state.managers where manager.runnerID == runnerID {
                _ = state.removeManager(runnerID: runnerID, systemID: manager.systemID)
            }
            return true
        }
        return deleted ? SimulatorHTTPResponse(status: 204) : .gitLabMessage(403, "403 Forbidden")
    }

    /// `DELETE /api/v4/runners/managers`: deletes one runner manager.
    func unregisterManager(_ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        guard let params = RequestParameters(request) else { return .gitLabParameterError("body is not valid JSON") }
        guard let token = params.string("token") else { return .gitLabParameterError("token is missing") }
        guard let systemID = params.string("system_id") else { return .gitLabParameterError("system_id is missing") }
        let status = mutate { state -> Int in
            guard let runner = state.runner(token: token) else { return 403 }
            return state.removeManager(runnerID: runner.id, systemID: systemID) ? 204 : 404
        }
        switch status {
        case 204: return SimulatorHTTPResponse(status: 204)
        case 404: return .gitLabMessage(404, "404 Runner manager not found")
        default: return .gitLabMessage(403, "403 Forbidden")
        }
    }

    /// `POST /api/v4/runners/reset_authentication_token`: rotates the runner token.
    func resetToken(_ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        guard let params = RequestParameters(request) else { return .gitLabParameterError("body is not valid JSON") }
        guard let token = params.string("token") else { return .gitLabParameterError("token is missing") }
        let newToken = mutate { state -> String? in
            guard let index = state.runners.firstIndex(where: { $0.token == token && !$0.deleted }) else { return nil }
            let prefix = token.hasPrefix("glrt-") ? "glrt-" : ""
            let rotated = prefix + Self.randomToken(length: 20)
            state.runners[index].token = rotated
            return rotated
        }
        guard let newToken else { return .gitLabMessage(403, "403 Forbidden") }
        return .gitLabJSON(201, [
            "token": .string(newToken),
            "token_expires_at": configuration.tokenExpiresAt.map { .string($0) } ?? .null,
        ])
    }
}
