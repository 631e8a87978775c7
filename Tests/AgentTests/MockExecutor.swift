import Executors
import GitLabRunnerAPI
import JobExecution
import Synchronization

/// An executor whose jobs run until the test releases them (or the agent interrupts them).
final class MockExecutor: JobExecutor, Sendable {
    struct State {
        var started: [Int64] = []
        var running = 0
        var maximumRunning = 0
        var releases: [Int64: CheckedContinuation<Void, Never>] = [:]
        var released: Set<Int64> = []
        var startWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var interrupted: [Int64] = []
    }

    let state = Mutex(State())
    let recordCall: @Sendable (String) -> Void

    let recoverable: [Int64]

    init(recoverable: [Int64] = [], recordCall: @escaping @Sendable (String) -> Void = { _ in }) {
        self.recoverable = recoverable
        self.recordCall = recordCall
    }

    func recover() async -> [RecoveredJob] {
        recoverable.map { id in RecoveredJob(jobID: id) { control in await self.run(.test(id), control: control) } }
    }

    var started: [Int64] { state.withLock { $0.started } }
    var maximumRunning: Int { state.withLock { $0.maximumRunning } }
    var interrupted: [Int64] { state.withLock { $0.interrupted } }

    /// Waits until `count` jobs have started.
    func waitForStarts(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.started.count >= count { return true }
                state.startWaiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    func release(_ id: Int64) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.released.insert(id)
            return state.releases.removeValue(forKey: id)
        }
        continuation?.resume()
    }

    func prepare(_ job: JobPayload) async {
        recordCall("prepare:\(job.id)")
    }

    func discard(_ job: JobPayload) async {
        recordCall("discard:\(job.id)")
    }

    func run(_ job: JobPayload, control: JobControl) async -> JobOutcome {
        recordCall("run:\(job.id)")
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.started.append(job.id)
            state.running += 1
            state.maximumRunning = max(state.maximumRunning, state.running)
            var ready: [CheckedContinuation<Void, Never>] = []
            state.startWaiters.removeAll { waiter in
                if state.started.count >= waiter.count { ready.append(waiter.continuation); return true }
                return false
            }
            return ready
        }
        for continuation in ready { continuation.resume() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let done = self.state.withLock { state -> Bool in
                        if state.released.contains(job.id) { return true }
                        state.releases[job.id] = continuation
                        return false
                    }
                    if done { continuation.resume() }
                }
            }
            group.addTask {
                if await control.waitForStop(strongerThan: nil) != nil {
                    self.state.withLock { $0.interrupted.append(job.id) }
                    self.release(job.id)
                }
            }
            await group.next()
            group.cancelAll()
            await group.waitForAll()
        }
        let wasInterrupted = state.withLock { $0.interrupted.contains(job.id) }
        let result: JobOutcome.Result = wasInterrupted ? .failed(.runnerInterrupted, exitCode: nil) : .success
        state.withLock { $0.running -= 1 }
        return JobOutcome(result: result, reported: true)
    }
}
