import Kubernetes
import Logging

/// Reads the revision last requested by `flywheel deploy` (the `flywheel.dev/revision` annotation of the
/// agent's Deployment) every `interval`, for the status page's drift line. Failures are logged once
/// and reported as `nil`; never fatal.
public struct RequestedRevision: Sendable {
    public static let annotation = "flywheel.dev/revision"

    let kubernetes: any KubernetesAPI
    let deployment: String
    let namespace: String
    let interval: Duration
    let logger: Logger

    public init(kubernetes: any KubernetesAPI, deployment: String, namespace: String, interval: Duration = .seconds(30), logger: Logger) {
        self.kubernetes = kubernetes
        self.deployment = deployment
        self.namespace = namespace
        self.interval = interval
        self.logger = logger
    }

    /// Reports the annotation (or `nil` when unreadable or absent) after each read, until cancelled.
    public func run(report: @Sendable (String?) -> Void) async {
        var warned = false
        while !Task.isCancelled {
            do {
                let object = try await kubernetes.get(Deployment.self, name: deployment, namespace: namespace)
                report(object.metadata.annotations?[Self.annotation])
                warned = false
            } catch {
                if !warned { logger.warning("cannot read Deployment \(namespace)/\(deployment) for the requested revision: \(error)") }
                warned = true
                report(nil)
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
