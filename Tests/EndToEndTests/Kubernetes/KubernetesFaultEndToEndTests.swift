import Foundation
import Simulators
import Testing

/// Faults injected into the Kubernetes simulator while `flywheel run` runs jobs: each ends the job
/// with the right state and reason, says why in the trace, and leaves no job pod or Secret behind.
@Suite(.serialized, .timeLimit(.minutes(5)), .enabled(if: KubernetesSimulator.isBubblewrapUsable, "needs bwrap (make test installs bubblewrap)"))
struct KubernetesFaultEndToEndTests {
    /// A job that prints `started` and then runs until the pod dies.
    static var longJob: [String: Any] { SimulatedJobs.script(["echo started", "while true; do sleep 0.2; done"]) }

    /// The name of the pod of `job`, once the job's trace shows it started.
    func podName(_ fleet: KubernetesFleet, _ job: SimulatedJobID) async throws -> String {
        try await fleet.gitlab.waitForTrace(job: job, containing: "started\n", timeout: .seconds(90))
        return try #require(fleet.createdPods(job: job).first?.value(at: ["metadata", "name"])?.stringValue)
    }

    @Test func imagePullFailureUsesTheReasonThePayloadSupports() async throws {
        try await withKubernetesFleet { fleet, _ in
            var supported = SimulatedJobs.script(["echo never"])
            supported["image"] = ["name": "registry.invalid/missing:1"]
            supported["features"] = ["failure_reasons": ["script_failure", "runner_system_failure", "image_pull_failure"]]
            var older = supported
            older["features"] = ["failure_reasons": ["script_failure", "runner_system_failure"]]
            let first = fleet.enqueue("docker", supported)
            let second = fleet.enqueue("docker", older)
            let job = try await fleet.gitlab.waitForFinalState(job: first, timeout: .seconds(90))
            #expect(job.state == .failed)
            #expect(job.failureReason == "image_pull_failure")
            #expect(job.traceText.contains("registry.invalid/missing:1"), "\(job.traceText)")
            #expect(job.traceText.contains("ErrImagePull") || job.traceText.contains("ImagePullBackOff"))
            let mapped = try await fleet.gitlab.waitForFinalState(job: second, timeout: .seconds(90))
            #expect(mapped.failureReason == "runner_system_failure")
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func unschedulablePodFailsAfterPollTimeout() async throws {
        var options = KubernetesFleet.Options()
        options.pollTimeout = 2
        try await withKubernetesFleet(options) { fleet, _ in
            fleet.kubernetes.setSchedulingEnabled(false)
            let id = fleet.enqueue("rocky8", SimulatedJobs.script(["echo never"]))
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .failed)
            #expect(job.failureReason == "runner_system_failure")
            #expect(job.traceText.contains("not scheduled within 2 s"), "\(job.traceText)")
            #expect(!job.traceText.contains("\nnever"))
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func supervisorDeathIsReportedByTheAgent() async throws {
        try await withKubernetesFleet { fleet, _ in
            let id = fleet.enqueue("docker", Self.longJob)
            let pod = try await podName(fleet, id)
            try fleet.kubernetes.oomKill(pod: pod, namespace: KubernetesFleet.namespace, container: "supervisor")
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .failed)
            #expect(job.failureReason == "runner_system_failure")
            #expect(job.traceText.contains("started\n"))
            #expect(job.traceText.contains("supervisor stopped before it reported"), "\(job.traceText)")
            #expect(job.traceText.contains("OOMKilled"))
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func buildContainerKilledFailsTheJob() async throws {
        try await withKubernetesFleet { fleet, _ in
            let id = fleet.enqueue("rocky9", Self.longJob)
            let pod = try await podName(fleet, id)
            try fleet.kubernetes.oomKill(pod: pod, namespace: KubernetesFleet.namespace, container: "build")
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(120))
            #expect(job.state == .failed)
            #expect(job.traceText.contains("started\n"))
            #expect(job.traceText.contains("the build container stopped answering"), "\(job.traceText)")
            #expect(job.traceText.contains("ERROR: Job failed"))
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func evictedPodFailsTheJobWithTheReason() async throws {
        try await withKubernetesFleet { fleet, _ in
            let id = fleet.enqueue("docker", Self.longJob)
            let pod = try await podName(fleet, id)
            try fleet.kubernetes.evict(pod: pod, namespace: KubernetesFleet.namespace)
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .failed)
            #expect(job.failureReason == "runner_system_failure")
            #expect(job.traceText.contains("Evicted"), "\(job.traceText)")
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func vanishedPodFailsTheJob() async throws {
        try await withKubernetesFleet { fleet, _ in
            let id = fleet.enqueue("nix", Self.longJob)
            let pod = try await podName(fleet, id)
            try fleet.kubernetes.vanish(pod: pod, namespace: KubernetesFleet.namespace)
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .failed)
            #expect(job.failureReason == "runner_system_failure")
            #expect(job.traceText.contains("disappeared"), "\(job.traceText)")
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func refusedPodCreationFailsTheJobAndDeletesTheSecret() async throws {
        try await withKubernetesFleet { fleet, _ in
            fleet.kubernetes.inject(KubernetesHTTPFault(.status(403), pathContains: "/namespaces/\(KubernetesFleet.namespace)/pods", method: "POST", count: 1))
            let id = fleet.enqueue("dind", SimulatedJobs.script(["echo never"]))
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .failed)
            #expect(job.failureReason == "runner_system_failure")
            #expect(job.traceText.contains("cannot be created"), "\(job.traceText)")
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func apiServerHiccupsAreRetried() async throws {
        try await withKubernetesFleet { fleet, _ in
            fleet.kubernetes.inject(KubernetesHTTPFault(.status(503), pathContains: "/namespaces/\(KubernetesFleet.namespace)/pods", method: "POST", count: 2))
            fleet.kubernetes.inject(KubernetesHTTPFault(.status(429, retryAfterSeconds: 1), pathContains: "/namespaces/\(KubernetesFleet.namespace)/secrets", method: "POST", count: 1))
            let id = fleet.enqueue("docker", SimulatedJobs.script(["echo fine"]))
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .success, "\(job.traceText)")
            #expect(fleet.kubernetes.armedFaults.isEmpty)
            try await fleet.waitForNoJobObjects()
        }
    }
}
