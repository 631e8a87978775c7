import Foundation
import Simulators
import Synchronization
import Testing

/// The whole self-deploy loop on one machine: the agent runs as a Deployment of two replicas in the
/// Kubernetes simulator (agent pods are `flywheel run` processes, in-cluster credentials, Downward API
/// names), runs 20 jobs, and one of them rolls the Deployment out to v2 with `flywheel deploy` while
/// the other 19 are running. The rollout replaces both agents; no job is lost or run twice.
@Suite(.timeLimit(.minutes(8)), .enabled(if: KubernetesSimulator.isBubblewrapUsable, "needs bwrap (make test installs bubblewrap)"))
struct SelfDeployDrillTests {
    static let deployment = "flywheel"
    static let environment = "drill"

    /// Profiles the agents read: the docker profile and k8s/base's deploy profile, with the test's images.
    static func writeProfiles(to directory: String, repository: URL) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let docker = try String(contentsOf: repository.appendingPathComponent("executors/docker.yaml"), encoding: .utf8)
        try docker.write(toFile: directory + "/docker.yaml", atomically: true, encoding: .utf8)
        let deploy = try String(contentsOf: repository.appendingPathComponent("k8s/base/executors/deploy.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "registry.example.com/flywheel/flywheel:0.1.0", with: KubernetesFleet.helperImage)
            .replacingOccurrences(of: "registry.example.com/flywheel/flywheel:*", with: "flywheel/flywheel:*")
        try deploy.write(toFile: directory + "/deploy.yaml", atomically: true, encoding: .utf8)
    }

    /// config.toml of the agent pods: in-cluster credentials (no kubeconfig), a docker runner and a
    /// deploy runner limited to one job, as k8s/base/config.toml has them.
    static func agentConfiguration(gitlab: String, profiles: String) -> String {
        var text = """
            concurrent = 24
            check_interval = 1
            shutdown_timeout = 30
            log_level = "debug"

            """
        for (name, limit) in [("docker", 0), ("deploy", 1)] {
            text += """

                [[runners]]
                name = "\(name)"
                url = "\(gitlab)"
                token = "\(KubernetesFleet.token(name))"
                executor = "kubernetes"
                \(limit > 0 ? "limit = \(limit)" : "")
                [runners.kubernetes]
                namespace = "\(KubernetesFleet.namespace)"
                profile = "\(name)"
                profiles_dir = "\(profiles)"
                helper_image = "\(KubernetesFleet.helperImage)"
                poll_timeout = 180

                """
        }
        return text
    }

    /// The agent Deployment, shaped like k8s/base/deployment.yaml where the simulator can run it.
    static func agentDeployment(configPath: String) -> SimulatedJSON {
        let labels: SimulatedJSON = ["app.kubernetes.io/name": "flywheel", "app.kubernetes.io/component": "agent"]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(deployment), "annotations": ["flywheel.dev/revision": "1"]],
            "spec": [
                "replicas": 2, "selector": ["matchLabels": labels],
                "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 0]],
                "template": [
                    "metadata": ["labels": labels, "annotations": ["flywheel.dev/revision": "1"]],
                    "spec": [
                        "serviceAccountName": "flywheel", "automountServiceAccountToken": true, "terminationGracePeriodSeconds": 60,
                        "containers": [[
                            "name": "agent", "image": "flywheel/flywheel:v1",
                            "command": ["flywheel"], "args": ["run", "--config", .string(configPath)],
                            "env": [
                                ["name": "POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]],
                                ["name": "POD_NAMESPACE", "valueFrom": ["fieldRef": ["fieldPath": "metadata.namespace"]]],
                            ],
                        ]],
                    ],
                ],
            ],
        ]
    }

    static func agentPods(_ kubernetes: KubernetesSimulator) -> [SimulatedJSON] {
        kubernetes.objects("pods", namespace: KubernetesFleet.namespace).filter {
            $0.value(at: ["metadata", "labels", "app.kubernetes.io/component"])?.stringValue == "agent"
        }
    }

