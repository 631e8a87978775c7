import Foundation
import Synchronization

extension KubernetesSimulator {
    /// Arms an HTTP fault (500/503/429/410…, delay, reset) for matching requests.
    public func inject(_ fault: KubernetesHTTPFault) {
        faults.withLock { $0.arm(fault) }
    }

    /// Disarms every HTTP fault.
    public func clearFaults() {
        faults.withLock { $0.clear() }
    }

    /// The armed HTTP faults (with their remaining counts).
    public var armedFaults: [KubernetesHTTPFault] { faults.withLock { $0.faults } }

    /// Ends every open watch stream — cleanly (final chunk; the client sees EOF) or, with
    /// `abrupt`, by closing the connection mid-stream.
    public func cutWatches(abrupt: Bool = false) {
        cluster.mutate { $0.endAllSubscriptions(.cut(abrupt: abrupt)) }
    }

    /// Ends every following log stream (a kubelet restart) while containers keep running.
    public func cutLogStreams(abrupt: Bool = false) {
        for worker in kubelet.allWorkers {
            for log in worker.logs.values { log.cutReaders(abrupt: abrupt) }
        }
    }

    /// Compacts the history: every resourceVersion before the current one becomes too old
    /// (watches from it get 410 Expired; so do exact lists and continue tokens).
    public func compact() {
        cluster.mutate { $0.compact() }
    }

    /// Turns scheduling off (new pods stay Pending with `PodScheduled=False`,
    /// reason `Unschedulable`) or back on (waiting pods get scheduled).
    public func setSchedulingEnabled(_ enabled: Bool) {
        kubelet.setSchedulingEnabled(enabled)
    }

    /// Registers (first in order) an image description, e.g. a pull failure or a stand-in
    /// entrypoint.
    public func setImage(_ image: KubernetesSimulatedImage, for pattern: String) {
        kubelet.setImage(image, for: pattern)
    }

    /// Replaces the image patterns that fail with `ErrImagePull`.
    public func setFailingImagePatterns(_ patterns: [String]) {
        kubelet.setFailingImagePatterns(patterns)
    }

    private func worker(pod name: String, namespace: String) throws(KubernetesSimulatorError) -> PodWorker {
        guard let pod = pod(name, namespace: namespace), let worker = kubelet.worker(pod.metadataUID) else {
            throw .notFound("running pod \(namespace)/\(name)")
        }
        return worker
    }

    /// Node-pressure eviction: the pod fails with reason `Evicted` and a `DisruptionTarget`
    /// condition; its containers are killed.
    public func evict(pod name: String, namespace: String = "default") throws(KubernetesSimulatorError) {
        try worker(pod: name, namespace: namespace).evict()
    }

    /// The pod's node vanishes: its processes are killed and the object is deleted (DELETED)
    /// without a terminal status.
    public func vanish(pod name: String, namespace: String = "default") throws(KubernetesSimulatorError) {
        try worker(pod: name, namespace: namespace).vanish()
    }

    /// OOM-kills a running container: SIGKILL, terminated with reason `OOMKilled` and exit 137.
    public func oomKill(pod name: String, namespace: String = "default", container: String) throws(KubernetesSimulatorError) {
        guard try worker(pod: name, namespace: namespace).oomKill(container: container) else {
            throw .notFound("running container \(container) in \(namespace)/\(name)")
        }
    }

    /// Creates CA and serving certificate PEM files in `directory` with the `openssl` command
    /// (CA `ca.crt`/`ca.key`, server `server.crt`/`server.key` with SANs for 127.0.0.1, ::1,
    /// localhost and `hosts`). Existing files are kept.
    public static func generateTLS(in directory: String, hosts: [String] = []) throws(KubernetesSimulatorError) -> KubernetesSimulatorTLS {
        try TLSMaterial.generate(in: directory, hosts: hosts)
    }
}
