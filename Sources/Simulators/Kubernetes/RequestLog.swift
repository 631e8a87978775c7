import Foundation

/// The recorded requests, bounded.
struct RequestLog: Sendable {
    var entries: [KubernetesRecordedRequest] = []
    var nextSequence = 1
    var limit: Int

    /// Records a request; returns its sequence number.
    mutating func record(_ request: SimulatorHTTPRequest) -> Int {
        let sequence = nextSequence
        nextSequence += 1
        entries.append(KubernetesRecordedRequest(sequence: sequence, time: Date(), method: request.method, uri: request.uri, path: request.path,
                                                 query: request.query, headers: request.headers, body: request.body))
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return sequence
    }

    /// Changes the entry with `sequence`, if still kept.
    mutating func update(_ sequence: Int, _ body: (inout KubernetesRecordedRequest) -> Void) {
        guard let index = entries.lastIndex(where: { $0.sequence == sequence }) else { return }
        body(&entries[index])
    }
}
