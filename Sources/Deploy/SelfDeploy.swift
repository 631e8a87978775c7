import Foundation
import Kubernetes

/// `flywheel deploy`: rolls the agent's own Deployment to a new image and revision (seed 004's rules):
/// one deploy per environment at a time (``DeployLock``), never a revision older than the deployed one
/// unless forced, image and revision annotations patched, then the rollout followed until every replica
/// runs the new template, with a clear failure on timeout or crash-looping pods.
///
/// Job pods are not children of the Deployment and their owner is the in-pod supervisor, so the job
/// that runs the deploy survives the rollout it causes.
public struct SelfDeploy: Sendable {
    public static let revisionAnnotation = "flywheel.dev/revision"
    public static let imageAnnotation = "flywheel.dev/image"

    public struct Request: Sendable {
        public var namespace: String
        public var deployment: String
        /// The container to update; `nil`: the only one, or the one named like the Deployment.
        public var container: String?
        public var image: String
        /// Monotonic (e.g. `CI_PIPELINE_IID`).
        public var revision: Int64
        public var environment: String
        public var force = false
        public var lockTimeout: Duration = .seconds(600)
        public var rolloutTimeout: Duration = .seconds(900)
        public var pollInterval: Duration = .seconds(2)
        public var identity: String

        public init(namespace: String, deployment: String, image: String, revision: Int64, environment: String, identity: String) {
            self.namespace = namespace
            self.deployment = deployment
            self.image = image
            self.revision = revision
            self.environment = environment
            self.identity = identity
        }
    }

    let kubernetes: any KubernetesAPI
    let request: Request
    let progress: @Sendable (String) -> Void

    public init(kubernetes: any KubernetesAPI, request: Request, progress: @escaping @Sendable (String) -> Void) {
        self.kubernetes = kubernetes
        self.request = request
        self.progress = progress
    }

    /// Runs the deploy; throws ``DeployError`` (refused, lock timeout, rollout failure).
    public func run() async throws {
        let lock = DeployLock(kubernetes: kubernetes, namespace: request.namespace, environment: request.environment, identity: request.identity)
        try await lock.acquire(timeout: request.lockTimeout, progress: progress)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await lock.keepRenewed() }
                group.addTask { try await self.rollOut() }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            await lock.release(progress: progress)
            throw error
        }
        await lock.release(progress: progress)
    }

    func rollOut() async throws {
        let name = request.deployment
        var generation: Int64 = 0
        var replicas: Int32 = 1
        while true {
            var deployment = try await kubernetes.get(Deployment.self, name: name, namespace: request.namespace)
            let deployed = deployment.metadata.annotations?[Self.revisionAnnotation].flatMap { Int64($0) }
            if let deployed, deployed > request.revision, !request.force {
                throw DeployError("refusing to deploy revision \(request.revision) over the newer revision \(deployed) of \(request.namespace)/\(name); a newer pipeline already deployed (use --force to roll back on purpose)")
            }
            guard var spec = deployment.spec, var podSpec = spec.template.spec else {
                throw DeployError("\(request.namespace)/\(name) has no pod template")
            }
            let index: Int
            if let container = request.container {
                guard let found = podSpec.containers.firstIndex(where: { $0.name == container }) else {
                    throw DeployError("\(request.namespace)/\(name) has no container \(container) (it has \(podSpec.containers.map(\.name).joined(separator: ", ")))")
                }
                index = found
            } else if podSpec.containers.count == 1 {
                index = 0
            } else if let found = podSpec.containers.firstIndex(where: { $0.name == name }) {
                index = found
            } else {
                throw DeployError("\(request.namespace)/\(name) has several containers; name the one to update with --container")
            }
            let previous = podSpec.containers[index].image ?? "?"
            progress("deploying \(request.image) as revision \(request.revision) to \(request.namespace)/\(name) (was \(previous), revision \(deployed.map(String.init) ?? "none"))")
            podSpec.containers[index].image = request.image
            spec.template.spec = podSpec
            var templateMeta = spec.template.metadata ?? ObjectMeta()
            templateMeta.annotations = (templateMeta.annotations ?? [:]).merging([Self.revisionAnnotation: String(request.revision)]) { $1 }
            spec.template.metadata = templateMeta
            deployment.spec = spec
            deployment.metadata.annotations = (deployment.metadata.annotations ?? [:]).merging([
                Self.revisionAnnotation: String(request.revision), Self.imageAnnotation: request.image,
            ]) { $1 }
            do {
                let updated = try await kubernetes.replace(deployment, namespace: request.namespace)
                generation = updated.metadata.generation ?? 0
                replicas = updated.spec?.replicas ?? 1
                break
            } catch let error as KubernetesError where error.isConflict {
                continue  // changed since we read it: read again, check the revision again
            }
        }
        try await waitForRollout(generation: generation, replicas: replicas)
    }

    func waitForRollout(generation: Int64, replicas: Int32) async throws {
        let deadline = ContinuousClock.now + request.rolloutTimeout
        var last = ""
        while true {
            let deployment = try await kubernetes.get(Deployment.self, name: request.deployment, namespace: request.namespace)
            let status = deployment.status
            let observed = status?.observedGeneration ?? 0
            let updated = status?.updatedReplicas ?? 0
            let available = status?.availableReplicas ?? 0
            let total = status?.replicas ?? 0
            let line = "rollout: observedGeneration \(observed)/\(generation), updated \(updated)/\(replicas), available \(available)/\(replicas), total \(total)"
            if line != last {
                progress(line)
                last = line
            }
            if observed >= generation, updated == replicas, available == replicas, total == replicas {
                progress("rollout of revision \(request.revision) complete")
                return
            }
            if let stalled = status?.conditions?.first(where: { $0.type == "Progressing" && $0.status == "False" }) {
                throw DeployError("the rollout stalled: \(stalled.reason ?? "Progressing=False") \(stalled.message ?? "")")
            }
            if let crashing = try await crashLoopingPod(deployment) {
                throw DeployError("the new agent pods crash: \(crashing); the rollout is stopped where it is (roll back with a deploy of the previous revision and --force)")
            }
            guard ContinuousClock.now < deadline else {
                throw DeployError("the rollout did not finish within \(request.rolloutTimeout.components.seconds) s (\(line))")
            }
            try await Task.sleep(for: request.pollInterval)
        }
    }

    /// A pod of the Deployment in CrashLoopBackOff, described.
    func crashLoopingPod(_ deployment: Deployment) async throws -> String? {
        guard let labels = deployment.spec?.selector.matchLabels, !labels.isEmpty else { return nil }
        let selector = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let pods = try await kubernetes.list(Pod.self, namespace: request.namespace, options: ListOptions(labelSelector: selector)).items
        for pod in pods {
            for container in pod.status?.containerStatuses ?? [] where container.state?.waiting?.reason == "CrashLoopBackOff" {
                return "\(pod.metadata.name ?? "?")/\(container.name): CrashLoopBackOff \(container.state?.waiting?.message ?? "")"
            }
        }
        return nil
    }
}
