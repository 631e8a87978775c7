import Foundation
import Simulators
import Testing

/// The GitLab simulator, the Kubernetes simulator (TLS, bearer token, bwrap kubelet) and real
/// `flywheel run` agents with one Kubernetes runner per executor profile, each runner tagged with its
/// profile's name so a job's `tag_list` picks the profile.
///
/// Containers run the host's tools (the simulator ignores images): the flywheel image is mapped to the
/// binary under test through `PATH`, `docker:dind` to a stand-in that writes the TLS client files as the
/// real entrypoint does, and `registry.invalid/*` images fail to pull.
final class KubernetesFleet: Sendable {
    static let profiles = ["docker", "dind", "rocky8", "rocky9", "nix"]
    static let namespace = "ci"
    static let helperImage = "flywheel/flywheel:e2e"

    struct Options {
        var concurrent = 4
        var pollTimeout = 180
        var podRetention = 0
        /// The agent's status server (`listen_address`), if any.
        var listenAddress: String?
    }

    let gitlab: GitLabSimulator
    let kubernetes: KubernetesSimulator
    /// kubeconfig, PKI, and the agents' directories.
    let directory: URL
    /// A host directory the job pods see (read-only), for files a test creates to let a job go on.
    let shared: URL
    let options: Options

    private init(gitlab: GitLabSimulator, kubernetes: KubernetesSimulator, directory: URL, shared: URL, options: Options) {
        self.gitlab = gitlab
        self.kubernetes = kubernetes
        self.directory = directory
        self.shared = shared
        self.options = options
    }

    /// The tag (and runner token) of a profile's runner.
    static func token(_ profile: String) -> String { "glrt-e2e-\(profile)" }

