/// Whether a ``GitLabSimulator`` is serving, and the pieces needed to stop it.
struct SimulatorLifecycle {
    var starting = false
    var server: SimulatorHTTPServer?
    var serveTask: Task<Void, Never>?
    var host = "127.0.0.1"
    var port: Int?
}
