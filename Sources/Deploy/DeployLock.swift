import Foundation
import Kubernetes

/// A Lease per environment (`flywheel-deploy-<environment>`) that serializes deploys: the holder renews
/// it while it deploys; a lease whose renew time is older than its duration is free (its holder died).
public struct DeployLock: Sendable {
    let kubernetes: any KubernetesAPI
    let namespace: String
    public let name: String
    public let identity: String
    let duration: Int32

    public init(kubernetes: any KubernetesAPI, namespace: String, environment: String, identity: String, duration: Int32 = 60) {
        self.kubernetes = kubernetes
        self.namespace = namespace
        self.name = "flywheel-deploy-" + environment
        self.identity = identity
        self.duration = duration
    }

    /// Takes the lease, waiting while another live holder has it (a progress line every 10 s), at most `timeout`.
    public func acquire(timeout: Duration, progress: @Sendable (String) -> Void) async throws {
        let deadline = ContinuousClock.now + timeout
        var lastNote = ContinuousClock.now - .seconds(60)
        while true {
            let now = Date()
            let spec = LeaseSpec(holderIdentity: identity, leaseDurationSeconds: duration, acquireTime: KubernetesTime(now, fractionDigits: 6), renewTime: KubernetesTime(now, fractionDigits: 6))
            do {
                let existing = try await kubernetes.get(Lease.self, name: name, namespace: namespace)
                let holder = existing.spec?.holderIdentity ?? ""
                let renewed = existing.spec?.renewTime?.date ?? existing.spec?.acquireTime?.date ?? .distantPast
                let expired = renewed.addingTimeInterval(TimeInterval(existing.spec?.leaseDurationSeconds ?? duration)) < now
                if holder.isEmpty || holder == identity || expired {
                    var taken = existing
                    taken.spec = spec
                    taken.spec?.leaseTransitions = (existing.spec?.leaseTransitions ?? 0) + (holder == identity ? 0 : 1)
                    _ = try await kubernetes.replace(taken, namespace: namespace)
                    progress("deploy lock \(name) taken" + (expired && !holder.isEmpty && holder != identity ? " (its holder \(holder) stopped renewing it)" : ""))
                    return
                }
                if ContinuousClock.now - lastNote >= .seconds(10) {
                    progress("waiting for deploy lock \(name): held by \(holder) since \(existing.spec?.acquireTime?.rawValue ?? "?")")
                    lastNote = ContinuousClock.now
                }
            } catch let error as KubernetesError where error.isNotFound {
                do {
                    _ = try await kubernetes.create(Lease(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec), namespace: namespace, options: CreateOptions())
                    progress("deploy lock \(name) taken")
                    return
                } catch let error as KubernetesError where error.isAlreadyExists {
                    continue
                }
            } catch let error as KubernetesError where error.isConflict {
                continue  // another deploy changed the lease between our read and write: look again
            }
            guard ContinuousClock.now < deadline else {
                throw DeployError("the deploy lock \(name) is still held after \(timeout.components.seconds) s; another deploy of this environment is running (raise --lock-timeout to wait longer)")
            }
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// Renews the lease every third of its duration until cancelled.
    public func keepRenewed() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: .seconds(Int64(max(1, duration / 3)))) } catch { return }
            guard var lease = try? await kubernetes.get(Lease.self, name: name, namespace: namespace), lease.spec?.holderIdentity == identity else { return }
            lease.spec?.renewTime = KubernetesTime(Date(), fractionDigits: 6)
            _ = try? await kubernetes.replace(lease, namespace: namespace)
        }
    }

    /// Frees the lease if this deploy still holds it.
    public func release(progress: @Sendable (String) -> Void = { _ in }) async {
        guard var lease = try? await kubernetes.get(Lease.self, name: name, namespace: namespace), lease.spec?.holderIdentity == identity else { return }
        lease.spec?.holderIdentity = nil
        progress("deploy lock \(name) released")
        _ = try? await kubernetes.replace(lease, namespace: namespace)
    }
}
