import Foundation

/// A request the simulator received on the runner API, in arrival order, with its exact bytes.
public struct RecordedRequest: Sendable, Hashable {
    /// Position in arrival order, from 0.
    public var sequence: Int
    /// When it arrived.
    public var time: Date
    /// The method.
    public var method: String
    /// The raw request target.
    public var uri: String
    /// The decoded path.
    public var path: String
    /// The decoded query items.
    public var query: [SimulatorQueryItem]
    /// The header fields, in wire order.
    public var headers: SimulatorHTTPHeaders
    /// The exact body bytes.
    public var body: [UInt8]
    /// Which runner-API endpoint it addressed, if any.
    public var endpoint: SimulatedEndpoint?
    /// The job id in the path (update, trace).
    public var jobID: Int64?
    /// The status answered, or `nil` when the connection was reset (or no answer yet).
    public var responseStatus: Int?
    /// The fault that was applied, if any.
    public var fault: SimulatedFault?

    /// The body decoded as UTF-8 (invalid bytes replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON, when it is JSON.
    public var json: SimulatedJSON? { try? SimulatedJSON(parsing: body) }
}
