/// Everything needed to start one container's process.
struct LaunchRequest: Sendable {
    /// The command after `$(VAR)` expansion; `argv[0]` is resolved inside the sandbox.
    var argv: [String]
    var environment: [String: String]
    var workingDirectory: String
    var hostname: String
    var binds: [SandboxBind]
    /// Descriptor of a pid namespace to join (`shareProcessNamespace: true`).
    var pidNamespaceDescriptor: Int32?
}
