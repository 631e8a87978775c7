import GitLabRunnerAPI
import Kubernetes
import Logging
import RunnerConfiguration

extension KubernetesExecutor {
    /// Creates the job's Secret while GitLab confirms the accept, so that only the pod create is left
    /// once it has. A Secret alone starts nothing. On failure nothing is recorded, and ``run(_:control:)``
    /// creates it again and reports what fails.
    public func prepare(_ job: JobPayload) async {
        guard let secret = try? builder.secret(for: job) else { return }
        do {
            _ = try await kubernetes.create(secret, namespace: settings.namespace, options: CreateOptions())
            preparedSecrets.insert(job.id)
        } catch {
            logger.debug("the Secret of job \(job.id) was not created ahead of the accept (run tries again): \(error)")
        }
    }

    /// Deletes the Secret of a job GitLab did not confirm.
    public func discard(_ job: JobPayload) async {
        guard preparedSecrets.take(job.id) else { return }
        await deleteSecret(builder.podName(jobID: job.id), logger: logger)
    }
}
