import AsyncHTTPClient
import Foundation
import Simulators
import Testing

/// `flywheel run` with the Kubernetes executor against both simulators: every job is a pod whose
/// supervisor streams the trace and reports the final state. Each test checks the state, the reason,
/// the exact trace, and that no job pod or Secret is left behind.
@Suite(.serialized, .timeLimit(.minutes(5)), .enabled(if: KubernetesSimulator.isBubblewrapUsable, "needs bwrap (make test installs bubblewrap)"))
struct KubernetesExecutorEndToEndTests {
    func expectExactTrace(_ job: SimulatedJobSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(job.checksumMatches == true, "reported \(job.reportedChecksum ?? "nil"), server has \(job.traceChecksum)", sourceLocation: sourceLocation)
        #expect(job.bytesizeMatches == true, sourceLocation: sourceLocation)
    }

    @Test func everyProfileRunsItsJobInItsPod() async throws {
        try await withKubernetesFleet { fleet, agent in
            let scripts: [String: [String]] = [
                "docker": ["echo profile-docker"],
                // The job waits for the daemon's client certificates, as real dind jobs wait for dockerd.
                "dind": [#"while [ ! -s /certs/client/ca.pem ]; do sleep 0.1; done"#, #"echo "docker at $DOCKER_HOST, ca $(cat /certs/client/ca.pem)""#],
                "rocky8": ["echo profile-rocky8"],
                "rocky9": ["echo profile-rocky9"],
                "nix": [#"printf '%s\n' "$NIX_CONFIG""#, "test -w /nix && echo nix-store-writable"],
            ]
            var ids: [String: SimulatedJobID] = [:]
            for profile in KubernetesFleet.profiles {
                var job = SimulatedJobs.script(scripts[profile]!)
                if profile == "docker" { job["image"] = ["name": "alpine:3.20"] }
                ids[profile] = fleet.enqueue(profile, job)
            }
            let expectedOutput = [
                "docker": "\nprofile-docker\n",
                "dind": "\ndocker at tcp://localhost:2376, ca stand-in-ca\n",
                "rocky8": "\nprofile-rocky8\n",
                "rocky9": "\nprofile-rocky9\n",
                "nix": "\nextra-substituters = https://cache.example.com/flywheel\nextra-trusted-public-keys = flywheel-cache-1:",
            ]
            let expectedImage = ["docker": "alpine:3.20", "dind": "docker:27-cli", "rocky8": "rockylinux/rockylinux:8", "rocky9": "rockylinux/rockylinux:9", "nix": "nixos/nix:"]
            for profile in KubernetesFleet.profiles {
                let id = ids[profile]!
                let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
                #expect(job.state == .success, "\(profile): \(job.traceText)")
                #expect(job.traceText.contains(expectedOutput[profile]!), "\(profile): \(job.traceText)")
                #expect(job.traceText.contains("Job succeeded"))
                expectExactTrace(job)
                let pods = fleet.createdPods(job: id)
                #expect(pods.count == 1, "\(profile): one pod per job")
                let image = pods.first.flatMap { KubernetesFleet.image(of: "build", in: $0) } ?? ""
                #expect(image.hasPrefix(expectedImage[profile]!), "\(profile) build image \(image)")
                #expect(pods.first?.value(at: ["metadata", "labels", "flywheel.dev/profile"])?.stringValue == profile)
            }
            if let dind = fleet.createdPods(job: ids["dind"]!).first {
                let containers = dind.value(at: ["spec", "containers"])?.arrayValue ?? []
                #expect(containers.contains { $0["name"]?.stringValue == "dind" && $0.value(at: ["securityContext", "privileged"])?.boolValue == true })
            }
            try await fleet.waitForNoJobObjects()
            // Each job's Secret was created once: ahead of the accept's answer, not again by the run.
            let secretCreates = fleet.kubernetes.requests(pathContains: "/namespaces/\(KubernetesFleet.namespace)/secrets", method: "POST")
            #expect(secretCreates.count == KubernetesFleet.profiles.count, "\(secretCreates.map(\.path))")
            // The runners advertise what pods honour: job images and services, no job cache (yet).
            let features = fleet.gitlab.requests(to: .request).first?.json?.value(at: ["info", "features"])
            #expect(features?["image"] == true && features?["services"] == true, "\(features?.description ?? "no features")")
            #expect(features?["cache"] == false)
            // Neither token reached the agent's log, nor the pods' specs.
            let log = agent.log
            for profile in KubernetesFleet.profiles {
                #expect(!log.contains(KubernetesFleet.token(profile)))
                let token = fleet.gitlab.job(ids[profile]!)?.token ?? "?"
                #expect(!log.contains(token))
                #expect(!fleet.createdPods.contains { $0.description.contains(token) })
            }
        }
    }

    @Test func scriptFailureReportsTheExitCodeAndRunsAfterScript() async throws {
        try await withKubernetesFleet { fleet, agent in
            let id = fleet.enqueue("docker", SimulatedJobs.script(["echo before", "exit 3", "echo never"], after: [#"echo "after:$CI_JOB_STATUS""#]))
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .failed)
            #expect(job.failureReason == "script_failure")
            #expect(job.exitCode == 3)
            #expect(job.traceText.contains("after:failed"))
            #expect(!job.traceText.contains("\nnever"))
            #expect(job.traceText.contains("ERROR: Job failed: exit code 3"))
            expectExactTrace(job)
            try await fleet.waitForNoJobObjects()
            // The agent learned the outcome from the supervisor's termination message (its metrics and
            // status page count it as a script failure, not a success).
            agent.signal(SIGTERM)
            _ = await agent.waitForExit()
            let finished = agent.log.split(separator: "\n").filter { $0.contains("job finished:") }
            #expect(finished.count == 1 && finished.allSatisfy { $0.contains("scriptFailure") && $0.contains("Optional(3)") }, "\(finished)")
        }
    }

    @Test func timeoutEndsTheJobAsGitLabExpects() async throws {
        try await withKubernetesFleet { fleet, _ in
            let id = fleet.enqueue("rocky9", SimulatedJobs.script(["echo start", "sleep 120", "echo never"], after: [#"echo "after:$CI_JOB_STATUS""#], timeout: 2))
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .failed)
            #expect(job.failureReason == "job_execution_timeout")
            #expect(job.traceText.contains("after:timedout"))
            #expect(!job.traceText.contains("\nnever"))
            expectExactTrace(job)
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func cancelingRunsAfterScriptThenCancels() async throws {
        try await withKubernetesFleet { fleet, _ in
            let id = fleet.enqueue("docker", SimulatedJobs.script(
                ["echo started", "for i in $(seq 1 600); do echo tick; sleep 0.2; done", "echo never"], after: [#"echo "after:$CI_JOB_STATUS""#]
            ))
            try await fleet.gitlab.waitForTrace(job: id, containing: "started\n", timeout: .seconds(90))
            _ = fleet.gitlab.cancel(job: id, graceful: true)
            let job = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .canceled)
            #expect(job.traceText.contains("after:canceled"))
            #expect(!job.traceText.contains("\nnever"))
            expectExactTrace(job)
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func canceledStopsThePodWithoutAfterScript() async throws {
        try await withKubernetesFleet { fleet, _ in
            let id = fleet.enqueue("docker", SimulatedJobs.script(
                ["echo started", "while true; do echo tick; sleep 0.2; done"], after: ["echo after-script-ran"]
            ))
            try await fleet.gitlab.waitForTrace(job: id, containing: "started\n", timeout: .seconds(90))
            _ = fleet.gitlab.cancel(job: id, graceful: false)
            try await fleet.waitForNoJobObjects()
            let job = try #require(fleet.gitlab.job(id))
            #expect(job.state == .canceled)
            #expect(!job.traceText.contains("after-script-ran"))
            #expect(!job.updates.contains { $0.state == "success" || $0.state == "failed" })
        }
    }

    @Test func artifactsPassFromAJobPodToTheNext() async throws {
        try await withKubernetesFleet { fleet, _ in
            var producer = SimulatedJobs.script(["mkdir -p out", "echo from-the-first-pod > out/result.txt", "echo scratch > out/tmp.log"])
            producer["artifacts"] = [["name": "out", "paths": ["out/"], "exclude": ["out/*.log"], "when": "on_success", "artifact_type": "archive", "artifact_format": "zip"]]
            let first = fleet.enqueue("docker", producer)
            let produced = try await fleet.gitlab.waitForFinalState(job: first, timeout: .seconds(90))
            #expect(produced.state == .success, "\(produced.traceText)")
            #expect(fleet.gitlab.artifacts(job: first.rawValue).map(\.filename) == ["out.zip"])

            let token = "glcbt-sim-pod-consumer-000001"
            var consumer = SimulatedJobs.script(["cat out/result.txt", "test ! -e out/tmp.log && echo excluded"])
            consumer["token"] = token
            consumer["dependencies"] = [["id": first.rawValue, "name": "producer", "token": token, "artifacts_file": ["filename": "out.zip", "size": 1]]]
            let second = fleet.enqueue("rocky9", consumer)
            let consumed = try await fleet.gitlab.waitForFinalState(job: second, timeout: .seconds(90))
            #expect(consumed.state == .success, "\(consumed.traceText)")
            #expect(consumed.traceText.contains("\nfrom-the-first-pod\n"))
            #expect(consumed.traceText.contains("\nexcluded\n"))
            expectExactTrace(consumed)
            try await fleet.waitForNoJobObjects()
        }
    }

    @Test func agentPodDeletionCostFollowsItsRunningJobs() async throws {
        let environment = ["POD_NAME": "agent-0", "POD_NAMESPACE": KubernetesFleet.namespace]
        try await withKubernetesFleet(agentEnvironment: environment, beforeAgent: { fleet in
            // The agent's own pod, as its Deployment would have created it.
            try fleet.kubernetes.create([
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "agent-0", "namespace": .string(KubernetesFleet.namespace)],
                "spec": ["containers": [["name": "agent", "image": "flywheel/flywheel:e2e", "command": ["sleep", "300"]]]],
            ], namespace: KubernetesFleet.namespace)
        }) { fleet, _ in
            @Sendable func cost() -> String? {
                fleet.kubernetes.pod("agent-0", namespace: KubernetesFleet.namespace)?.value(at: ["metadata", "annotations", "controller.kubernetes.io/pod-deletion-cost"])?.stringValue
            }
            try await fleet.kubernetes.wait(for: "idle cost 0", timeout: .seconds(60)) { _ in cost() == "0" }
            let release = fleet.shared.appendingPathComponent("release").path
            let id = fleet.enqueue("docker", SimulatedJobs.script(["echo started", "while [ ! -f '\(release)' ]; do sleep 0.1; done"]))
            try await fleet.gitlab.waitForTrace(job: id, containing: "started\n", timeout: .seconds(90))
            try await fleet.kubernetes.wait(for: "busy cost 1", timeout: .seconds(60)) { _ in cost() == "1" }
            FileManager.default.createFile(atPath: release, contents: nil)
            _ = try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90))
            try await fleet.kubernetes.wait(for: "idle cost 0 again", timeout: .seconds(60)) { _ in cost() == "0" }
        }
    }

    @Test func statusPageShowsAJobPodsProfileAndPhase() async throws {
        var options = KubernetesFleet.Options()
        let port = try StatusServerTests.freePort()
        options.listenAddress = "127.0.0.1:\(port)"
        try await withKubernetesFleet(options) { fleet, _ in
            let release = fleet.shared.appendingPathComponent("release").path
            let id = fleet.enqueue("rocky9", SimulatedJobs.script(["echo started", "while [ ! -f '\(release)' ]; do sleep 0.1; done"]))
            try await fleet.gitlab.waitForTrace(job: id, containing: "started\n", timeout: .seconds(90))
            // The trace comes from the supervisor, so the pod runs; the page shows the phase once the
            // agent's pod watch delivered it (asynchronously): ask until it does (bounded).
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            let row = "<tr><td>\(id.rawValue)</td><td>group/e2e</td><td>e2e</td><td>kube-rocky9</td><td>rocky9</td><td>Running</td>"
            var html = ""
            do {
                let deadline = ContinuousClock.now + .seconds(30)
                repeat {
                    html = try await StatusServerTests().get(http, "http://127.0.0.1:\(port)/").body
                    if html.contains(row) { break }
                    try await Task.sleep(for: .milliseconds(100))
                } while ContinuousClock.now < deadline
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
            #expect(html.contains(row), "the running job row: \(html)")
            #expect(html.contains("<td>kube-rocky9</td><td>\(fleet.gitlab.baseURL)</td><td>kubernetes</td><td>rocky9</td>"), "the runner row")
            FileManager.default.createFile(atPath: release, contents: nil)
            #expect(try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90)).state == .success)
        }
    }
}
