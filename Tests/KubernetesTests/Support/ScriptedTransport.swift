import Foundation
import Kubernetes
import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

/// A ``KubernetesTransport`` that answers from a script, in order, and records every request.
final class ScriptedTransport: KubernetesTransport {
    typealias Responder = @Sendable (KubernetesHTTPRequest) async throws -> KubernetesHTTPResponse

    private let state: Mutex<(steps: [Responder], requests: [KubernetesHTTPRequest])>
    private let fallback: Responder?

    /// - Parameter fallback: answers once the steps are used up; without one, an extra request is a test failure.
    init(_ steps: [Responder], fallback: Responder? = nil) {
        state = Mutex((steps, []))
        self.fallback = fallback
    }

    func execute(_ request: KubernetesHTTPRequest) async throws -> KubernetesHTTPResponse {
        let step: Responder? = state.withLock { state in
            state.requests.append(request)
            return state.steps.isEmpty ? nil : state.steps.removeFirst()
        }
        guard let responder = step ?? fallback else {
            Issue.record("unexpected request \(request.method) \(request.path)")
            throw ScriptExhausted()
        }
        return try await responder(request)
    }

    var requests: [KubernetesHTTPRequest] { state.withLock { $0.requests } }
    var paths: [String] { requests.map(\.path) }
    var remainingSteps: Int { state.withLock { $0.steps.count } }
}

struct ScriptExhausted: Error {}

/// A made-up transport failure.
struct ConnectionReset: Error, CustomStringConvertible {
    var description: String { "connection reset by peer" }
}

extension ScriptedTransport {
    /// Answers `body` as JSON with `status`.
    static func json(_ body: String, status: HTTPResponseStatus = .ok, headers: [(String, String)] = []) -> Responder {
        { _ in
            KubernetesHTTPResponse(
                status: status, headers: HTTPHeaders([("Content-Type", "application/json")] + headers),
                body: KubernetesByteStream(chunks: [ByteBuffer(string: body)])
            )
        }
    }

    /// Answers a `Status` object.
    static func status(_ code: Int, reason: String, message: String = "", headers: [(String, String)] = []) -> Responder {
        let body = #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\#(message)","reason":"\#(reason)","code":\#(code)}"#
        return json(body, status: HTTPResponseStatus(statusCode: code), headers: headers)
    }

    /// Answers 200 with each string as its own chunk, then fails with `error` (a cut connection) if given.
    static func chunks(_ chunks: [String], thenFail error: (any Error)? = nil) -> Responder {
        { _ in
            KubernetesHTTPResponse(status: .ok, body: KubernetesByteStream(chunks: chunks.map { ByteBuffer(string: $0) }, thenFail: error))
        }
    }

    /// Fails without an answer.
    static func fail(_ error: any Error) -> Responder {
        { _ in throw error }
    }
}

extension KubernetesHTTPRequest {
    /// The body as text.
    var bodyText: String { body.map { String(buffer: $0) } ?? "" }
    /// The query parameter `name`, percent-decoded.
    func query(_ name: String) -> String? {
        guard let query = path.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.first.map(String.init) == name { return parts.count > 1 ? String(parts[1]).removingPercentEncoding : "" }
        }
        return nil
    }
    /// The path without the query.
    var bare: String { String(path.split(separator: "?", maxSplits: 1)[0]) }
}

extension KubernetesRetryPolicy {
    /// Retries without real waiting.
    static let fast = KubernetesRetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(4))
}

extension Logger {
    /// Drops everything: retries in these tests are expected.
    static let quiet = Logger(label: "kubernetes-tests", factory: { _ in SwiftLogNoOpLogHandler() })
}
