import Foundation
import Logging
import Synchronization

/// The simulated kubelet (and scheduler) of the one node: it watches pods like a real kubelet,
/// runs a ``PodWorker`` per admitted pod in a task group, and answers for logs and faults.
final class Kubelet: Sendable {
    let cluster: KubernetesCluster
    let configuration: KubernetesSimulatorConfiguration
    let logger: Logger
    /// `bwrap` to sandbox containers with; `nil` runs plain processes.
    let bubblewrapExecutable: String?
    /// Set when the configuration demands `bwrap` but it cannot run here.
    let sandboxUnavailable: Bool
    /// Where pod volumes live.
    let podsDirectory: String
    let endpoint = Mutex(KubeletEndpoint())
    let schedulingChanges = ChangeSignal()
    private let workers = Mutex<[String: PodWorker]>([:])
    private let schedulingEnabled = Mutex(true)
    private let imageMap: Mutex<KubernetesImageMap>
    private let failingImagePatterns: Mutex<[String]>
    private let subscription = Mutex<WatchSubscription?>(nil)

    init(cluster: KubernetesCluster, configuration: KubernetesSimulatorConfiguration, podsDirectory: String, logger: Logger) {
        self.cluster = cluster
        self.configuration = configuration
        self.podsDirectory = podsDirectory
        self.logger = logger
        self.imageMap = Mutex(configuration.images)
        self.failingImagePatterns = Mutex(configuration.failingImagePatterns)
        switch configuration.sandbox {
        case .processes:
            bubblewrapExecutable = nil
            sandboxUnavailable = false
        case .automatic:
            bubblewrapExecutable = Bubblewrap.isUsable ? Bubblewrap.executable : nil
            sandboxUnavailable = false
            if bubblewrapExecutable == nil {
                logger.warning("bwrap is missing or cannot create namespaces: containers run as plain processes (no pid/uts/ipc namespaces, volumes are not mounted at their mountPath)")
            }
        case .bubblewrap:
            bubblewrapExecutable = Bubblewrap.isUsable ? Bubblewrap.executable : nil
            sandboxUnavailable = bubblewrapExecutable == nil
            if sandboxUnavailable { logger.error("bwrap is required but missing or unusable: containers will fail to start") }
        }
    }

    // MARK: Running

    /// Watches pods and runs workers until ``shutdown()``.
    func run() async {
        let filter = WatchFilter(resource: .pods, namespace: nil, labels: .everything, fields: .everything)
        let subscription: WatchSubscription
        do {
            subscription = try cluster.mutate { (store: inout ClusterStore) throws(ClusterStore.WatchStart) -> WatchSubscription in
                try store.subscribe(filter, from: nil, capacity: Int.max, isInternal: true)
            }
        } catch {
            return
        }
        self.subscription.withLock { $0 = subscription }
        await withDiscardingTaskGroup { group in
            loop: while true {
                switch await subscription.next(until: .now + .seconds(3600)) {
                case .timedOut:
                    continue
                case .ended:
                    break loop
                case .event(let type, let pod):
                    let uid = pod.metadataUID
                    switch type {
                    case .added:
                        guard let worker = admit(pod) else { continue }
                        group.addTask {
                            await worker.run()
                            self.workers.withLock { _ = $0.removeValue(forKey: uid) }
                        }
                    case .modified:
                        worker(uid)?.observe(pod)
                    case .deleted:
                        worker(uid)?.apiObjectRemoved()
                    default:
                        continue
                    }
                }
            }
            for worker in workers.withLock({ Array($0.values) }) { worker.shutdown() }
        }
        cluster.mutate { $0.unsubscribe(subscription) }
    }

    private func admit(_ pod: SimulatedJSON) -> PodWorker? {
        let uid = pod.metadataUID
        let nodeName = pod.string(at: ["spec", "nodeName"]) ?? ""
        let phase = pod.string(at: ["status", "phase"]) ?? "Pending"
        guard !uid.isEmpty, nodeName.isEmpty || nodeName == configuration.nodeName,
              phase != "Succeeded", phase != "Failed", pod.value(at: ["metadata", "deletionTimestamp"]) == nil
        else { return nil }
        return workers.withLock { workers -> PodWorker? in
            guard workers[uid] == nil else { return nil }
            let worker = PodWorker(pod: pod, kubelet: self)
            workers[uid] = worker
            return worker
        }
    }

    /// Stops: every container is killed, workers end, ``run()`` returns.
    func shutdown() {
        subscription.withLock { $0 }?.end(.stopped)
        for worker in workers.withLock({ Array($0.values) }) { worker.shutdown() }
    }

    func worker(_ uid: String) -> PodWorker? {
        workers.withLock { $0[uid] }
    }

    /// Every running worker.
    var allWorkers: [PodWorker] { workers.withLock { Array($0.values) } }

    // MARK: Scheduling and images

    var isSchedulingEnabled: Bool { schedulingEnabled.withLock { $0 } }

    func setSchedulingEnabled(_ enabled: Bool) {
        schedulingEnabled.withLock { $0 = enabled }
        schedulingChanges.notify()
    }

    func image(for reference: String) -> KubernetesSimulatedImage? {
        imageMap.withLock { $0.image(for: reference) }
    }

    func setImage(_ image: KubernetesSimulatedImage, for pattern: String) {
        imageMap.withLock { map in
            map.entries.removeAll { $0.pattern == pattern }
            map.entries.insert((pattern, image), at: 0)
        }
    }

    func setFailingImagePatterns(_ patterns: [String]) {
        failingImagePatterns.withLock { $0 = patterns }
    }

    /// The waiting reason pulling `reference` fails with, or `nil`.
    func pullFailure(for reference: String) -> String? {
        if !ImageReference.isValid(reference) { return "InvalidImageName" }
        if let failure = image(for: reference)?.pullError { return failure }
        if failingImagePatterns.withLock({ $0.contains { KubernetesImageMap.matches(pattern: $0, reference) } }) { return "ErrImagePull" }
        return nil
    }

    // MARK: Logs and faults

    func log(podUID: String, container: String) -> ContainerLog? {
        worker(podUID)?.logs[container]
    }
}
