import Foundation
import Logging

extension KubernetesSimulator {
    /// The Deployment controller (see ``DeploymentRollout``): after every change of the store, and at
    /// least every second (progress deadlines pass without a change), each Deployment gets one step.
    /// Runs until cancelled.
    func runDeploymentController() async {
        while !Task.isCancelled {
            let generation = cluster.changes.generation
            reconcileDeployments()
            // Each step changes the store itself; a short pause keeps a step that cannot succeed
            // (a pod the API refuses) from spinning.
            try? await Task.sleep(for: .milliseconds(20))
            _ = await cluster.changes.wait(after: generation, until: .now + .seconds(1))
        }
    }

    /// One step for every Deployment.
    func reconcileDeployments() {
        let everything = { (resource: ResourceType) in WatchFilter(resource: resource, namespace: nil, labels: .everything, fields: .everything) }
        let deployments = cluster.read { $0.items(everything(.deployments)).map(\.object) }
        guard !deployments.isEmpty else { return }
        let pods = cluster.read { $0.items(everything(.pods)).map(\.object) }
        for deployment in deployments where deployment.value(at: ["metadata", "deletionTimestamp"]) == nil {
            reconcile(deployment, pods: pods)
        }
    }

    private func reconcile(_ deployment: SimulatedJSON, pods: [SimulatedJSON]) {
        let uid = deployment.metadataUID
        let namespace = deployment.metadataNamespace
        let owned = pods.filter { pod in
            pod.metadataNamespace == namespace
                && pod.array(at: ["metadata", "ownerReferences"]).contains { $0["uid"]?.stringValue == uid }
        }
        let template = deployment.value(at: ["spec", "template"]) ?? [:]
        let hash = PodTemplateHash.of(template)
        let step = DeploymentRollout.plan(deployment: deployment, pods: owned, hash: hash, now: .now())
        for name in step.delete {
            do {
                _ = try cluster.delete(.pods, key: ObjectKey(.pods, namespace: namespace, name: name), options: DeleteOptions())
                logger.debug("deployment \(namespace)/\(deployment.metadataName): deleting pod \(name)")
            } catch {
                logger.debug("deployment \(namespace)/\(deployment.metadataName): cannot delete pod \(name): \(error)")
            }
        }
        for _ in 0..<step.create {
            do {
                let pod = try create(Self.pod(from: template, of: deployment, hash: hash), namespace: namespace)
                logger.debug("deployment \(namespace)/\(deployment.metadataName): created pod \(pod.metadataName)")
            } catch {
                logger.warning("deployment \(namespace)/\(deployment.metadataName): cannot create a pod: \(error)")
                break
            }
        }
        guard deployment.value(at: ["status"]) != step.status else { return }
        let key = ObjectKey(.deployments, namespace: namespace, name: deployment.metadataName)
        _ = try? cluster.update(.deployments, key: key) { (current: SimulatedJSON) throws(KubernetesAPIError) -> SimulatedJSON in
            guard current.metadataUID == uid else { return current }
            var next = current
            next.setValue(step.status, at: ["status"])
            return next
        }
    }

    /// A pod of the Deployment's template, owned by the Deployment and labelled with the template hash.
    static func pod(from template: SimulatedJSON, of deployment: SimulatedJSON, hash: String) -> SimulatedJSON {
        var metadata = template["metadata"] ?? [:]
        var labels = metadata["labels"] ?? [:]
        labels[DeploymentRollout.templateHashLabel] = .string(hash)
        metadata["labels"] = labels
        metadata["generateName"] = .string("\(deployment.metadataName)-\(hash)-")
        metadata["name"] = nil
        metadata["ownerReferences"] = [[
            "apiVersion": "apps/v1", "kind": "Deployment", "name": .string(deployment.metadataName),
            "uid": .string(deployment.metadataUID), "controller": true, "blockOwnerDeletion": true,
        ]]
        return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": template["spec"] ?? [:]]
    }
}
