import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP exchange for the targets: sends a request through AsyncHTTPClient and turns
/// every failure into a ``CacheTargetError`` that names the method and URL.
struct CacheHTTP: Sendable {
    /// A response with at most ``maximumResponseBytes`` of its body kept.
    struct Response: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Larger response bodies are cut (cache answers are small; only errors can be big).
    static let maximumResponseBytes = 1 << 20

    let client: HTTPClient

    /// Sends the request and returns the response whatever its status.
    func send(
        _ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:], body: HTTPClientRequest.Body? = nil,
        timeout: Duration = .seconds(120)
    ) async throws(CacheTargetError) -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        request.body = body
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Self.nanoseconds(timeout)))
            var kept: [UInt8] = []
            for try await var chunk in response.body {
                if kept.count < Self.maximumResponseBytes, let bytes = chunk.readBytes(length: min(chunk.readableBytes, Self.maximumResponseBytes - kept.count)) {
                    kept += bytes
                }
            }
            return Response(status: Int(response.status.code), headers: response.headers, body: kept)
        } catch let error as CacheTargetError {
            throw error
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw .transport(method: method.rawValue, url: url, reason: Self.describe(error))
        }
    }

    /// Sends the request and throws ``CacheTargetError/http(method:url:status:message:retryAfter:)``
    /// unless the status is 2xx.
    func expectSuccess(
        _ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:], body: HTTPClientRequest.Body? = nil,
        timeout: Duration = .seconds(120)
    ) async throws(CacheTargetError) -> Response {
        let response = try await send(method, url, headers: headers, body: body, timeout: timeout)
        guard (200..<300).contains(response.status) else {
            throw Self.failure(method, url, response)
        }
        return response
    }

    /// The error for a non-2xx response: Attic's JSON `message` or the first line of text,
    /// and `Retry-After`.
    static func failure(_ method: HTTPMethod, _ url: String, _ response: Response) -> CacheTargetError {
        .http(method: method.rawValue, url: url, status: response.status, message: message(of: response),
              retryAfter: response.headers.first(name: "retry-after").flatMap(parseRetryAfter))
    }

    static func message(of response: Response) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] {
            let name = object["error"] as? String
            let message = object["message"] as? String ?? object["Message"] as? String
            let parts = [name, message].compactMap { $0 }
            if !parts.isEmpty { return parts.joined(separator: ": ") }
        }
        if let code = xmlElement("Code", in: response.text) {
            return [code, xmlElement("Message", in: response.text)].compactMap { $0 }.joined(separator: ": ")
        }
        let line = response.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return String(line.prefix(200))
    }

    /// `Retry-After` as delta-seconds or an HTTP date.
    static func parseRetryAfter(_ value: String) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000))
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    private static func xmlElement(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[start.upperBound..<end.lowerBound])
    }

    private static func describe(_ error: any Error) -> String {
        if let clientError = error as? HTTPClientError {
            return "\(clientError)"
        }
        return String(describing: error)
    }
}
