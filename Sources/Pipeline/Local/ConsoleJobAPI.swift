import Foundation
import GitLabRunnerAPI
import Synchronization

/// The GitLab side of `flywheel exec`: takes trace patches in order and writes their bytes to a
/// file handle (standard output) as they arrive, and keeps the final state. Out-of-order patches
/// get the answer GitLab gives (416 with the length it holds), so the supervisor's exact-offset
/// logic runs unchanged.
public final class ConsoleJobAPI: JobAPI, Sendable {
    private struct State {
        var received: Int64 = 0
        var final: JobUpdate?
    }

    private let state = Mutex(State())
    private let output: FileHandle

    public init(output: FileHandle = .standardOutput) {
        self.output = output
    }

    /// The final update, once the supervisor sent it.
    public var finalUpdate: JobUpdate? { state.withLock { $0.final } }

    /// Bytes of trace written so far.
    public var traceLength: Int64 { state.withLock { $0.received } }

    public func updateJob(id: Int64, jobToken: String, update: JobUpdate) async throws -> JobUpdateResponse {
        state.withLock { state in
            if update.state != .running { state.final = update }
        }
        return .accepted(nil)
    }

    public func patchTrace(id: Int64, jobToken: String, offset: Int64, bytes: [UInt8]) async throws -> TracePatchResponse {
        // Written under the lock, so bytes reach the output in offset order.
        let held = state.withLock { state -> Int64? in
            guard offset == state.received else { return state.received }
            output.write(Data(bytes))
            state.received += Int64(bytes.count)
            return nil
        }
        if let held { return .rangeMismatch(serverLength: held, status: nil) }
        return .appended(serverLength: offset + Int64(bytes.count), status: nil, updateInterval: nil)
    }
}
