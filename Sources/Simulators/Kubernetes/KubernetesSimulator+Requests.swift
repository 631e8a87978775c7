import Synchronization

extension KubernetesSimulator {
    /// Every recorded API request (admin calls excluded), oldest first, bounded by
    /// ``KubernetesSimulatorConfiguration/maximumRecordedRequests``.
    public var requests: [KubernetesRecordedRequest] {
        requestLog.withLock { $0.entries }
    }

    /// Recorded requests whose path contains `pathContains` (and with `method`, if given).
    public func requests(pathContains: String, method: String? = nil) -> [KubernetesRecordedRequest] {
        requests.filter { $0.path.contains(pathContains) && (method == nil || $0.method == method) }
    }

    /// Replaces the accepted bearer tokens (token rotation). An empty list turns
    /// authentication off.
    public func setTokens(_ tokens: [String]) {
        self.tokens.withLock { $0 = tokens }
        if let first = tokens.first { kubelet.endpoint.withLock { $0.serviceAccountToken = first } }
    }

    /// The accepted bearer tokens.
    public var acceptedTokens: [String] { tokens.withLock { $0 } }

    func record(_ request: SimulatorHTTPRequest) -> Int {
        let sequence = requestLog.withLock { $0.record(request) }
        cluster.changes.notify()
        return sequence
    }

    func finish(_ sequence: Int, status: Int) {
        requestLog.withLock { $0.update(sequence) { $0.responseStatus = status } }
        cluster.changes.notify()
    }

    func noteFault(_ sequence: Int, _ description: String) {
        requestLog.withLock { $0.update(sequence) { $0.fault = description } }
    }

    /// `Authorization: Bearer <token>` (scheme case-insensitive) with an accepted token.
    /// Without any header, only the public-info paths (`/version`, `/healthz`, `/livez`,
    /// `/readyz`) are allowed, as for `system:anonymous`.
    func isAuthorized(_ request: SimulatorHTTPRequest) -> Bool {
        let accepted = tokens.withLock { $0 }
        guard !accepted.isEmpty else { return true }
        guard let header = request.headers["Authorization"] else {
            return ["/version", "/healthz", "/livez", "/readyz"].contains(request.path)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return accepted.contains(parts[1].withoutSurroundingWhitespace)
    }
}
