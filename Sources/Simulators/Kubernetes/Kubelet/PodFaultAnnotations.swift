/// Per-pod fault annotations the simulated kubelet honours (`sim.flywheel.dev/…`).
struct PodFaultAnnotations: Sendable {
    static let prefix = "sim.flywheel.dev/"

    /// Containers whose image pull fails (`*` = every container).
    var imagePullFailures: Set<String> = []
    /// The pod is never scheduled.
    var unschedulable = false
    /// Container to OOM-kill and the delay after it starts.
    var oomKill: (container: String, after: Double)?
    /// Seconds after the pod starts running when it is evicted.
    var evictAfter: Double?
    /// Seconds after the pod starts running when it vanishes with its node.
    var vanishAfter: Double?

    init(_ pod: SimulatedJSON) {
        let annotations = pod.stringMap(at: ["metadata", "annotations"])
        if let value = annotations[Self.prefix + "image-pull-error"] {
            imagePullFailures = Set(value.split(separator: ",").map { $0.withoutSurroundingWhitespace })
        }
        unschedulable = annotations[Self.prefix + "unschedulable"] == "true"
        if let value = annotations[Self.prefix + "oom-kill"] {
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            oomKill = (parts[0], parts.count > 1 ? Double(parts[1]) ?? 0 : 0)
        }
        evictAfter = annotations[Self.prefix + "evict-after-seconds"].flatMap(Double.init)
        vanishAfter = annotations[Self.prefix + "vanish-after-seconds"].flatMap(Double.init)
    }

    /// Whether pulling `container`'s image fails by annotation.
    func pullFails(for container: String) -> Bool {
        imagePullFailures.contains("*") || imagePullFailures.contains(container)
    }
}
