extension KubernetesAPI {
    /// `GET pods/{name}/log` (notes §1.5): `container`, `follow`, `timestamps`, `sinceTime`,
    /// `sinceSeconds`, `tailLines`, `limitBytes`, `previous`, with the kubelet's 400 answers for
    /// containers that have not started.
    func log(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        let podName = target.name ?? ""
        guard let pod = cluster.read({ $0.object(target.key) }) else { throw .notFound(.pods, name: podName) }
        let containers = pod.array(at: ["spec", "containers"]).compactMap { $0["name"]?.stringValue }
        let initContainers = pod.array(at: ["spec", "initContainers"]).compactMap { $0["name"]?.stringValue }
        let container: String
        if let requested = request.queryValue("container"), !requested.isEmpty {
            guard containers.contains(requested) || initContainers.contains(requested) else {
                throw .badRequest("container \(requested) is not valid for pod \(podName)")
            }
            container = requested
        } else if containers.count == 1 {
            container = containers[0]
        } else {
            var message = "a container name must be specified for pod \(podName), choose one of: [\(containers.joined(separator: " "))]"
            if !initContainers.isEmpty { message += " or one of the init containers: [\(initContainers.joined(separator: " "))]" }
            throw .badRequest(message)
        }
        if request.queryValue("previous") == "true" {
            throw .badRequest("previous terminated container \"\(container)\" in pod \"\(podName)\" not found")
        }
        guard !(pod.string(at: ["spec", "nodeName"]) ?? "").isEmpty else {
            throw .badRequest("pod \(podName) does not have a host assigned")
        }
        let statuses = pod.array(at: ["status", "containerStatuses"]) + pod.array(at: ["status", "initContainerStatuses"])
        let status = statuses.first { $0["name"]?.stringValue == container }
        let waitingState: SimulatedJSON? = status == nil ? ["reason": "ContainerCreating"] : status?.value(at: ["state", "waiting"])
        if let waiting = waitingState {
            let reason = waiting["reason"]?.stringValue ?? "ContainerCreating"
            let why: String
            switch reason {
            case "ErrImagePull", "ImagePullBackOff": why = "trying and failing to pull image"
            case "InvalidImageName": why = "image can't be pulled"
            default: why = reason
            }
            throw .badRequest("container \"\(container)\" in pod \"\(podName)\" is waiting to start: \(why)")
        }

        let follow = request.queryValue("follow") == "true"
        let timestamps = request.queryValue("timestamps") == "true"
        var since: KubeTime?
        if let text = request.queryValue("sinceTime"), !text.isEmpty {
            guard let time = KubeTime(parsing: text) else {
                throw .badRequest("parsing time \"\(text)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\(text)\" as \"2006\"")
            }
            since = time
        }
        if let text = request.queryValue("sinceSeconds"), !text.isEmpty {
            guard since == nil else {
                throw KubernetesAPIError(code: 422, reason: "Invalid", message: "PodLogOptions \"\(podName)\" is invalid: sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified")
            }
            guard let seconds = Int64(text), seconds >= 1 else {
                throw KubernetesAPIError(code: 422, reason: "Invalid", message: "PodLogOptions \"\(podName)\" is invalid: sinceSeconds: Invalid value: \(text): must be greater than 0")
            }
            since = KubeTime.now().adding(seconds: -Double(seconds))
        }
        var tail: Int?
        if let text = request.queryValue("tailLines"), !text.isEmpty {
            guard let lines = Int(text), lines >= 0 else {
                throw KubernetesAPIError(code: 422, reason: "Invalid", message: "PodLogOptions \"\(podName)\" is invalid: tailLines: Invalid value: \(text): must be greater than or equal to 0")
            }
            tail = lines
        }
        var limit: Int?
        if let text = request.queryValue("limitBytes"), !text.isEmpty {
            guard let bytes = Int(text), bytes >= 1 else {
                throw KubernetesAPIError(code: 422, reason: "Invalid", message: "PodLogOptions \"\(podName)\" is invalid: limitBytes: Invalid value: \(text): must be greater than 0")
            }
            limit = bytes
        }

        let log = kubelet.log(podUID: pod.metadataUID, container: container) ?? ContainerLog(retentionBytes: 1024)
        @Sendable func render(_ entries: [LogEntry]) -> [UInt8] {
            var bytes: [UInt8] = []
            for entry in entries {
                if timestamps { bytes += Array((entry.time.rfc3339Nano + " ").utf8) }
                bytes += entry.bytes
            }
            return bytes
        }
        let first = log.read(from: 0)
        var initial = first.entries
        if let since { initial = initial.filter { $0.time >= since } }
        if let tail { initial = Array(initial.suffix(tail)) }
        var firstChunk = render(initial)
        if let limit, firstChunk.count > limit { firstChunk = Array(firstChunk.prefix(limit)) }
        let headers: SimulatorHTTPHeaders = ["Content-Type": "text/plain"]
        guard follow else {
            return SimulatorHTTPResponse(status: 200, headers: headers, body: firstChunk)
        }
        let startGeneration = first.cutGeneration
        let firstBytes = firstChunk
        let byteLimit = limit
        return .streaming(200, headers: headers) { writer in
            var sent = firstBytes.count
            try await writer.write(firstBytes)
            if let byteLimit, sent >= byteLimit { return }
            var index = first.next
            var ended = first.ended
            while !ended {
                let generation = log.changes.generation
                let slice = log.read(from: index)
                if slice.cutGeneration != startGeneration {
                    if slice.cutAbrupt { throw SimulatorHTTPStreamError.aborted }
                    return
                }
                index = slice.next
                ended = slice.ended
                var chunk = render(slice.entries)
                if let byteLimit, sent + chunk.count > byteLimit { chunk = Array(chunk.prefix(byteLimit - sent)) }
                if !chunk.isEmpty {
                    try await writer.write(chunk)
                    sent += chunk.count
                }
                if let byteLimit, sent >= byteLimit { return }
                if ended { return }
                _ = await log.changes.wait(after: generation, until: .now + .seconds(3600))
                if Task.isCancelled { return }
            }
        }
    }
}
