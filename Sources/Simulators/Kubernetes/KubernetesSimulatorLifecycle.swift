/// The running parts of a ``KubernetesSimulator``.
struct KubernetesSimulatorLifecycle {
    var started = false
    var server: SimulatorHTTPServer?
    var serveTask: Task<Void, Never>?
    var kubeletTask: Task<Void, Never>?
    var controllerTask: Task<Void, Never>?
    var host = "127.0.0.1"
    var port: Int?
}
