import Kubernetes
import Logging

/// Keeps `controller.kubernetes.io/pod-deletion-cost` on the agent's own pod equal to the number of
/// jobs it runs, so a scale-down removes idle replicas first (cost 0) and busy ones last. The pod is
/// found through the Downward API (`POD_NAME`, `POD_NAMESPACE`). Failures are logged, never fatal.
public struct PodDeletionCost: Sendable {
    public static let annotation = "controller.kubernetes.io/pod-deletion-cost"

    let kubernetes: any KubernetesAPI
    let podName: String
    let namespace: String
    let interval: Duration
    let logger: Logger

    public init(kubernetes: any KubernetesAPI, podName: String, namespace: String, interval: Duration = .seconds(2), logger: Logger) {
        self.kubernetes = kubernetes
        self.podName = podName
        self.namespace = namespace
        self.interval = interval
        self.logger = logger
    }

    struct Patch: Encodable, Sendable {
        struct Metadata: Encodable, Sendable { var annotations: [String: String] }
        var metadata: Metadata
    }

    /// Patches the annotation whenever `runningJobs()` changes, until the task is cancelled.
    public func run(runningJobs: @Sendable () -> Int) async {
        var reported: Int?
        var warned = false
        while !Task.isCancelled {
            let count = runningJobs()
            if count != reported {
                do {
                    let patch = Patch(metadata: .init(annotations: [Self.annotation: String(count)]))
                    _ = try await kubernetes.mergePatch(Pod.self, name: podName, namespace: namespace, patch: patch)
                    reported = count
                    warned = false
                    logger.debug("pod-deletion-cost of \(namespace)/\(podName) set to \(count)")
                } catch {
                    if !warned { logger.warning("cannot set the pod-deletion-cost of \(namespace)/\(podName): \(error)") }
                    warned = true
                }
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
