/// How pods reach the simulated API server: address, port, and the token written into their
/// service-account volume.
struct KubeletEndpoint: Sendable, Hashable {
    var host = "127.0.0.1"
    var port = 0
    var serviceAccountToken = "flywheel-sim-token"
}
