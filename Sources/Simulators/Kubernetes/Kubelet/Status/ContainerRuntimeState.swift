/// What the kubelet knows about one container right now.
struct ContainerRuntimeState: Sendable {
    /// The container's state as the API reports it.
    enum Phase: Sendable, Equatable {
        case waiting(reason: String, message: String?)
        case running(startedAt: KubeTime)
        case terminated(exitCode: Int32, reason: String, message: String?, startedAt: KubeTime?, finishedAt: KubeTime)
    }

    var spec: ContainerSpec
    var phase: Phase
    var containerID: String?
    var imageID = ""
    var process: SpawnedProcess?
    /// Host pid that gets the stop signal (the sandboxed PID 1, or the process itself).
    var mainPID: Int32?
    /// A simulated OOM kill is in progress.
    var oomKilled = false

    var isRunning: Bool {
        if case .running = phase { return true }
        return false
    }

    var isTerminated: Bool {
        if case .terminated = phase { return true }
        return false
    }

    var exitCode: Int32? {
        if case .terminated(let code, _, _, _, _) = phase { return code }
        return nil
    }

    var hasStarted: Bool { isRunning || (isTerminated && containerID != nil) }

    var waitingReason: String? {
        if case .waiting(let reason, _) = phase { return reason }
        return nil
    }
}
