import Foundation
import Simulators
import Testing

/// Termination messages: what a container writes to its terminationMessagePath, or its log's tail under
/// FallbackToLogsOnError, ends up in `state.terminated.message`.
@Suite(.timeLimit(.minutes(1)), .enabled(if: bubblewrapUsable, "bwrap (Debian package bubblewrap) is missing or cannot create namespaces here"))
struct KubernetesSimulatorTerminationMessageTests {
    @Test func theFileAtTerminationMessagePathBecomesTheMessage() async throws {
        try await withKubernetesSimulator { simulator, client in
            let pod = TestPods.pod("writer", containers: [
                TestPods.container("default", "printf 'failed script_failure 3' > /dev/termination-log"),
                TestPods.container("custom", "echo chatter; printf done > /tmp/../run/last-words; exit 1",
                                   extra: ["terminationMessagePath": "/run/last-words"]),
                TestPods.container("fallback", "for i in $(seq 1 100); do echo line $i; done; exit 2",
                                   extra: ["terminationMessagePolicy": "FallbackToLogsOnError"]),
                TestPods.container("silent", "echo only in the log", extra: ["terminationMessagePolicy": "FallbackToLogsOnError"]),
            ])
            _ = try await client.createPod(pod)
            let done = try await simulator.waitForPod("writer", until: TestPods.isDone)
            func message(_ container: String) -> SimulatedJSON? { TestPods.containerStatus(done, container)?["state"]?["terminated"]?["message"] }
            #expect(message("default") == "failed script_failure 3")
            #expect(message("custom") == "done")
            let fallback = message("fallback")?.stringValue ?? ""
            #expect(fallback.hasSuffix("line 100\n"), "the log's tail")
            #expect(!fallback.contains("line 19\n") && fallback.contains("line 21\n"), "at most 80 lines: \(fallback)")
            #expect(message("silent") == nil, "a successful container falls back to nothing")
        }
    }
}
