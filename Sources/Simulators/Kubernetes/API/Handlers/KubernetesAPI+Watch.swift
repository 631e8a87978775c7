extension KubernetesAPI {
    /// `GET …?watch=true`: a chunked stream of newline-delimited WatchEvent JSON.
    ///
    /// Without `resourceVersion` (or with `0`) it starts with a synthetic ADDED per object;
    /// otherwise with the changes after that version, or — when the history no longer reaches
    /// back — a single `ERROR` event carrying a 410 Expired Status (or an HTTP 410 when
    /// configured). `allowWatchBookmarks=true` adds periodic BOOKMARK events; the stream ends
    /// after `timeoutSeconds`, when cut by a fault, or when the client falls too far behind.
    func watch(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        guard target.resource.verbs.contains("watch") else { throw .methodNotAllowed }
        let format = try format(request)
        var filter = try filter(request, target)
        if let name = target.name {
            filter.fields.terms.append(.init(label: "metadata.name", value: name, negated: false))
        }
        if request.queryValue("sendInitialEvents") == "true" {
            throw .badRequest("sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled")
        }
        var from: Int64?
        if let text = request.queryValue("resourceVersion"), !text.isEmpty, text != "0" {
            guard let number = Int64(text) else {
                throw .badRequest("resourceVersion: Invalid value: \"\(text)\": strconv.ParseUint: parsing \"\(text)\": invalid syntax")
            }
            let current = cluster.read { $0.resourceVersion }
            if number > current { throw .timeout("Too large resource version: \(number), current: \(current)") }
            from = number
        }
        let timeout: Duration
        if let seconds = request.queryValue("timeoutSeconds").flatMap(Int64.init), seconds > 0 {
            timeout = .seconds(seconds)
        } else {
            timeout = configuration.defaultWatchTimeout * Double.random(in: 1..<2)
        }
        let bookmarks = ["true", "1"].contains(request.queryValue("allowWatchBookmarks") ?? "")
        let subscription: WatchSubscription
        do {
            subscription = try cluster.mutate { (store: inout ClusterStore) throws(ClusterStore.WatchStart) -> WatchSubscription in
                try store.subscribe(filter, from: from, capacity: configuration.watchBufferCapacity)
            }
        } catch {
            guard case .tooOld(let requested, let oldest) = error else { throw .internalError("watch") }
            let expired = KubernetesAPIError.expired("too old resource version: \(requested) (\(oldest))")
            if configuration.expiredWatchAsHTTPStatus { throw expired }
            let line = SimulatedJSON.object(["type": "ERROR", "object": expired.status]).encoded + [10]
            return .streaming(200, headers: ["Content-Type": "application/json"]) { writer in
                try await writer.write(line)
            }
        }
        let resource = target.resource
        let bookmarkInterval = configuration.bookmarkInterval
        let cluster = self.cluster
        return .streaming(200, headers: ["Content-Type": "application/json"]) { writer in
            defer { cluster.mutate { $0.unsubscribe(subscription) } }
            let deadline = ContinuousClock.now + timeout
            var nextBookmark = ContinuousClock.now + bookmarkInterval
            var sentColumns = false
            while true {
                let wakeAt = bookmarks ? min(deadline, nextBookmark) : deadline
                switch await subscription.next(until: wakeAt) {
                case .event(let type, let object):
                    var payload = object
                    if format == .table {
                        payload = TableRenderer.table([object], resource: resource,
                                                      resourceVersion: object.string(at: ["metadata", "resourceVersion"]) ?? "",
                                                      includeColumns: !sentColumns)
                        sentColumns = true
                    }
                    try await writer.write(SimulatedJSON.object(["type": .string(type.rawValue), "object": payload]).encoded + [10])
                case .timedOut:
                    if ContinuousClock.now >= deadline { return }
                    nextBookmark = ContinuousClock.now + bookmarkInterval
                    let version = cluster.read { store -> Int64? in subscription.isDrained ? store.resourceVersion : nil }
                    guard let version else { continue }
                    let bookmark: SimulatedJSON = [
                        "type": "BOOKMARK",
                        "object": ["kind": .string(resource.kind), "apiVersion": .string(resource.apiVersion),
                                   "metadata": ["resourceVersion": .string(String(version)), "creationTimestamp": nil]],
                    ]
                    try await writer.write(bookmark.encoded + [10])
                case .ended(let ending):
                    if case .cut(abrupt: true) = ending { throw SimulatorHTTPStreamError.aborted }
                    return
                }
            }
        }
    }
}
