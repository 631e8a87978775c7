/// An HTTP response a ``SimulatorHTTPHandler`` returns.
///
/// The server adds `Content-Length` (except for 1xx, 204 and 304) and `Connection: close`
/// when the connection will not be kept alive.
public struct SimulatorHTTPResponse: Sendable {
    /// The status code, e.g. 202.
    public var status: Int
    /// Header fields to send, in order.
    public var headers: SimulatorHTTPHeaders
    /// The body bytes.
    public var body: [UInt8]
    /// When set, the body is streamed with chunked transfer encoding instead of sending
    /// ``body`` (see ``SimulatorHTTPBodyStream``); ``body`` is then ignored.
    public var bodyStream: SimulatorHTTPBodyStream? = nil

    /// Creates a response.
    public init(status: Int, headers: SimulatorHTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is produced while it is sent, with chunked transfer encoding.
    public static func streaming(
        _ status: Int,
        headers: SimulatorHTTPHeaders = [:],
        _ produce: @escaping @Sendable (SimulatorHTTPBodyWriter) async throws -> Void
    ) -> SimulatorHTTPResponse {
        var response = SimulatorHTTPResponse(status: status, headers: headers)
        response.bodyStream = SimulatorHTTPBodyStream(produce)
        return response
    }

    /// A response with a UTF-8 text body and `Content-Type: text/plain`.
    public static func text(_ status: Int, _ text: String, headers: SimulatorHTTPHeaders = [:]) -> SimulatorHTTPResponse {
        var all = headers
        if !all.contains("Content-Type") { all.add(name: "Content-Type", value: "text/plain; charset=utf-8") }
        return SimulatorHTTPResponse(status: status, headers: all, body: Array(text.utf8))
    }

    /// A response with a JSON body (`Content-Type: application/json`).
    public static func json(_ status: Int, _ body: [UInt8], headers: SimulatorHTTPHeaders = [:]) -> SimulatorHTTPResponse {
        var all = headers
        if !all.contains("Content-Type") { all.add(name: "Content-Type", value: "application/json") }
        return SimulatorHTTPResponse(status: status, headers: all, body: body)
    }
}
