/// Everything the kubelet tracks for a pod; the pod `status` is rendered from it.
struct PodRuntimeState: Sendable {
    var scheduled = false
    var unschedulableMessage: String?
    var sandboxReady = false
    var startTime: KubeTime?
    var initContainers: [ContainerRuntimeState]
    var containers: [ContainerRuntimeState]
    /// Pod-level `status.reason` / `status.message` (Evicted, DeadlineExceeded).
    var reason: String?
    var message: String?
    /// `DisruptionTarget` condition reason and message.
    var disruption: (reason: String, message: String)?
    var termination: PodTermination?
    /// The API object is gone.
    var removed = false
    /// The main flow has ended (every container is terminated or will never start).
    var lifecycleDone = false
    /// Current value of `spec.activeDeadlineSeconds` (it may be lowered while the pod runs).
    var activeDeadlineSeconds: Int64?
    /// Transition times of conditions, by type, with the status they were last set to.
    var conditionTimes: [String: (status: String, time: KubeTime)] = [:]

    var stopRequested: Bool { termination != nil || removed }

    /// Mutable access to a container by init flag and index.
    subscript(isInit: Bool, index: Int) -> ContainerRuntimeState {
        get { isInit ? initContainers[index] : containers[index] }
        set {
            if isInit { initContainers[index] = newValue } else { containers[index] = newValue }
        }
    }

    /// Every container (init first).
    var allContainers: [ContainerRuntimeState] { initContainers + containers }
}
