import Foundation
import Synchronization

/// What the status page shows about jobs: the ones running now and the last 50 that ended.
public final class StatusBoard: Sendable {
    /// A job this agent runs or follows.
    public struct RunningJob: Sendable, Equatable {
        public var id: Int64
        public var runner: String
        public var project: String
        public var name: String
        public var startedAt: Date
    }

    /// A job that ended here.
    public struct FinishedJob: Sendable, Equatable {
        public var id: Int64
        public var runner: String
        public var project: String
        public var name: String
        public var outcome: String
        public var duration: TimeInterval
        public var endedAt: Date
    }

    static let recentLimit = 50
    private let state = Mutex<(running: [Int64: RunningJob], recent: [FinishedJob])>(([:], []))

    /// The revision the agent's Deployment asks for (`flywheel.dev/revision`, written by `flywheel deploy`)
    /// and when it was read; `nil` until read (outside Kubernetes: never).
    private let requested = Mutex<(revision: String?, readAt: Date)?>(nil)

    public init() {}

    /// Records the Deployment's requested revision (`nil`: not readable or not recorded there).
    public func recordRequestedRevision(_ revision: String?, at time: Date = Date()) {
        requested.withLock { $0 = (revision, time) }
    }

    /// The last read of the Deployment's requested revision.
    public var requestedRevision: (revision: String?, readAt: Date)? { requested.withLock { $0 } }

    func started(_ job: RunningJob) {
        state.withLock { $0.running[job.id] = job }
    }

    func finished(id: Int64, outcome: String) {
        state.withLock { state in
            guard let job = state.running.removeValue(forKey: id) else { return }
            let now = Date()
            state.recent.insert(FinishedJob(
                id: id, runner: job.runner, project: job.project, name: job.name, outcome: outcome,
                duration: now.timeIntervalSince(job.startedAt), endedAt: now
            ), at: 0)
            if state.recent.count > Self.recentLimit { state.recent.removeLast() }
        }
    }

    /// Running jobs, oldest first.
    public var running: [RunningJob] { state.withLock { $0.running.values.sorted { $0.startedAt < $1.startedAt } } }

    /// The last 50 finished jobs, newest first.
    public var recent: [FinishedJob] { state.withLock { $0.recent } }
}
