import AsyncHTTPClient
import Foundation
import Executors
import GitLabRunnerAPI
import Kubernetes
import Logging
import RunnerConfiguration

/// Builds a runner's ``KubernetesExecutor`` from its `[runners.kubernetes]` settings.
enum KubernetesExecutorFactory {
    static func make(settings: RunnerSettings, systemID: String, api: any JobAPI, httpClient: HTTPClient, logger: Logger) throws -> KubernetesExecutor {
        guard let kubernetes = settings.kubernetes else {
            throw ValidationFailure("executor = \"kubernetes\" needs a [runners.kubernetes] section")
        }
        let profile = try ExecutorProfile.load(named: kubernetes.profile, directory: kubernetes.profilesDir)
        let client = try self.client(kubernetes, httpClient: httpClient, logger: logger)
        let builder = JobPodBuilder(
            namespace: kubernetes.namespace, profile: profile, helperImage: kubernetes.helperImage,
            settings: PodJobSettings(
                serverURL: settings.url, runnerName: settings.name, runnerShortToken: TokenDisplay.short(settings.token),
                systemID: systemID, outputLimitKiB: settings.outputLimitKiB
            )
        )
        var executor = KubernetesExecutor(kubernetes: client, api: api, builder: builder, settings: kubernetes, logger: logger)
        // In a Deployment, job pods name the agent pod that follows them, so another agent adopts them once it is gone.
        let environment = ProcessInfo.processInfo.environment
        if let pod = environment["POD_NAME"], !pod.isEmpty, let namespace = environment["POD_NAMESPACE"], !namespace.isEmpty {
            executor.agentPod = AgentPodReference(name: pod, namespace: namespace)
        }
        return executor
    }
}

extension KubernetesExecutorFactory {
    /// A client for the cluster of `[runners.kubernetes]` (its kubeconfig and context, else in-cluster).
    static func client(_ kubernetes: KubernetesSettings, httpClient: HTTPClient, logger: Logger) throws -> KubernetesClient {
        let configuration = try KubernetesConfiguration.load(context: kubernetes.context, kubeconfigPaths: kubernetes.kubeconfig.map { [$0] })
        return try KubernetesClient(configuration: configuration, httpClient: httpClient, logger: logger)
    }
}

/// A setup problem, shown as is.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
