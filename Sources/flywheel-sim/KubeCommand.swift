import ArgumentParser
import Foundation
import Logging
import Simulators

/// `flywheel-sim kube`: serves a ``KubernetesSimulator`` until SIGTERM/SIGINT.
///
/// Prints one JSON line to stdout once listening:
/// `{"ca_file":…,"kubeconfig":…,"namespace":"default","port":N,"token":…,"url":"https://127.0.0.1:N"}`.
struct KubeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube",
        abstract: "Serve a simulated Kubernetes API server and kubelet (see docs/simulators.md)."
    )

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Serve HTTPS with ca.crt/server.crt/server.key from this directory; they are created with openssl when missing.")
    var tlsDir: String?

    @Option(help: "Bearer token clients must send (default: a random token with --tls-dir, none over plain HTTP).")
    var token: String?

    @Option(help: "JSON image map: stand-in entrypoints, environment and pull failures per image pattern.")
    var images: String?

    @Option(help: "Namespace that exists at start (besides default and kube-*); repeatable.")
    var namespace: [String] = []

    @Option(help: "Container isolation: automatic, bubblewrap or processes.")
    var sandbox: String = "automatic"

    @Option(help: "Write a kubeconfig for kubectl to this path.")
    var kubeconfig: String?

    @Option(help: "Log level on stderr (trace, debug, info, notice, warning, error, critical).")
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard KubernetesSandboxMode(rawValue: sandbox) != nil else { throw ValidationError("--sandbox must be automatic, bubblewrap or processes") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        var configuration = KubernetesSimulatorConfiguration()
        configuration.sandbox = KubernetesSandboxMode(rawValue: sandbox) ?? .automatic
        configuration.namespaces = namespace
        if let images { configuration.images = try KubernetesImageMap(contentsOfFile: images) }
        if let tlsDir {
            configuration.tls = try KubernetesSimulator.generateTLS(in: tlsDir, hosts: [host])
            configuration.token = token ?? Self.randomToken()
        } else {
            configuration.token = token
        }
        let simulator = KubernetesSimulator(configuration: configuration)
        let boundPort = try await simulator.start(host: host, port: port)
        let defaultNamespace = namespace.first ?? "default"
        if let kubeconfig {
            try Self.kubeconfig(server: simulator.baseURL, caFile: configuration.tls?.caFile, token: configuration.token,
                                namespace: defaultNamespace).write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        }
        let ready: SimulatedJSON = [
            "url": .string(simulator.baseURL),
            "port": .int(Int64(boundPort)),
            "token": configuration.token.map(SimulatedJSON.string) ?? nil,
            "ca_file": configuration.tls.map { .string($0.caFile) } ?? nil,
            "namespace": .string(defaultNamespace),
            "kubeconfig": kubeconfig.map(SimulatedJSON.string) ?? nil,
            "sandbox": .string(simulator.sandboxDescription),
        ]
        FileHandle.standardOutput.write(Data(ready.encoded + [UInt8(ascii: "\n")]))

        let signal = await TerminationSignals.wait()
        Logger(label: "flywheel-sim").info("signal \(signal): stopping")
        await simulator.stop()
    }

    private static func randomToken() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "sim-" + String((0..<32).map { _ in alphabet.randomElement()! })
    }

    /// A kubeconfig with one cluster, user and context.
    static func kubeconfig(server: String, caFile: String?, token: String?, namespace: String) -> String {
        var cluster = "    server: \(server)\n"
        if let caFile { cluster += "    certificate-authority: \(caFile)\n" }
        let user = token.map { "    token: \($0)\n" } ?? "    {}\n"
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: flywheel-sim
              cluster:
            \(cluster)users:
            - name: flywheel-sim
              user:
            \(user)contexts:
            - name: flywheel-sim
              context:
                cluster: flywheel-sim
                user: flywheel-sim
                namespace: \(namespace)
            current-context: flywheel-sim

            """
    }
}
