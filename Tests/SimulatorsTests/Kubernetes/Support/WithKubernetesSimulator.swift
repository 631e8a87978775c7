import AsyncHTTPClient
import Foundation
import NIOSSL
import Simulators

/// Runs `body` against a fresh, started Kubernetes simulator and an HTTP client that trusts
/// its CA and sends its token; tears both down afterwards (also when `body` throws).
func withKubernetesSimulator(
    tls: Bool = false,
    token: String? = nil,
    _ configure: (inout KubernetesSimulatorConfiguration) -> Void = { _ in },
    _ body: (KubernetesSimulator, KubeTestClient) async throws -> Void
) async throws {
    var configuration = KubernetesSimulatorConfiguration(token: token)
    let directory = NSTemporaryDirectory() + "kube-sim-test-" + UUID().uuidString.prefix(8)
    if tls { configuration.tls = try KubernetesSimulator.generateTLS(in: directory + "/pki") }
    configure(&configuration)
    let simulator = KubernetesSimulator(configuration: configuration)
    try await simulator.start()
    var clientConfiguration = HTTPClient.Configuration()
    if let caFile = configuration.tls?.caFile {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        tlsConfiguration.trustRoots = .file(caFile)
        clientConfiguration.tlsConfiguration = tlsConfiguration
    }
    let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    let client = KubeTestClient(http: http, baseURL: simulator.baseURL, token: configuration.token)
    do {
        try await body(simulator, client)
    } catch {
        try? await http.shutdown()
        await simulator.stop()
        try? FileManager.default.removeItem(atPath: directory)
        throw error
    }
    try await http.shutdown()
    await simulator.stop()
    try? FileManager.default.removeItem(atPath: directory)
}

/// Whether the kubelet tests can sandbox containers here.
let bubblewrapUsable = KubernetesSimulator.isBubblewrapUsable