    static func isReady(_ pod: SimulatedJSON) -> Bool {
        pod.value(at: ["metadata", "deletionTimestamp"]) == nil
            && (pod.value(at: ["status", "conditions"])?.arrayValue ?? []).contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
    }

    static func image(_ pod: SimulatedJSON) -> String? {
        pod.value(at: ["spec", "containers"])?.arrayValue?.first?["image"]?.stringValue
    }

    /// Waits until the Deployment runs exactly two ready pods of `image` and nothing else.
    static func waitForAgents(_ kubernetes: KubernetesSimulator, image: String, timeout: Duration = .seconds(120)) async throws {
        try await kubernetes.wait(for: "two ready agents of \(image) and no other", timeout: timeout) { kubernetes in
            let pods = agentPods(kubernetes)
            return pods.count == 2 && pods.allSatisfy { isReady($0) && self.image($0) == image }
        }
    }

    /// Every agent pod's log, for a failure.
    static func agentLogs(_ kubernetes: KubernetesSimulator) -> String {
        agentPods(kubernetes).map { pod in
            let name = pod.value(at: ["metadata", "name"])?.stringValue ?? "?"
            return "--- \(name) (\(image(pod) ?? "?"))\n" + (kubernetes.logs(pod: name, namespace: KubernetesFleet.namespace) ?? "")
        }.joined(separator: "\n")
    }

