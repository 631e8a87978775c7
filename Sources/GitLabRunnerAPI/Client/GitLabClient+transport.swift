import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// One HTTP answer, body collected (GitLab's answers here are small).
struct GitLabAnswer {
    var status: Int
    var headers: HTTPHeaders
    var bodyBytes: [UInt8]

    /// The start of the body, for error messages.
    var bodySummary: String {
        let text = String(decoding: bodyBytes.prefix(300), as: UTF8.self)
        return text.isEmpty ? "(empty answer)" : text
    }
}

extension GitLabClient {
    static let maximumAnswerSize = 64 * 1024 * 1024

    func jsonHeaders() -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: FlywheelBuild.userAgent)
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Accept", value: "application/json")
        return headers
    }

    func runnerHeaders(_ runnerToken: String) -> HTTPHeaders {
        var headers = jsonHeaders()
        headers.add(name: "RUNNER-TOKEN", value: runnerToken)
        return headers
    }

    /// Sends one call with the transport retries of ``RetryPolicy``; returns the last answer.
    ///
    /// - Parameter retryTransportErrors: whether a connection error (reset, refused, timeout) is retried.
    ///   Only for calls that are safe to repeat.
    func send(
        _ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: [UInt8]?, timeout: TimeAmount,
        retryTransportErrors: Bool, operation: String
    ) async throws -> GitLabAnswer {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            var request = HTTPClientRequest(url: apiBase + path)
            request.method = method
            request.headers = headers
            let requestID = Self.newRequestID()
            request.headers.replaceOrAdd(name: "X-Request-Id", value: requestID)
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            do {
                let response = try await http.execute(request, timeout: timeout)
                let collected = try await response.body.collect(upTo: Self.maximumAnswerSize)
                let answer = GitLabAnswer(status: Int(response.status.code), headers: response.headers, bodyBytes: Array(collected.readableBytesView))
                logger.debug("\(operation) → \(answer.status)", metadata: ["request_id": "\(requestID)", "attempt": "\(attempt)"])
                if RetryPolicy.isRetryable(status: answer.status), attempt < retry.maxAttempts {
                    let wait = retry.delay(afterAttempt: attempt, retryAfter: Self.retryAfterSeconds(answer.headers))
                    logger.warning("\(operation) answered \(answer.status); retrying in \(wait)", metadata: ["request_id": "\(requestID)"])
                    try await Task.sleep(for: wait)
                    continue
                }
                return answer
            } catch let error as CancellationError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                let message = Self.describe(error)
                guard retryTransportErrors, attempt < retry.maxAttempts else {
                    throw GitLabAPIError(operation: operation, message: message)
                }
                let wait = retry.delay(afterAttempt: attempt, retryAfter: nil)
                logger.warning("\(operation) failed: \(message); retrying in \(wait)", metadata: ["request_id": "\(requestID)"])
                try await Task.sleep(for: wait)
            }
        }
    }

    /// Seconds to wait as the server asked: `RateLimit-ResetTime` (RFC 1123 date) first, then `Retry-After`.
    static func retryAfterSeconds(_ headers: HTTPHeaders) -> Int? {
        if let reset = headers.first(name: "RateLimit-ResetTime") {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            if let date = formatter.date(from: reset) {
                return max(0, Int(date.timeIntervalSinceNow.rounded(.up)))
            }
        }
        if let value = headers.first(name: "Retry-After"), let seconds = Int(value.trimmingCharacters(in: .whitespaces)) {
            return seconds
        }
        return nil
    }

    static func newRequestID() -> String {
        var id = ""
        for _ in 0..<4 {
            let hex = String(UInt32.random(in: .min ... .max), radix: 16)
            id += String(repeating: "0", count: 8 - hex.count) + hex
        }
        return id
    }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                return "missing key `\(Self.path(context.codingPath + [key]))`"
            case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
                return "`\(Self.path(context.codingPath))` is not a \(type)"
            case .dataCorrupted(let context):
                return "invalid JSON at `\(Self.path(context.codingPath))`: \(context.debugDescription)"
            @unknown default:
                return "\(error)"
            }
        }
        return "\(error)"
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

// MARK: Wire bodies

/// Body of runner-scoped calls (`verify`, `jobs/request`).
struct RunnerCall: Encodable {
    var token: String
    var systemID: String
    var lastUpdate: String?
    var info: RunnerInfo

    enum CodingKeys: String, CodingKey {
        case token, info
        case systemID = "system_id"
        case lastUpdate = "last_update"
    }
}

/// Body of `PUT /jobs/:id`.
struct JobUpdateCall: Encodable {
    var token: String
    var state: JobState
    var failureReason: String?
    var exitCode: Int32?
    var output: TraceOutput?
    var checksum: String?
    var info: RunnerInfo

    enum CodingKeys: String, CodingKey {
        case token, state, output, checksum, info
        case failureReason = "failure_reason"
        case exitCode = "exit_code"
    }
}

/// Body of the legacy `POST /runners`.
struct LegacyRegistrationCall: Encodable {
    struct Info: Encodable {
        var name, version, revision, platform, architecture: String
    }

    var token: String
    var description: String
    var info: Info
    var runUntagged: Bool
    var locked: Bool
    var paused: Bool
    var tagList: String?
    var maximumTimeout: Int?

    enum CodingKeys: String, CodingKey {
        case token, description, info, locked, paused
        case runUntagged = "run_untagged"
        case tagList = "tag_list"
        case maximumTimeout = "maximum_timeout"
    }
}

/// Answer of `verify` and `register`.
struct RegistrationReply: Decodable {
    var id: Int64?
    var token: String?
    var tokenExpiresAt: String?

    enum CodingKeys: String, CodingKey {
        case id, token
        case tokenExpiresAt = "token_expires_at"
    }
}

/// The two fields needed to fail a job whose payload we cannot read.
struct JobIdentity: Decodable {
    var id: Int64
    var token: String
}
