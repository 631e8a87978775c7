import Foundation
import GitLabRunnerAPI
import Synchronization

/// A scripted GitLab for agent loop tests: hands out queued answers to job requests and records every call.
final class MockGitLab: RunnerAPI, JobAPI, Sendable {
    struct State {
        var requestAnswers: [JobRequestResponse] = []
        var requests = 0
        var updates: [(id: Int64, update: JobUpdate)] = []
        var patches: [(id: Int64, offset: Int64, bytes: [UInt8])] = []
        var acceptStatus: RemoteJobStatus? = .running
        var calls: [String] = []
        var requestWaiters: [CheckedContinuation<Void, Never>] = []
        var finalUpdateWaiters: [Int64: CheckedContinuation<JobUpdate, Never>] = [:]
    }

    let state = Mutex(State())

    func enqueue(_ answer: JobRequestResponse) {
        state.withLock { $0.requestAnswers.append(answer) }
    }

    var calls: [String] { state.withLock { $0.calls } }
    var updates: [(id: Int64, update: JobUpdate)] { state.withLock { $0.updates } }
    var requestCount: Int { state.withLock { $0.requests } }

    /// Waits for the final (success/failed) update of job `id`.
    func finalUpdate(of id: Int64) async -> JobUpdate {
        await withCheckedContinuation { continuation in
            let existing: JobUpdate? = state.withLock { state in
                if let found = state.updates.first(where: { $0.id == id && ($0.update.state == .success || $0.update.state == .failed) }) {
                    return found.update
                }
                state.finalUpdateWaiters[id] = continuation
                return nil
            }
            if let existing { continuation.resume(returning: existing) }
        }
    }

    func verify(runnerToken: String, systemID: String) async throws -> RunnerRegistration {
        RunnerRegistration(id: 1, token: runnerToken, tokenExpiresAt: nil)
    }

    func register(registrationToken: String, options: LegacyRegistrationOptions) async throws -> RunnerRegistration {
        RunnerRegistration(id: 1, token: "glrt-new", tokenExpiresAt: nil)
    }

    func unregisterRunner(runnerToken: String) async throws {}
    func unregisterManager(runnerToken: String, systemID: String) async throws {}

    func requestJob(runnerToken: String, systemID: String, lastUpdate: String?) async throws -> JobRequestResponse {
        let answer: JobRequestResponse? = state.withLock { state in
            state.requests += 1
            state.calls.append("request")
            return state.requestAnswers.isEmpty ? nil : state.requestAnswers.removeFirst()
        }
        if let answer { return answer }
        // Nothing queued: behave like a long poll that never ends (until the agent cancels it on drain).
        try await Task.sleep(for: .seconds(3600))
        return .noJob(lastUpdate: lastUpdate)
    }

    func updateJob(id: Int64, jobToken: String, update: JobUpdate) async throws -> JobUpdateResponse {
        let (status, waiter): (RemoteJobStatus?, CheckedContinuation<JobUpdate, Never>?) = state.withLock { state in
            state.updates.append((id, update))
            state.calls.append("update:\(id):\(update.state.rawValue)")
            let isFinal = update.state == .success || update.state == .failed
            return (state.acceptStatus, isFinal ? state.finalUpdateWaiters.removeValue(forKey: id) : nil)
        }
        waiter?.resume(returning: update)
        return .accepted(status)
    }

    func patchTrace(id: Int64, jobToken: String, offset: Int64, bytes: [UInt8]) async throws -> TracePatchResponse {
        state.withLock { state in
            state.patches.append((id, offset, bytes))
            state.calls.append("patch:\(id)")
        }
        return .appended(serverLength: offset + Int64(bytes.count), status: .running, updateInterval: nil)
    }
}

extension JobPayload {
    static func test(_ id: Int64) -> JobPayload {
        JobPayload(id: id, token: "glcbt-job-\(id)", steps: [JobStep(name: "script", script: ["true"])])
    }
}
