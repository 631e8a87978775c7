import AsyncHTTPClient
import Executors
import Kubernetes
import Logging
import Simulators
import Synchronization
import Testing

/// The drift line's source: the agent reads `flywheel.dev/revision` of its Deployment, and says `nil`
/// when the Deployment or the annotation is gone.
@Suite(.timeLimit(.minutes(1)))
struct RequestedRevisionTests {
    final class Reports: Sendable {
        let values = Mutex<[String?]>([])
        func add(_ value: String?) { values.withLock { $0.append(value) } }
        var last: String?? { values.withLock { $0.last } }
    }

    @Test func followsTheDeploymentsAnnotation() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        var configuration = KubernetesSimulatorConfiguration(namespaces: ["ci"], sandbox: .processes)
        configuration.runsDeploymentController = false
        let simulator = KubernetesSimulator(configuration: configuration, logger: logger)
        try await simulator.start()
        do {
            try simulator.create([
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": ["name": "flywheel", "annotations": ["flywheel.dev/revision": "7"]],
                "spec": ["selector": ["matchLabels": ["app": "a"]], "template": ["metadata": ["labels": ["app": "a"]],
                         "spec": ["containers": [["name": "agent", "image": "flywheel/flywheel:v1"]]]]],
            ], namespace: "ci")
            try await HTTPClient.withHTTPClient { http in
                let client = try KubernetesClient(configuration: KubernetesConfiguration(server: simulator.baseURL, namespace: "ci"), httpClient: http, logger: logger)
                let reader = RequestedRevision(kubernetes: client, deployment: "flywheel", namespace: "ci", interval: .milliseconds(20), logger: logger)
                let reports = Reports()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await reader.run(report: reports.add) }
                    try await simulator.wait(for: "revision 7", timeout: .seconds(20)) { _ in reports.last == .some("7") }
                    _ = try await client.mergePatch(Deployment.self, name: "flywheel", namespace: "ci",
                                                    patch: ["metadata": ["annotations": ["flywheel.dev/revision": "8"]]])
                    // Each read is a recorded request, which wakes the simulator's waiters.
                    try await simulator.wait(for: "revision 8", timeout: .seconds(20)) { _ in reports.last == .some("8") }
                    try simulator.delete("deployments", name: "flywheel", namespace: "ci")
                    try await simulator.wait(for: "no revision", timeout: .seconds(20)) { _ in reports.last == .some(nil) }
                    group.cancelAll()
                }
            }
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }
}
