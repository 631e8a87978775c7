import Foundation
import GitLabRunnerAPI
import JobExecution
import Kubernetes
import Logging
import RunnerConfiguration
import Synchronization

/// The Kubernetes executor's agent side: creates a job's Secret and Pod, keeps the job alive while the pod
/// starts, hands the job to the pod's supervisor, ends the job itself when the pod cannot start or dies
/// before its supervisor reported, and deletes finished pods.
///
/// The agent never carries job output: on shutdown it hands running pods over (the next agent adopts
/// them) instead of interrupting them.
public struct KubernetesExecutor: JobExecutor {
    let kubernetes: any KubernetesAPI
    let api: any JobAPI
    var builder: JobPodBuilder
    let settings: KubernetesSettings
    let logger: Logger
    /// How often a starting pod is re-assessed and the job kept alive (GitLab drops silent jobs).
    let keepAliveInterval: Duration
    /// The one watch over this runner's job pods; ``maintain()`` runs it.
    let pods: JobPodInformer
    /// Jobs whose Secret ``prepare(_:)`` created while GitLab confirmed the accept.
    let preparedSecrets = PreparedSecrets()
    /// The agent's own pod (in a Deployment): named on every job pod it creates, so that another agent
    /// adopts them once it is gone (``adoptOrphans(excluding:)``).
    public var agentPod: AgentPodReference? {
        didSet { builder.agentPod = agentPod?.name }
    }

    public init(
        kubernetes: any KubernetesAPI, api: any JobAPI, builder: JobPodBuilder, settings: KubernetesSettings,
        keepAliveInterval: Duration = .seconds(30), logger: Logger
    ) {
        self.kubernetes = kubernetes
        self.api = api
        self.builder = builder
        self.settings = settings
        self.keepAliveInterval = keepAliveInterval
        self.logger = logger
        self.pods = JobPodInformer(
            kubernetes: kubernetes, namespace: settings.namespace, labelSelector: JobPodLabels.selector(runner: builder.settings.runnerName), logger: logger
        )
    }

    /// Watches this runner's job pods for the agent's whole life: every followed job reads its pod's
    /// states from this one watch.
    public func maintain() async {
        await pods.run()
    }

    public func run(_ job: JobPayload, control: JobControl) async -> JobOutcome {
        var logger = self.logger
        logger[metadataKey: "job"] = "\(job.id)"
        let name = builder.podName(jobID: job.id)
        let pod: Pod
        let secret: Secret
        do {
            pod = try builder.pod(for: job)
            secret = try builder.secret(for: job)
        } catch let error as JobPodError {
            return await fail(job, .runnerConfigurationError, "This job cannot run on this runner: \(error.message)", logger: logger)
        } catch {
            return await fail(job, .runnerSystemFailure, "The job's Secret cannot be built: \(error)", logger: logger)
        }
        let created: Pod
        do {
            if !preparedSecrets.take(job.id) {
                do {
                    _ = try await kubernetes.create(secret, namespace: settings.namespace, options: CreateOptions())
                } catch let error as KubernetesError where error.isAlreadyExists {
                    // A prepare whose answer was lost created it: the name and content come from the job.
                }
            }
            created = try await kubernetes.create(pod, namespace: settings.namespace, options: CreateOptions())
            if let uid = created.metadata.uid {
                let owner = OwnerReference(apiVersion: "v1", kind: "Pod", name: name, uid: uid)
                _ = try? await kubernetes.mergePatch(Secret.self, name: name, namespace: settings.namespace, patch: SecretOwnerPatch(owner: owner))
            }
        } catch {
            await deletePod(name, logger: logger)
            return await fail(job, .runnerSystemFailure, "The job pod cannot be created in namespace \(settings.namespace): \(error)", logger: logger)
        }
        logger.info("job pod \(name) created")
        return await follow(job, pod: created, control: control, logger: logger)
    }