    static func start(options: Options = Options()) async throws -> KubernetesFleet {
        let directory = try AgentProcess.makeDirectory()
        // /tmp is private to each pod; /var is the host's, bound read-only but live.
        let shared = URL(fileURLWithPath: "/var/tmp/flywheel-e2e-shared-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)

        let gitlab = try await GitLabSimulator.started()
        for profile in profiles { gitlab.addRunner(token: token(profile), tags: [profile]) }

        var configuration = KubernetesSimulatorConfiguration(token: "kube-e2e-token")
        configuration.tls = try KubernetesSimulator.generateTLS(in: directory.appendingPathComponent("pki").path)
        configuration.namespaces = [namespace]
        // Pods see the host's tools, but not its /tmp (a clone may live there): the binary under test
        // goes into the shared directory, hard-linked when it can be (copied otherwise).
        let binDirectory = shared.appendingPathComponent("bin").path
        try FileManager.default.createDirectory(atPath: binDirectory, withIntermediateDirectories: true)
        if link(AgentProcess.binary, binDirectory + "/flywheel") != 0 {
            try FileManager.default.copyItem(atPath: AgentProcess.binary, toPath: binDirectory + "/flywheel")
        }
        configuration.images = KubernetesImageMap(entries: [
            ("flywheel/flywheel:*", KubernetesSimulatedImage(environment: ["PATH": binDirectory + ":/usr/local/bin:/usr/bin:/bin"])),
            ("docker:*dind*", KubernetesSimulatedImage(entrypoint: [
                "/bin/sh", "-c",
                "mkdir -p \"$DOCKER_TLS_CERTDIR/client\" && echo stand-in-ca > \"$DOCKER_TLS_CERTDIR/client/ca.pem\" && echo dockerd up && trap 'exit 0' TERM && while :; do sleep 0.2; done",
            ])),
            ("registry.invalid/*", KubernetesSimulatedImage(pullError: "ErrImagePull")),
        ])
        let kubernetes = KubernetesSimulator(configuration: configuration)
        try await kubernetes.start()
        try kubeconfig(server: kubernetes.baseURL, caFile: configuration.tls?.caFile ?? "", token: "kube-e2e-token")
            .write(to: directory.appendingPathComponent("kubeconfig"), atomically: true, encoding: .utf8)
        return KubernetesFleet(gitlab: gitlab, kubernetes: kubernetes, directory: directory, shared: shared, options: options)
    }

    private static func kubeconfig(server: String, caFile: String, token: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: sim
          cluster:
            server: \(server)
            certificate-authority: \(caFile)
        users:
        - name: agent
          user:
            token: \(token)
        contexts:
        - name: sim
          context: {cluster: sim, user: agent, namespace: \(namespace)}
        current-context: sim

        """
    }

    /// config.toml of an agent serving every profile's runner.
    var agentConfiguration: String {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        var text = """
            concurrent = \(options.concurrent)
            check_interval = 1
            shutdown_timeout = 30
            log_level = "debug"
            \(options.listenAddress.map { "listen_address = \"\($0)\"" } ?? "")

            """
        for profile in Self.profiles {
            text += """

                [[runners]]
                name = "kube-\(profile)"
                url = "\(gitlab.baseURL)"
                token = "\(Self.token(profile))"
                executor = "kubernetes"
                [runners.kubernetes]
                namespace = "\(Self.namespace)"
                profile = "\(profile)"
                profiles_dir = "\(repository.appendingPathComponent("executors").path)"
                kubeconfig = "\(directory.appendingPathComponent("kubeconfig").path)"
                helper_image = "\(Self.helperImage)"
                poll_timeout = \(options.pollTimeout)
                pod_retention = \(options.podRetention)

                """
        }
        return text
    }

    /// Starts an agent (in a directory of its own).
    func startAgent(environment: [String: String] = [:]) throws -> AgentProcess {
        let agentDirectory = directory.appendingPathComponent("agent-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: agentDirectory, withIntermediateDirectories: true)
        return try AgentProcess(directory: agentDirectory, configuration: agentConfiguration, environment: environment)
    }

    /// A job for a profile's runner.
    func enqueue(_ profile: String, _ job: [String: Any]) -> SimulatedJobID {
        var job = job
        job["tag_list"] = [profile]
        return gitlab.enqueue(job: job)
    }

    /// The pods the agents created (`POST …/pods` bodies), oldest first.
    var createdPods: [SimulatedJSON] {
        kubernetes.requests(pathContains: "/namespaces/\(Self.namespace)/pods", method: "POST")
            .filter { $0.responseStatus == 201 }
            .compactMap { try? SimulatedJSON(parsing: $0.body) }
    }

    /// The created pod of a job (by the job-id label).
    func createdPods(job: SimulatedJobID) -> [SimulatedJSON] {
        createdPods.filter { $0.value(at: ["metadata", "labels", "flywheel.dev/job-id"])?.stringValue == String(job.rawValue) }
    }

    /// The image of a container of a created pod.
    static func image(of container: String, in pod: SimulatedJSON) -> String? {
        pod.value(at: ["spec", "containers"])?.arrayValue?.first { $0["name"]?.stringValue == container }?["image"]?.stringValue
    }

    /// Waits until no job pod or job Secret is left in the namespace.
    func waitForNoJobObjects(timeout: Duration = .seconds(60)) async throws {
        try await kubernetes.wait(for: "job pods and secrets to be deleted", timeout: timeout) { kubernetes in
            let managed: (SimulatedJSON) -> Bool = { $0.value(at: ["metadata", "labels", "app.kubernetes.io/managed-by"])?.stringValue == "flywheel" }
            return !kubernetes.objects("pods", namespace: Self.namespace).contains(where: managed)
                && !kubernetes.objects("secrets", namespace: Self.namespace).contains(where: managed)
        }
    }

    func stop() async {
        await kubernetes.stop()
        await gitlab.stop()
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(at: shared)
    }
}

/// Runs `body` with a fleet and one agent, then stops all; the agent's log is attached to a failure.
///
/// `beforeAgent` seeds the cluster before the agent starts; `agentEnvironment` is added to its environment.
func withKubernetesFleet(
    _ options: KubernetesFleet.Options = KubernetesFleet.Options(),
    agentEnvironment: [String: String] = [:],
    beforeAgent: (KubernetesFleet) throws -> Void = { _ in },
    _ body: (KubernetesFleet, AgentProcess) async throws -> Void
) async throws {
    let fleet = try await KubernetesFleet.start(options: options)
    let agent: AgentProcess
    do {
        try beforeAgent(fleet)
        agent = try fleet.startAgent(environment: agentEnvironment)
    } catch {
        await fleet.stop()
        throw error
    }
    do {
        try await body(fleet, agent)
    } catch {
        Issue.record("agent log:\n\(agent.log)")
        await agent.stop()
        await fleet.stop()
        throw error
    }
    await agent.stop()
    await fleet.stop()
}
