import Foundation
import NIOHTTP1
import Simulators
import Testing

@Suite(.timeLimit(.minutes(3)), .enabled(if: Kubectl.isInstalled, "kubectl is not installed at /usr/bin/kubectl"))
struct KubernetesSimulatorKubectlTests {
    private func withKubectl(token: String? = "kubectl-token", _ body: (KubernetesSimulator, Kubectl) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "kube-sim-kubectl-" + UUID().uuidString.prefix(8)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await withKubernetesSimulator(tls: true, token: "kubectl-token") { simulator, _ in
            let kubectl = try Kubectl(directory: directory, server: simulator.baseURL, caFile: simulator.caFile, token: token)
            try await body(simulator, kubectl)
        }
    }

    @Test(.enabled(if: bubblewrapUsable, "needs bwrap")) func kubectlDrivesThePodLifecycleOverTLS() async throws {
        try await withKubectl { simulator, kubectl in
            let empty = try await kubectl.run(["get", "pods"])
            #expect(empty.status == 0, "\(empty.error)")
            #expect(empty.error.contains("No resources found in default namespace."))

            let manifest = kubectl.directory + "/pod.yaml"
            try """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: job-1
                  labels:
                    app: ci
                spec:
                  restartPolicy: Never
                  containers:
                  - name: build
                    image: alpine:3
                    command: ["sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.2; done"]

                """.write(toFile: manifest, atomically: true, encoding: .utf8)
            let created = try await kubectl.run(["create", "-f", manifest])
            #expect(created.status == 0, "\(created.error)")
            #expect(created.output == "pod/job-1 created\n")
            let create = try #require(simulator.requests(pathContains: "/pods", method: "POST").first)
            #expect(create.queryValue("fieldValidation") == "Strict", "the OpenAPI stub lets kubectl validate on the server")

            try await simulator.waitForPod("job-1") { TestPods.containerStatus($0, "build")?["state"]?["running"] != nil }
            let logs = try await kubectl.run(["logs", "-f", "job-1"])
            #expect(logs.status == 0, "\(logs.error)")
            #expect(logs.output == "line 1\nline 2\nline 3\n")

            try await simulator.waitForPod("job-1", until: TestPods.isDone)
            let listed = try await kubectl.run(["get", "pods", "-l", "app=ci"])
            #expect(listed.status == 0, "\(listed.error)")
            #expect(listed.output.contains("job-1"))
            #expect(listed.output.contains("Completed"))
            #expect(listed.output.hasPrefix("NAME"))

            let described = try await kubectl.run(["describe", "pod", "job-1"])
            #expect(described.status == 0, "\(described.error)")
            for fragment in ["Name:", "job-1", "Status:           Succeeded", "Exit Code:    0", "Events:", "Started container build"] {
                #expect(described.output.contains(fragment), "missing \(fragment) in \(described.output)")
            }

            let deleted = try await kubectl.run(["delete", "pod", "job-1"])
            #expect(deleted.status == 0, "\(deleted.error)")
            #expect(deleted.output == "pod \"job-1\" deleted\n")
            #expect(simulator.pod("job-1") == nil)

            let apiRequests = simulator.requests.filter { $0.path.hasPrefix("/api/") }
            #expect(!apiRequests.isEmpty)
            #expect(apiRequests.allSatisfy { $0.headers["Authorization"] == "Bearer kubectl-token" })
        }
    }

    @Test(.enabled(if: bubblewrapUsable, "needs bwrap")) func kubectlDeleteWaitsForTheGracePeriod() async throws {
        try await withKubectl { simulator, kubectl in
            let run = try await kubectl.run(["run", "stubborn", "--image=alpine:3", "--restart=Never", "--command", "--",
                                             "sh", "-c", "trap 'echo ignored' TERM; echo ready; while true; do sleep 0.05; done"])
            #expect(run.status == 0, "\(run.error)")
            try await simulator.wait(for: "the trap") { $0.logs(pod: "stubborn")?.contains("ready") == true }
            let started = ContinuousClock.now
            let deleted = try await kubectl.run(["delete", "pod", "stubborn", "--grace-period=1"])
            #expect(deleted.status == 0, "\(deleted.error)")
            #expect(ContinuousClock.now - started >= .milliseconds(900))
            #expect(simulator.pod("stubborn") == nil)
            #expect(!simulator.requests(pathContains: "/pods").filter { $0.queryValue("watch") == "true" }.isEmpty)
        }
    }

    /// A wrong token, not a missing one: with no credentials at all kubectl prompts for a
    /// username on stdin instead of asking the server.
    @Test func kubectlWithAWrongTokenIsUnauthorized() async throws {
        try await withKubectl(token: "not-the-token") { _, kubectl in
            let refused = try await kubectl.run(["get", "pods"])
            #expect(refused.status != 0)
            #expect(refused.error.contains("Unauthorized") || refused.error.contains("must be logged in"), "\(refused.error)")
        }
    }

    @Test func kubectlGetLeasesAndRawPaths() async throws {
        try await withKubectl { simulator, kubectl in
            try simulator.create(["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "flywheel"],
                                  "spec": ["holderIdentity": "agent-1"]])
            let leases = try await kubectl.run(["get", "leases"])
            #expect(leases.status == 0, "\(leases.error)")
            #expect(leases.output.contains("flywheel") && leases.output.contains("agent-1"))
            let raw = try await kubectl.run(["get", "--raw", "/api/v1/namespaces/default/secrets"])
            #expect(raw.status == 0, "\(raw.error)")
            #expect(raw.output.contains("\"kind\":\"SecretList\""))
        }
    }
}
