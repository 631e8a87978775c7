import Foundation

/// One request the simulated API server received (admin calls are not recorded).
public struct KubernetesRecordedRequest: Sendable {
    /// Arrival order, from 1.
    public var sequence: Int
    /// When it arrived.
    public var time: Date
    public var method: String
    /// The raw request target.
    public var uri: String
    /// The decoded path.
    public var path: String
    public var query: [SimulatorQueryItem]
    public var headers: SimulatorHTTPHeaders
    public var body: [UInt8]
    /// The answered status (for streams, the status of the head); `nil` while in progress or
    /// after a reset.
    public var responseStatus: Int?
    /// The injected fault, if one applied (`status 503`, `delay`, `reset`).
    public var fault: String?

    /// The value of the first query item called `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    var json: SimulatedJSON {
        [
            "sequence": .int(Int64(sequence)), "method": .string(method), "uri": .string(uri), "path": .string(path),
            "query": .array(query.map { [.string($0.name), $0.value.map(SimulatedJSON.string) ?? nil] }),
            "headers": .array(headers.fields.map { [.string($0.name), .string($0.value)] }),
            "body_text": .string(bodyText),
            "response_status": responseStatus.map { .int(Int64($0)) } ?? nil,
            "fault": fault.map(SimulatedJSON.string) ?? nil,
        ]
    }
}
