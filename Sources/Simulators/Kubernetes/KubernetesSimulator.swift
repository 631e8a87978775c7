import Foundation
import Logging
import Synchronization

/// An in-process Kubernetes API server and kubelet for tests (research notes `kubernetes.md`
/// §1–§3): namespaced pods, secrets, config maps, service accounts, events, leases and
/// deployments with list/watch, resourceVersions and 410s, graceful deletion, garbage
/// collection, `pods/log`, discovery for kubectl, bearer tokens and TLS — a kubelet that
/// runs each container's command as a local process under `bwrap`, and a Deployment controller
/// that rolls pods out (``DeploymentRollout``).
///
/// ```swift
/// let kube = KubernetesSimulator(configuration: .init(token: "t"))
/// try await kube.start()                               // 127.0.0.1, ephemeral port
/// // … point the client at kube.baseURL with token "t" …
/// let pod = try await kube.waitForPod("job-1", until: { $0.string(at: ["status", "phase"]) == "Succeeded" })
/// await kube.stop()
/// ```
///
/// State lives behind `Mutex`es; the kubelet's pod workers and the HTTP server run in task
/// groups owned by tasks that ``stop()`` ends and awaits.
public final class KubernetesSimulator: Sendable {
    /// The settings the simulator was created with.
    public let configuration: KubernetesSimulatorConfiguration
    let cluster: KubernetesCluster
    let kubelet: Kubelet
    let logger: Logger
    let faults = Mutex(FaultBook())
    let requestLog: Mutex<RequestLog>
    let tokens: Mutex<[String]>
    let lifecycle = Mutex(KubernetesSimulatorLifecycle())
    let podsDirectory: String

    /// Creates a simulator. Nothing listens and no pod runs until ``start(host:port:)``.
    public init(configuration: KubernetesSimulatorConfiguration = .init(),
                logger: Logger = Logger(label: "flywheel.simulator.kubernetes")) {
        self.configuration = configuration
        self.logger = logger
        self.cluster = KubernetesCluster(configuration: configuration)
        self.podsDirectory = configuration.workDirectory
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("flywheel-kube-sim-\(UUID().uuidString.prefix(8).lowercased())")
        self.kubelet = Kubelet(cluster: cluster, configuration: configuration, podsDirectory: podsDirectory, logger: logger)
        self.requestLog = Mutex(RequestLog(limit: max(1, configuration.maximumRecordedRequests)))
        self.tokens = Mutex(configuration.token.map { [$0] } ?? [])
        kubelet.endpoint.withLock { $0.serviceAccountToken = configuration.token ?? "flywheel-sim-token" }
    }

    // MARK: Lifecycle

    /// Listens (port 0 picks a free port), starts the kubelet, and returns the bound port.
    /// A simulator starts once.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws(SimulatorError) -> Int {
        let mayStart = lifecycle.withLock { life -> Bool in
            guard !life.started else { return false }
            life.started = true
            return true
        }
        guard mayStart else { throw .alreadyStarted }
        try? FileManager.default.createDirectory(atPath: podsDirectory, withIntermediateDirectories: true)
        let tls = configuration.tls.map { SimulatorTLSConfiguration(certificateChainFile: $0.certificateFile, privateKeyFile: $0.privateKeyFile) }
        let server = SimulatorHTTPServer(handler: KubernetesRequestHandler(simulator: self),
                                         maximumBodySize: configuration.maximumRequestBodySize, logger: logger, tls: tls)
        let bound = try await server.bind(host: host, port: port)
        kubelet.endpoint.withLock { endpoint in
            endpoint.host = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
            endpoint.port = bound
        }
        // Both loops outlive this call by design (start/stop API); stop() ends and awaits them.
        let serveTask = Task { await server.serve() }
        let kubeletTask = Task { await self.kubelet.run() }
        let controllerTask: Task<Void, Never>? = configuration.runsDeploymentController ? Task { await self.runDeploymentController() } : nil
        lifecycle.withLock { life in
            life.controllerTask = controllerTask
            life.server = server
            life.serveTask = serveTask
            life.kubeletTask = kubeletTask
            life.host = host
            life.port = bound
        }
        logger.debug("Kubernetes simulator listening on \(host):\(bound) (sandbox: \(sandboxDescription))")
        return bound
    }

    /// Stops: every container is killed, watches and log streams end, the listener closes and
    /// in-flight requests get ``KubernetesSimulatorConfiguration/shutdownGracePeriod``.
    public func stop() async {
        let running = lifecycle.withLock { life -> (SimulatorHTTPServer, Task<Void, Never>, Task<Void, Never>)? in
            guard let server = life.server, let serveTask = life.serveTask, let kubeletTask = life.kubeletTask else { return nil }
            life.controllerTask?.cancel()
            life.server = nil
            life.serveTask = nil
            life.kubeletTask = nil
            return (server, serveTask, kubeletTask)
        }
        guard let (server, serveTask, kubeletTask) = running else { return }
        if let controllerTask = lifecycle.withLock({ life in defer { life.controllerTask = nil }; return life.controllerTask }) {
            await controllerTask.value
        }
        kubelet.shutdown()
        await kubeletTask.value
        cluster.mutate { $0.endAllSubscriptions(.stopped) }
        server.shutdown()
        let grace = configuration.shutdownGracePeriod
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await serveTask.value
                return true
            }
            group.addTask {
                try? await Task.sleep(for: grace)
                return false
            }
            let first = await group.next() ?? true
            group.cancelAll()
            return first
        }
        if !finished {
            serveTask.cancel()
            server.closeAllConnections()
            await serveTask.value
        }
        if configuration.workDirectory == nil { try? FileManager.default.removeItem(atPath: podsDirectory) }
        cluster.changes.notify()
    }

    /// The bound port (`nil` before ``start(host:port:)``).
    public var port: Int? { lifecycle.withLock { $0.port } }

    /// `https://host:port` with TLS, else `http://host:port`.
    public var baseURL: String {
        let (host, port) = lifecycle.withLock { ($0.host, $0.port ?? 0) }
        return "\(configuration.tls == nil ? "http" : "https")://\(host):\(port)"
    }

    /// The CA file clients should trust (`nil` without TLS).
    public var caFile: String? { configuration.tls?.caFile }

    /// Whether containers run under `bwrap` (otherwise as plain processes).
    public var isSandboxed: Bool { kubelet.bubblewrapExecutable != nil }

    /// Whether `bwrap` is installed and can create the namespaces the kubelet uses here.
    public static var isBubblewrapUsable: Bool { Bubblewrap.isUsable }

    /// `bwrap` or `processes`.
    public var sandboxDescription: String { isSandboxed ? "bwrap" : "processes" }

    /// The REST layer for the current listening address.
    var api: KubernetesAPI {
        let (host, port) = lifecycle.withLock { ($0.host, $0.port ?? 0) }
        return KubernetesAPI(cluster: cluster, kubelet: kubelet, configuration: configuration, serverAddress: "\(host):\(port)")
    }
}
