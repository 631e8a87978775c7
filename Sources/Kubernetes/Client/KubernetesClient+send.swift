import Foundation
import Logging
import NIOCore
import NIOHTTP1

extension KubernetesClient {
    /// The largest non-streaming answer we hold in memory (a big PodList).
    static let maximumAnswerSize = 64 * 1024 * 1024
    /// The most of an error answer we read.
    static let maximumErrorSize = 1024 * 1024

    /// Sends `request` and collects a 2xx answer's body.
    func call(_ request: APIRequest) async throws -> ByteBuffer {
        let response = try await open(request)
        do {
            return try await response.body.collect(upTo: Self.maximumAnswerSize, operation: request.operation)
        } catch let error as KubernetesClientError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            throw KubernetesClientError(code: .transport, operation: request.operation, message: "the answer was cut off (\(error))", underlying: error)
        }
    }

    /// Sends `request` until it gets a 2xx answer, whose body is returned unread (for watches and logs).
    ///
    /// - 401: drops the cached credential and repeats once with a fresh one.
    /// - 429, and 403 `exceeded quota`: waits `Retry-After` (or backoff) and repeats, for every call (both prove
    ///   nothing was done).
    /// - 500/502/503/504 and failed connections: repeat with backoff for idempotent calls; a failed connection
    ///   that provably never reached the server is repeated for every call.
    /// - Anything else, or attempts used up: throws ``KubernetesError`` (decoded from the `Status` answer) or
    ///   ``KubernetesClientError``.
    func open(_ request: APIRequest) async throws -> KubernetesHTTPResponse {
        let operation = request.operation
        var attempt = 0
        var refreshedCredentials = false
        while true {
            attempt += 1
            try Task.checkCancellation()
            let outgoing = try await prepare(request)
            let response: KubernetesHTTPResponse
            do {
                response = try await transport.execute(outgoing)
            } catch let error as CancellationError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                let failure = (error as? KubernetesClientError)
                    ?? KubernetesClientError(code: .transport, operation: operation, message: "the connection failed (\(error))", underlying: error)
                let repeatable = request.idempotent || failure.code == .connectionFailed
                guard repeatable, attempt < retry.maxAttempts else { throw failure }
                let wait = retry.delay(afterAttempt: attempt)
                logger.warning("\(operation) failed: \(failure.message); retrying in \(wait)", metadata: ["attempt": "\(attempt)"])
                try await Task.sleep(for: wait)
                continue
            }
            let code = Int(response.status.code)
            if (200..<300).contains(code) {
                logger.trace("\(operation) → \(code)")
                return response
            }
            let error = await Self.failure(from: response, operation: operation)
            logger.debug("\(operation) → \(code) \(error.reason)", metadata: ["attempt": "\(attempt)"])
            if code == 401, !refreshedCredentials {
                refreshedCredentials = true
                attempt -= 1
                logger.info("\(operation) was refused with 401; re-reading the credentials and trying once more")
                await credentials.invalidate()
                continue
            }
            let retryable = KubernetesRetryPolicy.isRetryable(code: code, idempotent: request.idempotent) || error.isQuotaExceeded
            if retryable, attempt < retry.maxAttempts {
                let wait = retry.delay(afterAttempt: attempt, retryAfter: Self.retryAfter(response.headers, status: error.status))
                logger.warning("\(operation) answered \(code) \(error.reason); retrying in \(wait)", metadata: ["attempt": "\(attempt)"])
                try await Task.sleep(for: wait)
                continue
            }
            throw error
        }
    }

    /// Adds headers and credentials.
    private func prepare(_ request: APIRequest) async throws -> KubernetesHTTPRequest {
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "Accept", value: request.accept)
        if let contentType = request.contentType {
            headers.add(name: "Content-Type", value: contentType)
        }
        let credential = try await credentials.credential()
        if let token = credential.bearerToken {
            headers.add(name: "Authorization", value: "Bearer \(token)")
        } else if let basic = credential.basic {
            let encoded = Data("\(basic.username):\(basic.password)".utf8).base64EncodedString()
            headers.add(name: "Authorization", value: "Basic \(encoded)")
        }
        return KubernetesHTTPRequest(
            method: request.method, path: request.path, headers: headers, body: request.body,
            clientCertificate: credential.clientCertificate, timeout: request.timeout ?? requestTimeout
        )
    }

    /// Reads a non-2xx answer into a ``KubernetesError``: its `Status` when it is one, else the body's start.
    static func failure(from response: KubernetesHTTPResponse, operation: String) async -> KubernetesError {
        let code = Int(response.status.code)
        var body = ByteBuffer()
        var iterator = response.body.makeAsyncIterator()
        while body.readableBytes < maximumErrorSize, let chunk = try? await iterator.next() {
            var chunk = chunk
            body.writeBuffer(&chunk)
        }
        let data = Data(body.readableBytesView)
        if let status = try? JSONDecoder().decode(Status.self, from: data), status.kind == "Status" || status.reason != nil || status.code != nil {
            return KubernetesError(operation: operation, status: status, httpCode: code)
        }
        let text = String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return KubernetesError(operation: operation, code: code, message: text.isEmpty ? response.status.reasonPhrase : text)
    }

    /// The wait the server asked for: `Retry-After` (seconds or an HTTP date), else `Status.details.retryAfterSeconds`.
    static func retryAfter(_ headers: HTTPHeaders, status: Status?) -> Duration? {
        if let value = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Int(value) { return .seconds(max(0, seconds)) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            if let date = formatter.date(from: value) {
                return .milliseconds(max(0, Int64(date.timeIntervalSinceNow * 1000)))
            }
        }
        return status?.details?.retryAfterSeconds.map { .seconds(max(0, $0)) }
    }

    /// Decodes a 2xx answer.
    func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, operation: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw KubernetesClientError(
                code: .decoding, operation: operation, message: "the answer is not a \(T.self): \(KubernetesJSON.describe(error))",
                underlying: error
            )
        }
    }
}
