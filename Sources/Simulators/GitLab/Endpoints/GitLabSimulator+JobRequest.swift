import Foundation
import Synchronization

extension GitLabSimulator {
    /// `POST /api/v4/jobs/request`, as Workhorse and Rails answer it together.
    ///
    /// Workhorse (when ``GitLabSimulatorConfiguration/longPollTimeout`` > 0): adds
    /// `Gitlab-Ci-Builds-Polling: yes`; rejects bodies of 32 KiB or more with 413; if the body is
    /// JSON (by content type) with a `token` and `last_update` and that runner's queue value still
    /// equals `last_update`, holds the request until the value changes or the time limit passes
    /// and answers 204 *without* `X-GitLab-Last-Update`. Otherwise Rails: 400 without `token`,
    /// 403 for an unknown token, the manager is created/updated, 204 with
    /// `X-GitLab-Last-Update: <last_update>` when it is current, 201 with the job, or 204 with
    /// the current queue value.
    func requestJob(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPResponse {
        var headers = SimulatorHTTPHeaders()
        let workhorse = configuration.longPollTimeout > .zero
        if workhorse { headers.add(name: "Gitlab-Ci-Builds-Polling", value: "yes") }
        if request.body.count >= configuration.maximumJobRequestBodySize {
            return .text(413, "413 Request Entity Too Large\n", headers: headers)
        }

        if workhorse,
            RequestParameters.isJSON(request.headers["Content-Type"] ?? ""),
            let body = try? SimulatedJSON(parsing: request.body),
            let token = body["token"]?.stringValue, !token.isEmpty,
            let lastUpdate = body["last_update"]?.stringValue, !lastUpdate.isEmpty,
            state.withLock({ $0.queueValue(forToken: token) }) == lastUpdate
        {
            do {
                _ = try await wait(for: "a queue change", timeout: configuration.longPollTimeout, isLongPoll: true) {
                    state in state.queueValue(forToken: token) != lastUpdate ? .signalled : nil
                }
            } catch {
                // Timed out (or the simulator stopped): Workhorse answers 204 all the same.
            }
            return SimulatorHTTPResponse(status: 204, headers: headers)
        }

        guard let params = RequestParameters(request) else {
            return .gitLabParameterError("body is not valid JSON", headers: headers)
        }
        guard let token = params.string("token") else {
            return .gitLabParameterError("token is missing", headers: headers)
        }
        let systemID = params.string("system_id") ?? Self.legacySystemID
        let info = params["info"]
        let twoPhase = info?["features"]?["two_phase_job_commit"]?.boolValue == true
        let lastUpdate = params.string("last_update")
        let refresh = configuration.managerInfoRefreshInterval
        let serverURL = configuration.externalURL ?? baseURL

        enum Answer: Sendable {
            case forbidden
            case noJob(lastUpdate: String)
            case job(SimulatedJSON)
        }
        let answer = mutate { state -> Answer in
            guard let runner = state.runner(token: token) else { return .forbidden }
            state.contact(runnerID: runner.id, systemID: systemID, info: info, refreshInterval: refresh)
            if let lastUpdate, lastUpdate == state.queueVersion {
                return .noJob(lastUpdate: lastUpdate)
            }
            guard let index = state.queue.firstIndex(where: { state.jobs[$0].map { runner.takes(jobTags: $0.tags) } ?? false }),
                  var job = state.jobs[state.queue.remove(at: index)]
            else {
                return .noJob(lastUpdate: state.queueVersion)
            }
            let payload = JobPayloadBuilder.payload(id: job.id, token: job.token, given: job.payload, serverURL: serverURL)
            job.deliveredPayload = payload
            job.assigned = true
            job.assignedAt = Date()
            job.runnerID = runner.id
            job.systemID = systemID
            job.twoPhaseCommit = twoPhase
            if !twoPhase {
                job.acknowledged = true
                job.state = .running
            }
            state.jobs[job.id] = job
            return .job(payload)
        }
        switch answer {
        case .forbidden:
            return .gitLabMessage(403, "403 Forbidden", headers: headers)
        case .noJob(let value):
            headers.add(name: "X-GitLab-Last-Update", value: value)
            return SimulatorHTTPResponse(status: 204, headers: headers)
        case .job(let payload):
            return .gitLabJSON(201, payload, headers: headers)
        }
    }
}