    @Test func twentyJobsSurviveTheRolloutOneOfThemStartsAndOlderOrConcurrentDeploysAreHandled() async throws {
        let fleet = try await KubernetesFleet.start()
        let kubernetes = fleet.kubernetes
        do {
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let profiles = fleet.shared.appendingPathComponent("executors").path
            try Self.writeProfiles(to: profiles, repository: repository)
            let configPath = fleet.shared.appendingPathComponent("config.toml").path
            try Self.agentConfiguration(gitlab: fleet.gitlab.baseURL, profiles: profiles).write(toFile: configPath, atomically: true, encoding: .utf8)
            fleet.gitlab.addRunner(token: KubernetesFleet.token("deploy"), tags: ["deploy"])
            for account in ["flywheel", "flywheel-deployer"] {
                try kubernetes.create(["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": .string(account)]], namespace: KubernetesFleet.namespace)
            }
            try kubernetes.create(Self.agentDeployment(configPath: configPath), namespace: KubernetesFleet.namespace)
            try await Self.waitForAgents(kubernetes, image: "flywheel/flywheel:v1")
            let v1Agents = Set(Self.agentPods(kubernetes).compactMap { $0.value(at: ["metadata", "name"])?.stringValue })

            // 19 jobs that run until released, and one that deploys v2 once the 19 run.
            let release = fleet.shared.appendingPathComponent("release").path
            let go = fleet.shared.appendingPathComponent("deploy-now").path
            var jobs: [SimulatedJobID] = []
            for _ in 0..<19 {
                jobs.append(fleet.enqueue("docker", TickingJob.payload(release: release)))
            }
            let deployJob = fleet.enqueue("deploy", SimulatedJobs.script([
                "while [ ! -f '\(go)' ]; do sleep 0.1; done",
                "flywheel deploy --deployment \(Self.deployment) --environment \(Self.environment) --image flywheel/flywheel:v2 --revision 2 --rollout-timeout 180",
            ]))
            for id in jobs {
                try await fleet.gitlab.waitForTrace(job: id, containing: "started \(id.rawValue)\n", timeout: .seconds(120))
            }
            try await fleet.gitlab.waitForTrace(job: deployJob, containing: "while [ ! -f", timeout: .seconds(60))
            let acceptedByV1 = fleet.gitlab.requests(to: .request).filter { $0.responseStatus == 201 }.count
            #expect(acceptedByV1 == 20, "the v1 agents took all 20 jobs")
            FileManager.default.createFile(atPath: go, contents: nil)

            let deployed = try await fleet.gitlab.waitForFinalState(job: deployJob, timeout: .seconds(240))
            #expect(deployed.state == .success, "\(deployed.traceText)")
            #expect(deployed.traceText.contains("rollout of revision 2 complete"), "\(deployed.traceText)")
            try await Self.waitForAgents(kubernetes, image: "flywheel/flywheel:v2")
            let v2Agents = Set(Self.agentPods(kubernetes).compactMap { $0.value(at: ["metadata", "name"])?.stringValue })
            #expect(v2Agents.isDisjoint(with: v1Agents), "both agents were replaced")
            let agentDeployment = kubernetes.object("deployments", name: Self.deployment, namespace: KubernetesFleet.namespace)
            #expect(agentDeployment?.value(at: ["metadata", "annotations", "flywheel.dev/revision"])?.stringValue == "2")
            #expect(agentDeployment?.value(at: ["status", "updatedReplicas"])?.intValue == 2)
            #expect(Self.agentLogs(kubernetes).contains("adopting job pod"), "the v2 agents follow the pods the v1 agents started")

            // The 19 jobs ran through the rollout: released now, each ends once with every byte.
            FileManager.default.createFile(atPath: release, contents: nil)
            for id in jobs {
                TickingJob.expectEveryByteOnce(try await fleet.gitlab.waitForFinalState(job: id, timeout: .seconds(120)))
            }
            for id in jobs + [deployJob] {
                #expect(fleet.createdPods(job: id).count == 1, "job \(id.rawValue) got one pod")
            }
            #expect(fleet.gitlab.requests(to: .request).filter { $0.responseStatus == 201 }.count == 20, "each job handed out once")
            try await fleet.waitForNoJobObjects(timeout: .seconds(90))

            // From the operator's seat: an older revision is refused, and two deploys take turns.
            let kubeconfig = fleet.directory.appendingPathComponent("kubeconfig").path
            func deploy(_ revision: Int, job: Int) async throws -> CommandLine.Result {
                var environment = ProcessInfo.processInfo.environment
                environment["CI_JOB_ID"] = String(job)
                return try await CommandLine.flywheel([
                    "deploy", "--kubeconfig", kubeconfig, "--namespace", KubernetesFleet.namespace, "--deployment", Self.deployment,
                    "--environment", Self.environment, "--image", "flywheel/flywheel:v\(revision)", "--revision", String(revision),
                    "--rollout-timeout", "180", "--lock-timeout", "180",
                ], environment: environment)
            }
            let older = try await deploy(1, job: 9001)
            #expect(older.status == 1)
            #expect(older.output.contains("refusing to deploy revision 1 over the newer revision 2"), "\(older.output)")

            async let third = deploy(3, job: 9003)
            try await kubernetes.wait(for: "the deploy of v3 to hold the lock", timeout: .seconds(60)) { kubernetes in
                kubernetes.object("leases", name: "flywheel-deploy-\(Self.environment)", namespace: KubernetesFleet.namespace)?
                    .value(at: ["spec", "holderIdentity"])?.stringValue?.hasPrefix("job-9003") == true
            }
            let fourth = try await deploy(4, job: 9004)
            let thirdResult = try await third
            #expect(thirdResult.status == 0, "\(thirdResult.output)")
            #expect(fourth.status == 0, "\(fourth.output)")
            #expect(fourth.output.contains("held by job-9003"), "the second deploy waited: \(fourth.output)")
            try await Self.waitForAgents(kubernetes, image: "flywheel/flywheel:v4")
            #expect(kubernetes.object("deployments", name: Self.deployment, namespace: KubernetesFleet.namespace)?
                .value(at: ["metadata", "annotations", "flywheel.dev/revision"])?.stringValue == "4")
        } catch {
            Issue.record("agent logs:\n\(Self.agentLogs(kubernetes))")
            await fleet.stop()
            throw error
        }
        await fleet.stop()
    }
}
