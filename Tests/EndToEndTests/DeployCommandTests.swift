import Foundation
import Simulators
import Testing

/// The real `flywheel deploy` against the Kubernetes simulator: a refused older revision, and a rollout
/// that cannot finish because the new image cannot be pulled (full rollouts: SelfDeployTests and the
/// fleet drill in SelfDeployDrillTests).
@Suite(.timeLimit(.minutes(2))) struct DeployCommandTests {
    @Test func refusesAnOlderRevisionAndReportsAStuckRollout() async throws {
        var configuration = KubernetesSimulatorConfiguration(namespaces: ["ci"], sandbox: .processes)
        configuration.failingImagePatterns = ["*:unpullable"]
        let simulator = KubernetesSimulator(configuration: configuration)
        try await simulator.start()
        let directory = try AgentProcess.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try simulator.create([
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": ["name": "flywheel", "namespace": "ci", "annotations": ["flywheel.dev/revision": "5"]],
                "spec": [
                    "replicas": 1, "selector": ["matchLabels": ["app": "flywheel"]],
                    "template": [
                        "metadata": ["labels": ["app": "flywheel"]],
                        "spec": ["automountServiceAccountToken": false, "containers": [[
                            "name": "agent", "image": "flywheel/flywheel:v1", "command": ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"],
                        ]]],
                    ],
                ],
            ], namespace: "ci")
            let kubeconfig = directory.appendingPathComponent("kubeconfig").path
            try """
                apiVersion: v1
                kind: Config
                clusters: [{name: sim, cluster: {server: "\(simulator.baseURL)"}}]
                users: [{name: sim, user: {}}]
                contexts: [{name: sim, context: {cluster: sim, user: sim}}]
                current-context: sim
                """.write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let common = ["deploy", "--kubeconfig", kubeconfig, "--namespace", "ci", "--environment", "staging", "--image", "flywheel/flywheel:unpullable"]
            let older = try await CommandLine.flywheel(common + ["--revision", "3"])
            #expect(older.status == 1)
            #expect(older.output.contains("refusing to deploy revision 3 over the newer revision 5"), "\(older.output)")
            #expect(simulator.object("deployments", name: "flywheel", namespace: "ci")?.value(at: ["metadata", "annotations", "flywheel.dev/revision"])?.stringValue == "5")

            let stuck = try await CommandLine.flywheel(common + ["--revision", "6", "--rollout-timeout", "1"])
            #expect(stuck.status == 1)
            #expect(stuck.output.contains("flywheel deploy: deploy lock flywheel-deploy-staging taken"))
            #expect(stuck.output.contains("rollout: observedGeneration"), "\(stuck.output)")
            #expect(stuck.output.contains("did not finish within 1 s"))
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }
}
