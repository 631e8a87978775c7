import Foundation
import AsyncHTTPClient
import Executors
import GitLabRunnerAPI
import Kubernetes
import Logging
import RunnerConfiguration
import Simulators
import Testing

/// The job's Secret is created while GitLab confirms the accept, and deleted when GitLab does not.
@Suite(.timeLimit(.minutes(1)))
struct KubernetesExecutorPrepareTests {
    func withExecutor(_ body: (KubernetesExecutor, KubernetesSimulator) async throws -> Void) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let simulator = KubernetesSimulator(configuration: KubernetesSimulatorConfiguration(namespaces: ["ci"], sandbox: .processes), logger: logger)
        try await simulator.start()
        do {
            try await HTTPClient.withHTTPClient { http in
                let client = try KubernetesClient(configuration: KubernetesConfiguration(server: simulator.baseURL, namespace: "ci"), httpClient: http, logger: logger)
                let executor = KubernetesExecutor(
                    kubernetes: client, api: RefusingJobAPI(), builder: try JobPodBuilderTests().builder("docker"),
                    settings: KubernetesSettings(namespace: "ci", profile: "docker", profilesDir: ExecutorProfileTests.directory), logger: logger
                )
                try await body(executor, simulator)
            }
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    func secretNames(_ simulator: KubernetesSimulator) -> [String] {
        simulator.objects("secrets", namespace: "ci").compactMap { $0.value(at: ["metadata", "name"])?.stringValue }
    }

    @Test func prepareCreatesTheSecretAndDiscardDeletesIt() async throws {
        try await withExecutor { executor, simulator in
            let job = JobPodBuilderTests().job()
            let name = try JobPodBuilderTests().builder("docker").podName(jobID: job.id)
            await executor.prepare(job)
            #expect(secretNames(simulator) == [name])
            #expect(simulator.requests(pathContains: "/namespaces/ci/pods").isEmpty, "a prepared job has no pod")
            await executor.discard(job)
            #expect(secretNames(simulator).isEmpty)
            await executor.discard(job)
            #expect(simulator.requests(pathContains: "/secrets/\(name)", method: "DELETE").count == 1, "discarded once")
        }
    }

    @Test func discardWithoutPrepareSendsNothing() async throws {
        try await withExecutor { executor, simulator in
            await executor.discard(JobPodBuilderTests().job())
            #expect(simulator.requests(pathContains: "/namespaces/ci/").isEmpty)
        }
    }
}
