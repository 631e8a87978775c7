import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization

/// Runs one pod through the kubelet state machine of notes §3.1: scheduling, volumes, sandbox,
/// init containers in order, then all containers at once, with graceful termination,
/// `activeDeadlineSeconds` and injected faults. Every step changes ``state`` and publishes the
/// rendered status (one MODIFIED event per step).
///
/// Three child tasks run side by side: the lifecycle, the terminator (sends SIGTERM, then
/// SIGKILL at the grace deadline) and the timers (deadline and timed faults). They coordinate
/// through ``state`` and the ``wake`` signal.
final class PodWorker: Sendable {
    let uid: String
    let pod: SimulatedJSON
    let kubelet: Kubelet
    let faults: PodFaultAnnotations
    /// Host directory of the pod (volumes).
    let directory: String
    let state: Mutex<PodRuntimeState>
    /// Notified on every change of ``state``.
    let wake = ChangeSignal()
    /// Log of every container (init containers included), by name.
    let logs: [String: ContainerLog]
    let volumes = Mutex<[String: PreparedVolume]>([:])
    let pause = Mutex<PodPauseSandbox?>(nil)
    private let warnedAboutMounts = Mutex(false)

    init(pod: SimulatedJSON, kubelet: Kubelet) {
        self.uid = pod.metadataUID
        self.pod = pod
        self.kubelet = kubelet
        self.faults = PodFaultAnnotations(pod)
        self.directory = kubelet.podsDirectory + "/" + pod.metadataUID
        let initSpecs = pod.array(at: ["spec", "initContainers"]).enumerated().map { ContainerSpec($1, index: $0, isInit: true) }
        let specs = pod.array(at: ["spec", "containers"]).enumerated().map { ContainerSpec($1, index: $0, isInit: false) }
        let initialReason = initSpecs.isEmpty ? "ContainerCreating" : "PodInitializing"
        var runtime = PodRuntimeState(
            initContainers: initSpecs.map { ContainerRuntimeState(spec: $0, phase: .waiting(reason: initialReason, message: nil)) },
            containers: specs.map { ContainerRuntimeState(spec: $0, phase: .waiting(reason: initialReason, message: nil)) })
        runtime.activeDeadlineSeconds = pod.int(at: ["spec", "activeDeadlineSeconds"])
        self.state = Mutex(runtime)
        var logs: [String: ContainerLog] = [:]
        for spec in initSpecs + specs {
            logs[spec.name] = ContainerLog(retentionBytes: kubelet.configuration.logRetentionBytes, observer: kubelet.cluster.changes)
        }
        self.logs = logs
    }

    var cluster: KubernetesCluster { kubelet.cluster }
    var configuration: KubernetesSimulatorConfiguration { kubelet.configuration }
    var namespace: String { pod.metadataNamespace }
    var name: String { pod.metadataName }
    static let farFuture = Duration.seconds(86_400 * 365)

    /// Whether the pod should stop (or the kubelet is shutting down).
    var stopping: Bool { state.withLock { $0.stopRequested } || Task.isCancelled }

    // MARK: State changes

    /// Changes the runtime state and wakes the other tasks.
    func update(_ body: (inout PodRuntimeState) -> Void) {
        state.withLock { body(&$0) }
        wake.notify()
    }

    /// Renders the status from the runtime state and writes it (no event when unchanged).
    /// The state lock is held while writing, so concurrent publishers cannot reorder updates.
    func publish(nodeName: String? = nil) {
        state.withLock { state in
            _ = cluster.updatePodStatus(uid: uid, nodeName: nodeName) { status in
                status = PodStatusRenderer.render(&state, existing: status)
            }
        }
        wake.notify()
    }

    /// Records an event about the pod.
    func event(_ reason: String, _ message: String, warning: Bool = false, container: ContainerSpec? = nil, component: String = "kubelet") {
        cluster.recordEvent(about: pod, reason: reason, message: message, type: warning ? "Warning" : "Normal",
                            fieldPath: container?.fieldPath, component: component)
    }