    /// Follows an existing job pod (created now, or adopted after an agent restart) to its end. `pod` is its
    /// state as last read (the create answer, or a list): the state to start from until the watch delivers one.
    public func follow(_ job: JobPayload, pod: Pod, control: JobControl, logger: Logger) async -> JobOutcome {
        let name = pod.metadata.name ?? builder.podName(jobID: job.id)
        let started = ContinuousClock.now
        let tracker = LastSeenPod()
        enum Ending: Sendable {
            case state(JobPodState)
            case handedOff
        }
        let ending: Ending = await withTaskGroup(of: Ending?.self) { group in
            // Pod changes, from the runner's one watch (which survives cuts and 410s).
            group.addTask {
                let states = pods.states(of: name)
                pods.seed(pod, name: name)
                for await pod in states {
                    tracker.state.withLock { $0 = (pod, true) }
                    control.reportPhase(pod.map { $0.status?.phase?.rawValue ?? "Pending" } ?? "gone")
                    let state = JobPodState.assess(pod, name: name, age: ContinuousClock.now - started, pollTimeout: .seconds(settings.pollTimeout))
                    switch state {
                    case .starting, .supervised: continue
                    case .supervisorEnded, .failed: return .state(state)
                    }
                }
                return nil
            }
            // Keep-alive while the pod starts, and re-assessment for time-based failures (unschedulable).
            group.addTask {
                // Re-assess every second (an unscheduled pod fails after poll_timeout with no event to
                // tell); keep the job alive in GitLab every keepAliveInterval.
                let assessInterval = min(keepAliveInterval, .seconds(1))
                var lastKeepAlive = ContinuousClock.now
                while !Task.isCancelled {
                    do { try await Task.sleep(for: assessInterval) } catch { return nil }
                    let (pod, known) = tracker.state.withLock { $0 }
                    guard known else { continue }
                    let state = JobPodState.assess(pod, name: name, age: ContinuousClock.now - started, pollTimeout: .seconds(settings.pollTimeout))
                    switch state {
                    case .starting(let phase):
                        guard ContinuousClock.now - lastKeepAlive >= keepAliveInterval else { continue }
                        lastKeepAlive = ContinuousClock.now
                        logger.debug("pod \(name) still starting (\(phase)); keeping the job alive")
                        if let response = try? await api.updateJob(id: job.id, jobToken: job.token, update: JobUpdate(state: .running)) {
                            switch response {
                            case .accepted(let status) where status?.isAbort == true: return .state(.failed(.jobCanceled, "canceled in GitLab"))
                            case .aborted, .notFound: return .state(.failed(.jobCanceled, "canceled in GitLab"))
                            default: break
                            }
                        }
                    case .supervised:
                        // The supervisor keeps the job alive from here; the watch reports its end. No
                        // more ticking for the rest of a long job.
                        return nil
                    case .supervisorEnded, .failed:
                        return .state(state)
                    }
                }
                return nil
            }
            // The agent shutting down hands the pod over instead of stopping it.
            group.addTask {
                guard await control.waitForStop(strongerThan: nil) != nil else { return nil }
                return .handedOff
            }
            var result: Ending = .handedOff
            while let next = await group.next() {
                if let next {
                    result = next
                    break
                }
            }
            group.cancelAll()
            return result
        }
        switch ending {
        case .handedOff:
            logger.notice("leaving pod \(name) to its supervisor (the agent is stopping)")
            return JobOutcome(result: .aborted, reported: false)
        case .state(.supervisorEnded(let exitCode, let detail, let message)):
            await retainThenDelete(name, logger: logger)
            if exitCode == 0 {
                // The supervisor reported; its termination message says what (for metrics and the status page).
                guard let result = message.flatMap({ JobOutcome.Result(terminationMessage: $0) }) else {
                    logger.notice("the supervisor of pod \(name) reported the job but left no readable outcome (\(message ?? "no termination message"))")
                    return JobOutcome(result: .success, reported: true)
                }
                return JobOutcome(result: result, reported: result != .aborted)
            }
            return await fail(
                job, .runnerSystemFailure,
                "The job's supervisor stopped before it reported the job (exit \(exitCode)\(detail.isEmpty ? "" : "; " + detail)).", logger: logger
            )
        case .state(.failed(.jobCanceled, _)):
            await deletePod(name, logger: logger)
            return JobOutcome(result: .aborted, reported: false)
        case .state(.failed(let reason, let message)):
            // Report before deleting: a supervisor already running would otherwise answer the deletion's
            // SIGTERM with its own `runner_interrupted` report first, hiding the real reason.
            let outcome = await fail(job, reason, message, logger: logger)
            await deletePod(name, logger: logger)
            return outcome
        case .state(.starting), .state(.supervised):
            return JobOutcome(result: .aborted, reported: false)
        }
    }

    private func fail(_ job: JobPayload, _ reason: FailureReason, _ message: String, logger: Logger) async -> JobOutcome {
        logger.error("\(message)")
        // The pod's supervisor may have streamed part of the trace before it died: append to it.
        let reported = await JobReport(jobID: job.id, jobToken: job.token, api: api, logger: logger)
            .failWithoutRunning(message: message, reason: reason, supportedReasons: job.features.failureReasons, continuingTrace: true)
        return JobOutcome(result: .failed(reason, exitCode: nil), reported: reported)
    }

    private func retainThenDelete(_ name: String, logger: Logger) async {
        if settings.podRetention > 0 {
            try? await Task.sleep(for: .seconds(settings.podRetention))
        }
        await deletePod(name, logger: logger)
    }

    private func deletePod(_ name: String, logger: Logger) async {
        // The job is over when the agent deletes its pod: nothing in it needs a graceful stop (a build
        // loop or a service that ignores SIGTERM would otherwise hold the pod for the whole grace period).
        let options = DeleteOptions(gracePeriodSeconds: 1, propagationPolicy: .background)
        do {
            try await kubernetes.delete(Pod.self, name: name, namespace: settings.namespace, options: options)
        } catch let error as KubernetesError where error.isNotFound {
        } catch {
            logger.warning("cannot delete pod \(name): \(error)")
        }
        await deleteSecret(name, logger: logger)
    }

    func deleteSecret(_ name: String, logger: Logger) async {
        do {
            try await kubernetes.delete(Secret.self, name: name, namespace: settings.namespace, options: DeleteOptions())
        } catch let error as KubernetesError where error.isNotFound {
        } catch {
            logger.warning("cannot delete secret \(name): \(error)")
        }
    }
}

/// The last state of a job pod seen by the watch, read by the keep-alive loop.
final class LastSeenPod: Sendable {
    let state = Mutex<(pod: Pod?, known: Bool)>((nil, false))
}

/// `{"metadata": {"ownerReferences": [owner]}}`: the Secret goes with its pod.
struct SecretOwnerPatch: Encodable, Sendable {
    struct Metadata: Encodable, Sendable {
        var ownerReferences: [OwnerReference]
    }

    var metadata: Metadata

    init(owner: OwnerReference) {
        metadata = Metadata(ownerReferences: [owner])
    }
}
