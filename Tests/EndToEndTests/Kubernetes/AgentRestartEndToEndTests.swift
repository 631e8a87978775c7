import Foundation
import Simulators
import Testing

/// The job's owner lives in its pod: an agent killed with `kill -9` loses no job, and the agent that
/// replaces it adopts the running pods instead of starting their jobs again.
@Suite(.timeLimit(.minutes(5)), .enabled(if: KubernetesSimulator.isBubblewrapUsable, "needs bwrap (make test installs bubblewrap)"))
struct AgentRestartEndToEndTests {
    @Test func killNineWithTenJobsRunningLosesNoneAndRunsNoneTwice() async throws {
        var options = KubernetesFleet.Options()
        options.concurrent = 10
        let fleet = try await KubernetesFleet.start(options: options)
        let first = try fleet.startAgent()
        var second: AgentProcess?
        do {
            let release = fleet.shared.appendingPathComponent("release").path
            var ids: [SimulatedJobID] = []
            for index in 0..<10 {
                let profile = KubernetesFleet.profiles[index % KubernetesFleet.profiles.count]
                // Output keeps flowing while the agent is down: no byte may be lost or repeated.
                ids.append(fleet.enqueue(profile, TickingJob.payload(release: release)))
            }
            for id in ids {
                try await fleet.gitlab.waitForTrace(job: id, containing: "started \(id.rawValue)\n", timeout: .seconds(120))
            }
            first.signal(SIGKILL)
            _ = await first.waitForExit()

            second = try fleet.startAgent()
            FileManager.default.createFile(atPath: release, contents: nil)
            for id in ids {
                TickingJob.expectEveryByteOnce(try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(120)))
                #expect(fleet.createdPods(job: id).count == 1, "job \(id.rawValue) got one pod")
            }
            #expect(fleet.gitlab.requests(to: .request).filter { $0.responseStatus == 201 }.count == 10, "each job handed out once")
            // The new agent adopted the pods: it follows them to their end and deletes them.
            try await fleet.waitForNoJobObjects(timeout: .seconds(90))
            #expect(second?.log.contains("adopting job pod") == true)
        } catch {
            Issue.record("first agent log:\n\(first.log)\nsecond agent log:\n\(second?.log ?? "")")
            await second?.stop()
            await first.stop()
            await fleet.stop()
            throw error
        }
        await second?.stop()
        await first.stop()
        await fleet.stop()
    }
}

/// An agent pod that is removed after the other agents started leaves job pods nobody adopted at start:
/// the others find them by the periodic orphan scan (the job pod names its agent pod, which is gone).
@Suite(.timeLimit(.minutes(4)), .enabled(if: KubernetesSimulator.isBubblewrapUsable, "needs bwrap (make test installs bubblewrap)"))
struct OrphanAdoptionEndToEndTests {
    @Test func aJobPodWhoseAgentPodIsGoneIsAdoptedByTheNextScan() async throws {
        let fleet = try await KubernetesFleet.start()
        var agents: [AgentProcess] = []
        do {
            for name in ["agent-a", "agent-b"] {
                try fleet.kubernetes.create([
                    "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
                    "spec": ["containers": [["name": "agent", "image": "flywheel/flywheel:e2e", "command": ["sleep", "300"]]]],
                ], namespace: KubernetesFleet.namespace)
            }
            func environment(_ pod: String) -> [String: String] { ["POD_NAME": pod, "POD_NAMESPACE": KubernetesFleet.namespace] }
            // agent-b serves the same runners by name but holds tokens GitLab refuses: it takes no job, so
            // the job goes to agent-a, and agent-b, started first, has nothing to adopt at its start.
            let directory = fleet.directory.appendingPathComponent("agent-b")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let second = try AgentProcess(directory: directory, configuration: fleet.agentConfiguration.replacingOccurrences(of: "glrt-e2e-", with: "glrt-refused-"),
                                          environment: environment("agent-b"))
            agents.append(second)
            let first = try fleet.startAgent(environment: environment("agent-a"))
            agents.append(first)

            let release = fleet.shared.appendingPathComponent("release").path
            let id = fleet.enqueue("docker", TickingJob.payload(release: release))
            try await fleet.gitlab.waitForTrace(job: id, containing: "started \(id.rawValue)\n", timeout: .seconds(90))
            let podName = try #require(fleet.createdPods(job: id).first?.value(at: ["metadata", "name"])?.stringValue)
            #expect(fleet.createdPods(job: id).first?.value(at: ["metadata", "annotations", "flywheel.dev/agent-pod"])?.stringValue == "agent-a")

            first.signal(SIGKILL)
            _ = await first.waitForExit()
            try fleet.kubernetes.delete("pods", name: "agent-a", namespace: KubernetesFleet.namespace, gracePeriodSeconds: 0)
            try await fleet.kubernetes.wait(for: "agent-b to claim the job pod", timeout: .seconds(60)) { kubernetes in
                kubernetes.pod(podName, namespace: KubernetesFleet.namespace)?.value(at: ["metadata", "annotations", "flywheel.dev/agent-pod"])?.stringValue == "agent-b"
            }
            FileManager.default.createFile(atPath: release, contents: nil)
            TickingJob.expectEveryByteOnce(try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(90)))
            // agent-b followed it to its end: it deletes the pod and its Secret.
            try await fleet.waitForNoJobObjects(timeout: .seconds(60))
            #expect(second.log.contains("adopting job pod \(podName): its agent agent-a is gone"))
        } catch {
            let logs = agents.map(\.log).joined(separator: "\n---\n")
            Issue.record("agent logs:\n\(logs)")
            for agent in agents { await agent.stop() }
            await fleet.stop()
            throw error
        }
        for agent in agents { await agent.stop() }
        await fleet.stop()
    }
}
