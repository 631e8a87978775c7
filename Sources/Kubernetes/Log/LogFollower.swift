import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The state machine behind ``PodLogStream``: request, filter, and on a cut stream check the container and
/// resume. Owned by one iterator.
final class LogFollower {
    let client: KubernetesClient
    let pod: String
    let container: String
    let namespace: String
    let options: LogOptions
    /// Whether cut streams are resumed (then timestamps are always requested and filtered).
    let resumable: Bool

    private var filter: LogLineFilter
    private var body: KubernetesByteStream.AsyncIterator?
    private var input: ByteBuffer?
    private var connections = 0
    private var bytesOnConnection = 0
    /// The container had terminated before the current connection opened: its end is the log's end.
    private var finalConnection = false
    private var finished = false
    private var emptyConnections = 0
    private var failures = 0

    init(client: KubernetesClient, pod: String, container: String, namespace: String, options: LogOptions) {
        self.client = client
        self.pod = pod
        self.container = container
        self.namespace = namespace
        self.options = options
        self.resumable = options.resume && options.limitBytes == nil
        self.filter = LogLineFilter(emitTimestamps: options.timestamps)
    }

    private var logPath: String { Pod.objectPath(name: pod, namespace: namespace) + "/log" }
    private var operation: String { "GET \(logPath)" }

    func next() async throws -> ByteBuffer? {
        while !finished {
            if var pendingInput = input {
                if !resumable {
                    input = nil
                    return pendingInput
                }
                let output = filter.nextOutput(from: &pendingInput)
                input = pendingInput.readableBytes > 0 ? pendingInput : nil
                if let output { return output }
                continue
            }
            guard var current = body else {
                try await connect()
                continue
            }
            do {
                let chunk = try await current.next()
                body = current
                guard let chunk else {
                    body = nil
                    try await streamEnded(cut: nil)
                    continue
                }
                bytesOnConnection += chunk.readableBytes
                input = chunk
            } catch let error as CancellationError {
                throw error
            } catch {
                body = nil
                guard resumable else { throw KubernetesClientError(code: .transport, operation: operation, message: "the log stream broke (\(error))") }
                try await streamEnded(cut: error)
            }
        }
        return nil
    }

    private func connect() async throws {
        var query: [(String, String?)] = [("container", container)]
        if options.follow { query.append(("follow", "true")) }
        if resumable || options.timestamps { query.append(("timestamps", "true")) }
        if connections > 0, resumable, let position = filter.position {
            query.append(("sinceTime", position.sinceTime))
        } else {
            query.append(("sinceTime", options.sinceTime.map { KubernetesTime($0).rawValue }))
            query.append(("sinceSeconds", options.sinceSeconds.map(String.init)))
            query.append(("tailLines", options.tailLines.map(String.init)))
        }
        query.append(("limitBytes", options.limitBytes.map(String.init)))
        if options.previous { query.append(("previous", "true")) }
        let request = APIRequest(method: .GET, path: KubernetesPath.withQuery(logPath, query), accept: "*/*", idempotent: true)
        do {
            let response = try await client.open(request)
            filter.startConnection(resuming: connections > 0)
            connections += 1
            bytesOnConnection = 0
            body = response.body.makeAsyncIterator()
        } catch let error as KubernetesError where connections > 0 && error.isNotFound {
            client.logger.debug("\(operation): the pod is gone; the log ends here")
            finished = true
        } catch let error as KubernetesError where connections > 0 && error.isBadRequest {
            // e.g. the container is being restarted; look again after a pause.
            try await backOff(error, what: "the log is not available (\(error.message))")
        }
    }

    /// The stream ended (`cut` is its error, if it broke): finish, or find out whether to read on.
    private func streamEnded(cut: (any Error)?) async throws {
        if cut == nil, !options.follow || !resumable || finalConnection {
            finished = true
            return
        }
        if let cut, !options.follow {
            try await backOff(cut, what: "the log stream broke")
            return
        }
        if bytesOnConnection == 0 {
            emptyConnections += 1
            try await Task.sleep(for: client.retry.delay(afterAttempt: emptyConnections))
        } else {
            emptyConnections = 0
            failures = 0
        }
        let current: Pod
        do {
            current = try await client.get(Pod.self, name: pod, namespace: namespace)
        } catch let error as KubernetesError where error.isNotFound {
            finished = true
            return
        }
        let state = current.status?.containerStatus(named: container)?.state
        if state?.terminated != nil || current.status?.phase?.isTerminal == true {
            finalConnection = true
            client.logger.trace("\(operation): container \(container) has terminated; reading the rest of its log")
        } else if let cut {
            client.logger.debug("\(operation): the stream broke (\(cut)) while \(container) runs; resuming")
        } else {
            client.logger.debug("\(operation): the stream ended while \(container) runs; resuming")
        }
    }

    private func backOff(_ error: any Error, what: String) async throws {
        failures += 1
        guard failures < max(1, client.retry.maxAttempts) else { throw error }
        let wait = client.retry.delay(afterAttempt: failures)
        client.logger.warning("\(operation): \(what); trying again in \(wait)")
        try await Task.sleep(for: wait)
    }
}
