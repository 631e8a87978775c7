import Foundation
import Simulators
import Testing

/// `cache:` through the real agent (shell executor, local cache directory): saved by one job,
/// restored by the next with the same key or through a fallback key; `pull` never saves.
@Suite(.timeLimit(.minutes(3))) struct JobCacheEndToEndTests {
    static func cached(_ script: [String], key: String, policy: String = "pull-push", fallback: [String] = [], project: String) -> [String: Any] {
        var job = SimulatedJobs.script(script)
        job["job_info"] = ["name": "cache", "stage": "test", "project_id": 77, "project_name": project, "project_full_path": "group/\(project)"]
        job["cache"] = [["key": key, "untracked": false, "paths": ["vendor/"], "policy": policy, "when": "on_success", "fallback_keys": fallback]]
        return job
    }

    @Test func cacheIsRestoredByKeyAndByFallbackKey() async throws {
        let simulator = try await GitLabSimulator.started()
        let agent = try AgentProcess(simulator: simulator)
        try await running(agent, against: simulator) {
            // Each job is its own project directory (same project id, so the same cache namespace).
            let save = simulator.enqueue(job: Self.cached(["mkdir -p vendor", "echo built-once > vendor/lib.txt"], key: "deps-v1", project: "one"))
            let saved = try await simulator.waitForFinalState(job: save, timeout: .seconds(60))
            #expect(saved.state == .success)
            #expect(saved.traceText.contains("Created cache deps-v1"), "\(saved.traceText)")

            let sameKey = simulator.enqueue(job: Self.cached(["cat vendor/lib.txt"], key: "deps-v1", policy: "pull", project: "two"))
            let restored = try await simulator.waitForFinalState(job: sameKey, timeout: .seconds(60))
            #expect(restored.state == .success, "\(restored.traceText)")
            #expect(restored.traceText.contains("Successfully extracted cache deps-v1"))
            #expect(restored.traceText.contains("\nbuilt-once\n"))
            #expect(!restored.traceText.contains("Creating cache"), "policy pull never saves")

            let fallback = simulator.enqueue(job: Self.cached(["cat vendor/lib.txt"], key: "deps-feature", policy: "pull", fallback: ["deps-missing", "deps-v1"], project: "three"))
            let viaFallback = try await simulator.waitForFinalState(job: fallback, timeout: .seconds(60))
            #expect(viaFallback.state == .success, "\(viaFallback.traceText)")
            #expect(viaFallback.traceText.contains("deps-feature: no cache archive yet"))
            #expect(viaFallback.traceText.contains("Successfully extracted cache deps-v1"))
            #expect(viaFallback.traceText.contains("\nbuilt-once\n"))

            let cold = simulator.enqueue(job: Self.cached(["test ! -e vendor/lib.txt && echo cold"], key: "other", policy: "pull", project: "four"))
            let coldJob = try await simulator.waitForFinalState(job: cold, timeout: .seconds(60))
            #expect(coldJob.state == .success)
            #expect(coldJob.traceText.contains("\ncold\n"), "a missing cache is a warning, not a failure")
        }
    }
}
