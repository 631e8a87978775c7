import Foundation

/// A complete HTTP/1.1 request as received by ``SimulatorHTTPServer``: head plus the whole body.
public struct SimulatorHTTPRequest: Sendable {
    /// The method, upper case as sent (`GET`, `POST`, `PATCH`, …).
    public var method: String
    /// The raw request target, e.g. `/api/v4/jobs/12/trace?debug_trace=false`.
    public var uri: String
    /// The percent-decoded path part of ``uri``.
    public var path: String
    /// The percent-decoded query items of ``uri``, in order.
    public var query: [SimulatorQueryItem]
    /// The header fields, in wire order.
    public var headers: SimulatorHTTPHeaders
    /// The full body.
    public var body: [UInt8]

    /// Creates a request; ``path`` and ``query`` are parsed from `uri`.
    public init(method: String, uri: String, headers: SimulatorHTTPHeaders = [:], body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = parts.first.map(String.init) ?? ""
        self.path = rawPath.removingPercentEncoding ?? rawPath
        if parts.count > 1 {
            self.query = Self.parseQuery(String(parts[1]))
        } else {
            self.query = []
        }
    }

    /// The value of the first query item called `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Parses `a=1&b=two+words` into decoded items (`+` means space).
    static func parseQuery(_ raw: String) -> [SimulatorQueryItem] {
        raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return SimulatorQueryItem(
                name: decode(pieces[0]),
                value: pieces.count > 1 ? decode(pieces[1]) : nil
            )
        }
    }
}
