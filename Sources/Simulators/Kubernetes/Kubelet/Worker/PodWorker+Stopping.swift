import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension PodWorker {
    /// Sends SIGTERM to each running container's main process (PID 1 of its sandbox) once a
    /// termination is requested, and SIGKILL to whatever still runs at the deadline.
    func terminator() async {
        var terminated: Set<String> = []
        while !Task.isCancelled {
            let generation = wake.generation
            var signals: [(pid: Int32, signal: Int32)] = []
            var killing: [ContainerSpec] = []
            var deadline: ContinuousClock.Instant?
            let done = state.withLock { state -> Bool in
                guard let termination = state.termination else { return state.lifecycleDone }
                let overdue = termination.killAt <= .now
                for container in state.allContainers where container.isRunning {
                    guard let pid = container.mainPID else { continue }
                    if overdue {
                        signals.append((pid, SIGKILL))
                        signals.append((-pid, SIGKILL))
                    } else if !terminated.contains(container.spec.name) {
                        terminated.insert(container.spec.name)
                        signals.append((pid, SIGTERM))
                        killing.append(container.spec)
                    }
                }
                if !overdue { deadline = termination.killAt }
                return state.lifecycleDone
            }
            for spec in killing { event("Killing", "Stopping container \(spec.name)", container: spec) }
            for (pid, signal) in signals { kill(pid, signal) }
            if done { return }
            _ = await wake.wait(after: generation, until: deadline ?? .now + Self.farFuture)
        }
    }

    /// `activeDeadlineSeconds` and the timed fault annotations, measured from `status.startTime`.
    func timers() async {
        var oomDone = false
        var evictDone = false
        var vanishDone = false
        while !Task.isCancelled {
            let generation = wake.generation
            let (done, start, deadlineSeconds, terminating, oomStart) = state.withLock { state in
                let oomStart: KubeTime? = faults.oomKill.flatMap { target in
                    state.allContainers.first { $0.spec.name == target.container }.flatMap { container in
                        if case .running(let startedAt) = container.phase { return startedAt }
                        return nil
                    }
                }
                return (state.lifecycleDone, state.startTime, state.activeDeadlineSeconds, state.termination != nil, oomStart)
            }
            if done { return }
            var next: Double?
            func due(_ seconds: Double, since origin: KubeTime) -> Bool {
                let remaining = seconds - KubeTime.now().seconds(since: origin)
                if remaining <= 0 { return true }
                next = min(next ?? remaining, remaining)
                return false
            }
            if !terminating, let start {
                if let deadlineSeconds, due(Double(deadlineSeconds), since: start) {
                    exceedDeadline()
                    continue
                }
                if !evictDone, let seconds = faults.evictAfter, due(seconds, since: start) {
                    evictDone = true
                    evict()
                    continue
                }
                if !vanishDone, let seconds = faults.vanishAfter, due(seconds, since: start) {
                    vanishDone = true
                    vanish()
                    continue
                }
            }
            if !oomDone, let oom = faults.oomKill, let oomStart, due(oom.after, since: oomStart) {
                oomDone = true
                _ = oomKill(container: oom.container)
                continue
            }
            let wakeAt: ContinuousClock.Instant = next.map { .now + .milliseconds(Int64(($0 * 1000).rounded(.up))) } ?? .now + Self.farFuture
            _ = await wake.wait(after: generation, until: wakeAt)
        }
    }

    /// `activeDeadlineSeconds` passed: phase Failed with reason DeadlineExceeded, containers
    /// killed with the pod's grace period.
    func exceedDeadline() {
        let message = "Pod was active on the node longer than the specified deadline"
        let grace = pod.int(at: ["spec", "terminationGracePeriodSeconds"]) ?? 30
        update { state in
            state.reason = "DeadlineExceeded"
            state.message = message
            if state.termination == nil {
                state.termination = PodTermination(cause: .deadlineExceeded, killAt: .now + .seconds(grace))
            }
        }
        publish()
        event("DeadlineExceeded", message, warning: true)
    }

    /// Node-pressure eviction: phase Failed, reason Evicted, a DisruptionTarget condition, and
    /// every container killed at once.
    func evict() {
        let message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. "
        update { state in
            state.reason = "Evicted"
            state.message = message
            state.disruption = ("TerminationByKubelet", message)
            if var termination = state.termination {
                termination.killAt = .now
                termination.cause = .evicted
                state.termination = termination
            } else {
                state.termination = PodTermination(cause: .evicted, killAt: .now)
            }
        }
        publish()
        event("Evicted", message, warning: true)
        killAll()
    }

    /// The node disappears with the pod: processes are killed and the object is removed
    /// without a terminal status.
    func vanish() {
        update { state in
            state.termination = PodTermination(cause: .vanished, killAt: .now)
            state.removed = true
        }
        killAll()
        cluster.vanish(uid: uid)
    }

    /// Kills `container` as the kernel's OOM killer would (SIGKILL, reason OOMKilled, 137).
    /// Returns `false` when it is not running.
    func oomKill(container name: String) -> Bool {
        let pid = state.withLock { state -> Int32? in
            for isInit in [true, false] {
                let list = isInit ? state.initContainers : state.containers
                for index in list.indices where list[index].spec.name == name && list[index].isRunning {
                    state[isInit, index].oomKilled = true
                    return list[index].mainPID
                }
            }
            return nil
        }
        guard let pid else { return false }
        wake.notify()
        kill(pid, SIGKILL)
        kill(-pid, SIGKILL)
        return true
    }
}
