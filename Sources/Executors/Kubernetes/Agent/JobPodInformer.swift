import Kubernetes
import Logging
import Synchronization

/// One watch over a runner's job pods, shared by every job the agent follows.
///
/// A watch per job would hold an API connection per running job: the HTTP client's pool runs dry long
/// before a thousand jobs, and every other request (pod creates, deletion-cost patches) then waits for a
/// connection. Here one watch (label selector of the runner) keeps the last state of each pod, and each
/// follower gets a stream of its pod's states, newest only (a slow follower skips states, never lags).
final class JobPodInformer: Sendable {
    private struct State {
        var pods: [String: Pod] = [:]
        var followers: [String: [Int: AsyncStream<Pod?>.Continuation]] = [:]
        var nextID = 0

        func publish(_ pod: Pod?, name: String) {
            for continuation in followers[name, default: [:]].values { continuation.yield(pod) }
        }
    }

    private let state = Mutex(State())
    let kubernetes: any KubernetesAPI
    let namespace: String
    let labelSelector: String
    let logger: Logger

    init(kubernetes: any KubernetesAPI, namespace: String, labelSelector: String, logger: Logger) {
        self.kubernetes = kubernetes
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.logger = logger
    }

    /// Watches until cancelled; the watch itself resumes after cuts and relists after 410 Gone, and a
    /// failed watch is started again after a pause.
    func run() async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let watch = kubernetes.watch(Pod.self, namespace: namespace, options: WatchOptions(labelSelector: labelSelector))
                for try await update in watch {
                    failures = 0
                    switch update {
                    case .added(let pod), .modified(let pod):
                        guard let name = pod.metadata.name else { continue }
                        state.withLock { state in
                            state.pods[name] = pod
                            state.publish(pod, name: name)
                        }
                    case .deleted(let pod):
                        guard let name = pod.metadata.name else { continue }
                        state.withLock { state in
                            state.pods[name] = nil
                            state.publish(nil, name: name)
                        }
                    case .resync:
                        // The updates that lead to the listed state came right before. A list is not applied
                        // as a whole: one begun before a pod was created would unsee a pod just seeded.
                        continue
                    }
                }
            } catch {
                if Task.isCancelled { break }
                failures += 1
                logger.warning("watching job pods (\(labelSelector)) failed: \(error); watching again")
                try? await Task.sleep(for: .seconds(min(30, failures)))
            }
        }
        state.withLock { state in
            for continuation in state.followers.values.flatMap(\.values) { continuation.finish() }
            state.followers = [:]
        }
    }

    /// The states of pod `name`: its current one when the watch has seen it, then every change
    /// (newest only), `nil` once it is gone. Ends when the informer stops.
    func states(of name: String) -> AsyncStream<Pod?> {
        let (stream, continuation) = AsyncStream.makeStream(of: Pod?.self, bufferingPolicy: .bufferingNewest(1))
        let id = state.withLock { state -> Int in
            state.nextID += 1
            state.followers[name, default: [:]][state.nextID] = continuation
            if let pod = state.pods[name] { continuation.yield(pod) }
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { state in
                state.followers[name]?[id] = nil
                if state.followers[name]?.isEmpty == true { state.followers[name] = nil }
            }
        }
        return stream
    }

    /// Every pod the watch holds now (for the orphan scan: no LIST needed beside the watch).
    var all: [Pod] {
        state.withLock { Array($0.pods.values) }
    }

    /// A state read elsewhere (the create answer, a list) for a pod the watch has not delivered yet;
    /// ignored once it has, since the watch's state is as new or newer.
    func seed(_ pod: Pod, name: String) {
        state.withLock { state in
            guard state.pods[name] == nil else { return }
            state.pods[name] = pod
            state.publish(pod, name: name)
        }
    }
}
