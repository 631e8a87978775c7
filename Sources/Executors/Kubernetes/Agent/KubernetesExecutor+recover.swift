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
        let podNames = Set(pods.compactMap(\.metadata.name))
        var recovered: [RecoveredJob] = []
        for secret in secrets {
            guard let name = secret.metadata.name, let data = secret.data?["job.json"],
                  let job = try? JSONDecoder().decode(JobPayload.self, from: data) else { continue }
            var jobLogger = logger
            jobLogger[metadataKey: "job"] = "\(job.id)"
            let logger = jobLogger
            if podNames.contains(name) {
                logger.notice("adopting job pod \(name) left by an earlier agent")
                recovered.append(RecoveredJob(jobID: job.id) { control in
                    await follow(job, podName: name, control: control, logger: logger)
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
