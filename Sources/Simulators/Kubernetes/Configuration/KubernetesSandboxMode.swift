/// How the simulated kubelet isolates container processes.
public enum KubernetesSandboxMode: String, Sendable, Hashable {
    /// `bwrap` when it is installed and works, plain processes otherwise (logged).
    case automatic
    /// Always `bwrap`; containers fail to start (`RunContainerError`) when it is unusable.
    case bubblewrap
    /// Plain processes in their own session: no namespaces, volumes are not mounted at their
    /// `mountPath` (the kubelet logs this once per pod).
    case processes
}
