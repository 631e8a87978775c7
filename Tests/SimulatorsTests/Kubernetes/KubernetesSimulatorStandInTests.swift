import Foundation
import Simulators
import Testing

/// Stand-in images: pods that hold their place without processes (the agent benchmark's sleeping pods).
@Suite(.timeLimit(.minutes(1)))
struct KubernetesSimulatorStandInTests {
    @Test func aStandInPodRunsWithoutAProcessUntilItIsDeleted() async throws {
        try await withKubernetesSimulator({ configuration in
            configuration.images = KubernetesImageMap(entries: [("bench/*", KubernetesSimulatedImage(standIn: true))])
        }) { simulator, client in
            // The command would fail at once if it ran: a stand-in runs nothing.
            var pod = TestPods.pod("sleeper", containers: [TestPods.container("build", "exit 3")],
                                   initContainers: [TestPods.container("prepare", "exit 4")])
            pod = pod.replacingImages(with: "bench/sleeper:1")
            let before = Date()
            _ = try await client.createPod(pod)
            let running = try await simulator.waitForPod("sleeper") { TestPods.containerStatus($0, "build")?["state"]?["running"] != nil }
            #expect(TestPods.phase(running) == "Running")
            #expect(TestPods.containerStatus(running, "prepare")?["state"]?["terminated"]?["exitCode"] == 0)
            #expect(simulator.logs(pod: "sleeper", container: "build") == "")
            let create = try #require(simulator.requests(pathContains: "/pods", method: "POST").first)
            #expect(create.time >= before.addingTimeInterval(-1) && create.time <= Date(), "requests carry their arrival time")

            let deleted = try await client.delete("/api/v1/namespaces/default/pods/sleeper")
            #expect(deleted.status == 200)
            try await simulator.waitForDeletion("pods", name: "sleeper", timeout: .seconds(60))
        }
    }
}

extension SimulatedJSON {
    /// The pod with every container's image replaced.
    fileprivate func replacingImages(with image: String) -> SimulatedJSON {
        var pod = self
        for key in ["containers", "initContainers"] {
            guard let containers = pod["spec"]?[key]?.arrayValue else { continue }
            var spec = pod["spec"] ?? [:]
            spec[key] = .array(containers.map { container in
                var container = container
                container["image"] = .string(image)
                return container
            })
            pod["spec"] = spec
        }
        return pod
    }
}
