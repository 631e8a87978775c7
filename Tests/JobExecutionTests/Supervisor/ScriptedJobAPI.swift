import GitLabRunnerAPI
import Synchronization

/// A `JobAPI` that holds the server's trace and answers each call from a script of overrides.
final class ScriptedJobAPI: JobAPI, Sendable {
    struct State {
        var serverTrace: [UInt8] = []
        var patches: [(offset: Int64, count: Int)] = []
        var updates: [JobUpdate] = []
        var patchOverrides: [TracePatchResponse?] = []
        var updateOverrides: [JobUpdateResponse] = []
        /// Appends before answering with the override (a lost response after the append).
        var appendThenFail = 0
        var statusOnPatch: RemoteJobStatus? = .running
    }

    let state = Mutex(State())

    func patchTrace(id: Int64, jobToken: String, offset: Int64, bytes: [UInt8]) async throws -> TracePatchResponse {
        try state.withLock { state in
            state.patches.append((offset, bytes.count))
            if state.appendThenFail > 0, Int(offset) == state.serverTrace.count {
                state.appendThenFail -= 1
                state.serverTrace += bytes
                throw GitLabAPIError(operation: "PATCH", message: "connection reset after the append")
            }
            if !state.patchOverrides.isEmpty, let override = state.patchOverrides.removeFirst() {
                return override
            }
            guard Int(offset) == state.serverTrace.count else {
                return .rangeMismatch(serverLength: Int64(state.serverTrace.count), status: state.statusOnPatch)
            }
            state.serverTrace += bytes
            return .appended(serverLength: Int64(state.serverTrace.count), status: state.statusOnPatch, updateInterval: nil)
        }
    }

    func updateJob(id: Int64, jobToken: String, update: JobUpdate) async throws -> JobUpdateResponse {
        state.withLock { state in
            state.updates.append(update)
            return state.updateOverrides.isEmpty ? .accepted(.running) : state.updateOverrides.removeFirst()
        }
    }
}
