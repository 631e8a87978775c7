import ArgumentParser
import AsyncHTTPClient
import Deploy
import Foundation
import Kubernetes
import Logging

/// `flywheel deploy`: rolls the agent's own Deployment to a new image and revision, from inside a job.
struct DeployCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Roll the flywheel Deployment to a new image and revision (one deploy per environment at a time).",
        discussion: """
            Takes the Lease flywheel-deploy-<environment> (waiting with progress, at most --lock-timeout), refuses a \
            revision older than the one deployed unless --force, sets the image and the flywheel.dev/revision \
            annotations, and follows the rollout until every replica runs the new template. Inside a job pod it uses \
            the pod's service account unless --kubeconfig is given. Exit status 0 when the rollout completed.
            """
    )

    @Option(help: "The new image.") var image: String
    @Option(help: "The new revision: a number that grows with every pipeline (CI_PIPELINE_IID).") var revision: Int64
    @Option(help: "Environment: one deploy lock per environment.") var environment: String
    @Option(help: "Namespace of the Deployment (default: POD_NAMESPACE, else the service account's or the kubeconfig context's).") var namespace: String?
    @Option(help: "The Deployment.") var deployment: String = "flywheel"
    @Option(help: "The container to update (default: the only one, or the one named like the Deployment).") var container: String?
    @Flag(help: "Deploy even when the deployed revision is newer (a deliberate rollback).") var force = false
    @Option(help: "Seconds to wait for another deploy of the environment.") var lockTimeout: Int = 600
    @Option(help: "Seconds the rollout may take.") var rolloutTimeout: Int = 900
    @Option(help: "Kubeconfig (default: in-cluster service account, else KUBECONFIG / ~/.kube/config).") var kubeconfig: String?
    @Option(help: "Kubeconfig context.") var context: String?

    func run() async throws {
        var logger = Logger(label: "flywheel.deploy")
        logger.logLevel = .warning
        let environmentVariables = ProcessInfo.processInfo.environment
        let identity = [environmentVariables["CI_JOB_ID"].map { "job-\($0)" }, environmentVariables["POD_NAME"] ?? ProcessInfo.processInfo.hostName]
            .compactMap { $0 }.joined(separator: "@")
        let configuration: KubernetesConfiguration
        do {
            configuration = try KubernetesConfiguration.load(context: context, kubeconfigPaths: kubeconfig.map { [$0] })
        } catch {
            throw ValidationFailure("cannot reach the cluster: \(error)")
        }
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let client: KubernetesClient
        do {
            client = try KubernetesClient(configuration: configuration, httpClient: http, logger: logger)
        } catch {
            try? await http.shutdown()
            throw ValidationFailure("cannot reach the cluster: \(error)")
        }
        // A job pod's own namespace is the fleet's: the service account's namespace file says it.
        let namespace = namespace ?? environmentVariables["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? configuration.namespace
        var request = SelfDeploy.Request(namespace: namespace, deployment: deployment, image: image, revision: revision, environment: environment, identity: identity)
        request.container = container
        request.force = force
        request.lockTimeout = .seconds(lockTimeout)
        request.rolloutTimeout = .seconds(rolloutTimeout)
        do {
            try await SelfDeploy(kubernetes: client, request: request) { line in print("flywheel deploy: \(line)") }.run()
            try? await http.shutdown()
        } catch {
            try? await http.shutdown()
            FileHandle.standardError.write(Data("flywheel deploy: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
