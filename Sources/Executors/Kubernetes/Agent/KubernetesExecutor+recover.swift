import Foundation
import GitLabRunnerAPI
import JobExecution
import Kubernetes
import Logging
import RunnerConfiguration

extension KubernetesExecutor {
    /// Finds this runner's job pods left by an earlier agent (restart, rollout, crash) and follows each one;
    /// a Secret whose pod was never created (the agent died in between) ends its job as a system failure.
    ///
    /// Several agents following the same pod is harmless: the supervisor in the pod owns the trace, keep-alives
    /// are idempotent, and a second final report or delete is refused by GitLab or Kubernetes.
    public func recover() async -> [RecoveredJob] {
        let selector = JobPodLabels.selector(runner: builder.settings.runnerName)
        let pods: [Pod]
        let secrets: [Secret]
        do {
            pods = try await kubernetes.list(Pod.self, namespace: settings.namespace, options: ListOptions(labelSelector: selector)).items
            secrets = try await kubernetes.list(Secret.self, namespace: settings.namespace, options: ListOptions(labelSelector: selector)).items
        } catch {
            logger.error("cannot list job pods to adopt (\(selector)): \(error); running pods of an earlier agent are not followed")
            return []
        }
        let podsByName = Dictionary(pods.compactMap { pod in pod.metadata.name.map { ($0, pod) } }, uniquingKeysWith: { first, _ in first })
        var recovered: [RecoveredJob] = []
        for secret in secrets {
            guard let name = secret.metadata.name, let data = secret.data?["job.json"],
                  let job = try? JSONDecoder().decode(JobPayload.self, from: data) else { continue }
            var jobLogger = logger
            jobLogger[metadataKey: "job"] = "\(job.id)"
            let logger = jobLogger
            if let pod = podsByName[name] {
                logger.notice("adopting job pod \(name) left by an earlier agent")
                recovered.append(RecoveredJob(jobID: job.id) { control in
                    await follow(job, pod: pod, control: control, logger: logger)
                })
            } else {
                recovered.append(RecoveredJob(jobID: job.id) { _ in
                    let reported = await JobReport(jobID: job.id, jobToken: job.token, api: api, logger: logger).failWithoutRunning(
                        message: "The agent stopped after it accepted this job and before its pod was created.",
                        reason: .runnerSystemFailure, supportedReasons: job.features.failureReasons
                    )
                    _ = try? await kubernetes.delete(Secret.self, name: name, namespace: settings.namespace, options: DeleteOptions())
                    return JobOutcome(result: .failed(.runnerSystemFailure, exitCode: nil), reported: reported)
                })
            }
        }
        return recovered
    }
}

extension KubernetesExecutor {
    /// Job pods of this runner (from its pod watch) whose agent pod (``JobPodBuilder/agentPodAnnotation``) is gone or terminating,
    /// for a periodic scan: an agent that took a job after the others started and was then removed (a
    /// rollout, a scale-in) leaves its pods to whoever claims them first. Claiming is a merge patch of the
    /// annotation with the pod's resourceVersion, so of two agents one wins (the other gets 409 and skips).
    ///
    /// Outside a Deployment (no agent pod) there is nothing to scan: everything is adopted at start.
    public func adoptOrphans(excluding running: Set<Int64>) async -> [RecoveredJob] {
        guard let me = agentPod else { return [] }
        var ownerAlive: [String: Bool] = [:]
        var adopted: [RecoveredJob] = []
        // The runner's pod watch holds every job pod already: no LIST beside it.
        for pod in pods.all where pod.metadata.deletionTimestamp == nil {
            guard let name = pod.metadata.name, let id = pod.metadata.labels?[JobPodLabels.jobID].flatMap({ Int64($0) }), !running.contains(id),
                  let owner = pod.metadata.annotations?[JobPodBuilder.agentPodAnnotation] else { continue }
            if owner != me.name {
                if ownerAlive[owner] == nil { ownerAlive[owner] = await agentPodIsAlive(owner, namespace: me.namespace) }
                guard ownerAlive[owner] == false else { continue }
            }
            guard await claim(pod, name: name, as: me.name) else { continue }
            let job: JobPayload
            do {
                let secret = try await kubernetes.get(Secret.self, name: name, namespace: settings.namespace)
                guard let data = secret.data?["job.json"] else { continue }
                job = try JSONDecoder().decode(JobPayload.self, from: data)
            } catch {
                logger.warning("cannot read the Secret of orphaned job pod \(name): \(error)")
                continue
            }
            var jobLogger = logger
            jobLogger[metadataKey: "job"] = "\(job.id)"
            let followLogger = jobLogger
            followLogger.notice("adopting job pod \(name): its agent \(owner) is gone")
            adopted.append(RecoveredJob(jobID: job.id) { control in
                await follow(job, pod: pod, control: control, logger: followLogger)
            })
        }
        return adopted
    }

    /// Whether agent pod `name` still runs (exists, not being deleted, not finished). Unsure (an API
    /// error) counts as alive: a pod is adopted only when its agent is known to be gone.
    func agentPodIsAlive(_ name: String, namespace: String) async -> Bool {
        do {
            let pod = try await kubernetes.get(Pod.self, name: name, namespace: namespace)
            let phase = pod.status?.phase?.rawValue
            return pod.metadata.deletionTimestamp == nil && phase != "Succeeded" && phase != "Failed"
        } catch let error as KubernetesError where error.isNotFound {
            return false
        } catch {
            logger.debug("cannot read agent pod \(namespace)/\(name): \(error)")
            return true
        }
    }

    /// Records this agent on the job pod, unless another agent changed the pod since it was listed.
    func claim(_ pod: Pod, name: String, as agent: String) async -> Bool {
        struct Claim: Encodable, Sendable {
            struct Metadata: Encodable, Sendable {
                var resourceVersion: String?
                var annotations: [String: String]
            }
            var metadata: Metadata
        }
        let patch = Claim(metadata: .init(resourceVersion: pod.metadata.resourceVersion, annotations: [JobPodBuilder.agentPodAnnotation: agent]))
        do {
            _ = try await kubernetes.mergePatch(Pod.self, name: name, namespace: settings.namespace, patch: patch)
            return true
        } catch {
            logger.debug("job pod \(name) was claimed by another agent first (\(error))")
            return false
        }
    }
}
