import Foundation
import JobExecution
import Synchronization

/// A stage running in the build container: its log is followed on a dedicated thread until the build loop
/// writes the exit status, or the loop's heartbeat stops.
final class RunningPodStage: RunningStage, Sendable {
    private struct State {
        var result: StageExit?
        var waiters: [CheckedContinuation<StageExit, Never>] = []
        var killRequestedAt: ContinuousClock.Instant?
    }

    let workspace: PodWorkspace
    let number: Int
    let output: any TraceWriter
    let staleAfter: Duration
    private let state = Mutex(State())

    init(workspace: PodWorkspace, number: Int, output: any TraceWriter, staleAfter: Duration) {
        self.workspace = workspace
        self.number = number
        self.output = output
        self.staleAfter = staleAfter
    }

    var logPath: String { "\(workspace.logsDirectory)/\(number).log" }
    var exitPath: String { "\(workspace.controlDirectory)/\(number).exit" }
    var signalPath: String { "\(workspace.controlDirectory)/\(number).signal" }

    func startFollowing() {
        let thread = Thread { [self] in follow() }
        thread.name = "flywheel-pod-stage-\(number)"
        thread.start()
    }

    func wait() async -> StageExit {
        await withCheckedContinuation { continuation in
            let result = state.withLock { state -> StageExit? in
                if let result = state.result { return result }
                state.waiters.append(continuation)
                return nil
            }
            if let result { continuation.resume(returning: result) }
        }
    }

    func terminate() {
        request("TERM")
    }

    func kill() {
        state.withLock { state in
            if state.killRequestedAt == nil { state.killRequestedAt = .now }
        }
        request("KILL")
    }

    private func request(_ signal: String) {
        guard state.withLock({ $0.result == nil }) else { return }
        try? workspace.writeAtomically(signal + "\n", to: signalPath)
    }

    /// Follows the log until the stage has an exit status (and its log was read to the end) or is lost.
    private func follow() {
        var descriptor: Int32 = -1
        defer { if descriptor >= 0 { close(descriptor) } }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        func drain() {
            if descriptor < 0 { descriptor = open(logPath, O_RDONLY | O_CLOEXEC) }
            guard descriptor >= 0 else { return }
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    buffer.withUnsafeBytes { output.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                } else if count < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        let clock = ContinuousClock()
        while true {
            drain()
            if let status = readExitStatus() {
                drain()
                finish(.exited(status))
                return
            }
            if let lost = lostReason(clock: clock) {
                drain()
                finish(.lost(lost))
                return
            }
            usleep(50_000)
        }
    }

    private func readExitStatus() -> Int32? {
        guard let text = try? String(contentsOfFile: exitPath, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private func lostReason(clock: ContinuousClock) -> String? {
        let heartbeat = (try? FileManager.default.attributesOfItem(atPath: workspace.heartbeatPath))?[.modificationDate] as? Date
        let stale = staleAfter.components.seconds
        if let heartbeat {
            let age = -heartbeat.timeIntervalSinceNow
            if age > Double(stale) {
                return "the build container stopped answering (no heartbeat for \(Int(age)) s): it was OOM-killed, evicted or crashed; see the pod's status"
            }
            return nil
        }
        if let killed = state.withLock({ $0.killRequestedAt }), clock.now - killed > staleAfter {
            return "the build container never started"
        }
        return nil
    }

    private func finish(_ result: StageExit) {
        let waiters = state.withLock { state -> [CheckedContinuation<StageExit, Never>] in
            state.result = result
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: result) }
    }
}