    /// Sleeps for `duration`; returns `false` early when the pod must stop.
    func sleep(_ duration: Duration) async -> Bool {
        let deadline = ContinuousClock.now + duration
        while true {
            let generation = wake.generation
            if stopping { return false }
            if ContinuousClock.now >= deadline { return true }
            _ = await wake.wait(after: generation, until: deadline)
        }
    }

    /// Waits until `condition` holds for the state, or the pod must stop.
    func waitUntil(_ condition: (PodRuntimeState) -> Bool) async {
        while true {
            let generation = wake.generation
            if state.withLock({ condition($0) }) || stopping { return }
            _ = await wake.wait(after: generation, until: .now + Self.farFuture)
        }
    }

    // MARK: Running

    /// Runs the pod until its API object is gone (or its graceful deletion is complete).
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.lifecycle() }
            group.addTask { await self.terminator() }
            group.addTask { await self.timers() }
            await group.waitForAll()
        }
        while true {
            let generation = wake.generation
            let (removed, cause) = state.withLock { ($0.removed, $0.termination?.cause) }
            if removed || Task.isCancelled { break }
            if cause == .deleted {
                cluster.finishPodTermination(uid: uid)
                break
            }
            _ = await wake.wait(after: generation, until: .now + Self.farFuture)
        }
        pause.withLock { pause in
            pause?.stop()
            pause = nil
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Signals from the API

    /// A MODIFIED event of the pod: graceful deletion, or a changed `activeDeadlineSeconds`.
    func observe(_ current: SimulatedJSON) {
        if current.value(at: ["metadata", "deletionTimestamp"]) != nil {
            requestTermination(grace: current.int(at: ["metadata", "deletionGracePeriodSeconds"]) ?? 30)
        }
        let deadline = current.int(at: ["spec", "activeDeadlineSeconds"])
        if deadline != state.withLock({ $0.activeDeadlineSeconds }) {
            update { $0.activeDeadlineSeconds = deadline }
        }
    }

    /// Graceful deletion: SIGTERM now, SIGKILL after `grace` seconds (a later, shorter grace
    /// period moves the deadline closer).
    func requestTermination(grace: Int64) {
        let killAt = ContinuousClock.now + .seconds(max(0, grace))
        update { state in
            if var termination = state.termination {
                if killAt < termination.killAt { termination.killAt = killAt }
                if termination.cause != .vanished, termination.cause != .evicted { termination.cause = .deleted }
                state.termination = termination
            } else {
                state.termination = PodTermination(cause: .deleted, killAt: killAt)
            }
        }
    }

    /// The API object disappeared (force deletion, or removal after termination).
    func apiObjectRemoved() {
        update { state in
            state.removed = true
            if state.termination == nil {
                // A force-deleted pod's containers still get the kubelet's minimum grace of 2 s.
                state.termination = PodTermination(cause: .removed, killAt: .now + .seconds(2))
            }
        }
    }

    /// The kubelet stops: kill everything now.
    func shutdown() {
        update { state in
            state.removed = true
            state.termination = PodTermination(cause: .vanished, killAt: .now)
        }
        killAll()
        pause.withLock { $0?.stop(); $0 = nil }
    }

    /// SIGKILL to every running container (and its process group).
    func killAll() {
        let pids = state.withLock { $0.allContainers.compactMap { $0.isRunning ? $0.mainPID : nil } }
        for pid in pids {
            kill(pid, SIGKILL)
            kill(-pid, SIGKILL)
        }
    }

    /// Warns once that volumes cannot be mounted without a sandbox.
    func warnAboutUnmountedVolumes() {
        let first = warnedAboutMounts.withLock { warned -> Bool in
            defer { warned = true }
            return !warned
        }
        if first {
            kubelet.logger.warning("pod \(namespace)/\(name): no bwrap, so volumes are not mounted at their mountPath and containers share the host's namespaces")
        }
    }
}
