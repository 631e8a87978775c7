import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The GitLab runner API over HTTP, per `research/gitlab-protocol.md`.
///
/// One client per `[[runners]]` entry (its URL and `info`), sharing one `HTTPClient`.
/// Tokens travel in headers and bodies only, never in URLs or logs.
public struct GitLabClient: RunnerAPI, JobAPI {
    let http: HTTPClient
    /// `<server>/api/v4`.
    let apiBase: String
    let info: RunnerInfo
    let retry: RetryPolicy
    let logger: Logger

    /// - Parameters:
    ///   - serverURL: GitLab's URL as configured; a trailing `/` or `/ci` is dropped.
    ///   - info: the `info` object sent on every runner-scoped call and job update.
    public init(serverURL: String, info: RunnerInfo, httpClient: HTTPClient, retry: RetryPolicy = RetryPolicy(), logger: Logger) {
        self.apiBase = Self.normalise(serverURL) + "/api/v4"
        self.info = info
        self.http = httpClient
        self.retry = retry
        self.logger = logger
    }

    /// Strips trailing `/` and a trailing `/ci`, as gitlab-runner does.
    public static func normalise(_ url: String) -> String {
        var url = Substring(url)
        while url.hasSuffix("/") { url = url.dropLast() }
        if url.hasSuffix("/ci") { url = url.dropLast(3) }
        while url.hasSuffix("/") { url = url.dropLast() }
        return String(url)
    }

    // MARK: RunnerAPI

    public func verify(runnerToken: String, systemID: String) async throws -> RunnerRegistration {
        let operation = "POST /api/v4/runners/verify"
        let body = try Self.encode(RunnerCall(token: runnerToken, systemID: systemID, lastUpdate: nil, info: info))
        let answer = try await send(.POST, "/runners/verify", headers: runnerHeaders(runnerToken), body: body, timeout: .seconds(60), retryTransportErrors: true, operation: operation)
        switch answer.status {
        case 200, 201:
            if let reply = try? JSONDecoder().decode(RegistrationReply.self, from: Data(answer.bodyBytes)) {
                return RunnerRegistration(id: reply.id, token: reply.token ?? runnerToken, tokenExpiresAt: reply.tokenExpiresAt)
            }
            return RunnerRegistration(id: nil, token: runnerToken, tokenExpiresAt: nil)
        case 403:
            throw GitLabAPIError(operation: operation, status: 403, message: "the runner token is invalid or the runner was deleted in GitLab; register again")
        default:
            throw GitLabAPIError(operation: operation, status: answer.status, message: answer.bodySummary)
        }
    }

    public func register(registrationToken: String, options: LegacyRegistrationOptions) async throws -> RunnerRegistration {
        let operation = "POST /api/v4/runners"
        let call = LegacyRegistrationCall(
            token: registrationToken, description: options.description,
            info: .init(name: info.name, version: info.version, revision: info.revision, platform: info.platform, architecture: info.architecture),
            runUntagged: options.runUntagged, locked: options.locked, paused: options.paused,
            tagList: options.tagList.isEmpty ? nil : options.tagList.joined(separator: ","), maximumTimeout: options.maximumTimeout
        )
        let answer = try await send(.POST, "/runners", headers: jsonHeaders(), body: try Self.encode(call), timeout: .seconds(60), retryTransportErrors: false, operation: operation)
        switch answer.status {
        case 201:
            guard let reply = try? JSONDecoder().decode(RegistrationReply.self, from: Data(answer.bodyBytes)), let token = reply.token else {
                throw GitLabAPIError(operation: operation, status: 201, message: "the answer has no runner token")
            }
            return RunnerRegistration(id: reply.id, token: token, tokenExpiresAt: reply.tokenExpiresAt)
        case 403:
            throw GitLabAPIError(operation: operation, status: 403, message: "the registration token was refused; check it in the project/group/instance runner settings")
        case 410:
            throw GitLabAPIError(operation: operation, status: 410, message: "registration tokens are disabled on this GitLab; create a runner in GitLab and register with its glrt- token")
        default:
            throw GitLabAPIError(operation: operation, status: answer.status, message: answer.bodySummary)
        }
    }

    public func unregisterRunner(runnerToken: String) async throws {
        let operation = "DELETE /api/v4/runners"
        let body = try Self.encode(["token": runnerToken])
        let answer = try await send(.DELETE, "/runners", headers: runnerHeaders(runnerToken), body: body, timeout: .seconds(60), retryTransportErrors: true, operation: operation)
        guard answer.status == 204 || answer.status == 200 else {
            throw GitLabAPIError(operation: operation, status: answer.status, message: answer.bodySummary)
        }
    }

    public func unregisterManager(runnerToken: String, systemID: String) async throws {
        let operation = "DELETE /api/v4/runners/managers"
        let body = try Self.encode(["token": runnerToken, "system_id": systemID])
        let answer = try await send(.DELETE, "/runners/managers", headers: runnerHeaders(runnerToken), body: body, timeout: .seconds(60), retryTransportErrors: true, operation: operation)
        guard answer.status == 204 || answer.status == 200 else {
            throw GitLabAPIError(operation: operation, status: answer.status, message: answer.bodySummary)
        }
    }

    public func requestJob(runnerToken: String, systemID: String, lastUpdate: String?) async throws -> JobRequestResponse {
        let operation = "POST /api/v4/jobs/request"
        let body = try Self.encode(RunnerCall(token: runnerToken, systemID: systemID, lastUpdate: lastUpdate, info: info))
        precondition(body.count < 32 * 1024, "job request body must stay under 32 KiB (Workhorse limit)")
        // A lost 201 cannot be replayed (the job is assigned to us), so transport errors are not retried here;
        // with two-phase commit GitLab re-queues a job we never acknowledged.
        let answer = try await send(.POST, "/jobs/request", headers: runnerHeaders(runnerToken), body: body, timeout: .seconds(120), retryTransportErrors: false, operation: operation)
        let newLastUpdate = answer.headers.first(name: "X-GitLab-Last-Update")
        switch answer.status {
        case 201:
            let contentType = answer.headers.first(name: "Content-Type") ?? ""
            let data = Data(answer.bodyBytes)
            guard contentType.lowercased().contains("application/json") else {
                let id = try? JSONDecoder().decode(JobIdentity.self, from: data)
                return .malformedJob(id: id?.id, token: id?.token, problem: "job payload has Content-Type \(contentType.isEmpty ? "(none)" : contentType), expected application/json")
            }
            do {
                return .job(try JSONDecoder().decode(JobPayload.self, from: data), lastUpdate: newLastUpdate)
            } catch {
                let id = try? JSONDecoder().decode(JobIdentity.self, from: data)
                return .malformedJob(id: id?.id, token: id?.token, problem: "job payload cannot be read: \(Self.describe(error))")
            }
        case 204:
            return .noJob(lastUpdate: newLastUpdate)
        case 403:
            return .forbidden
        default:
            return .failed(status: answer.status, message: answer.bodySummary)
        }
    }

    // MARK: JobAPI

    public func updateJob(id: Int64, jobToken: String, update: JobUpdate) async throws -> JobUpdateResponse {
        let operation = "PUT /api/v4/jobs/\(id)"
        let call = JobUpdateCall(
            token: jobToken, state: update.state, failureReason: update.failureReason, exitCode: update.exitCode,
            output: update.output, checksum: update.output?.checksum, info: info
        )
        var headers = jsonHeaders()
        headers.add(name: "JOB-TOKEN", value: jobToken)
        let answer = try await send(.PUT, "/jobs/\(id)", headers: headers, body: try Self.encode(call), timeout: .seconds(60), retryTransportErrors: true, operation: operation)
        let status = answer.headers.first(name: "Job-Status").map(RemoteJobStatus.init(header:))
        switch answer.status {
        case 200: return .accepted(status)
        case 202:
            let interval = answer.headers.first(name: "X-GitLab-Trace-Update-Interval").flatMap { Int($0) } ?? 3
            return .acceptedPending(retryAfter: max(1, interval), status)
        case 403: return .aborted(status)
        case 404: return .notFound
        case 409: return .conflict
        case 412: return .traceValidationFailed
        default: return .rejected(status: answer.status)
        }
    }

    public func patchTrace(id: Int64, jobToken: String, offset: Int64, bytes: [UInt8]) async throws -> TracePatchResponse {
        precondition(!bytes.isEmpty, "never send an empty trace patch")
        let operation = "PATCH /api/v4/jobs/\(id)/trace"
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: FlywheelBuild.userAgent)
        headers.add(name: "Content-Type", value: "text/plain")
        headers.add(name: "JOB-TOKEN", value: jobToken)
        headers.add(name: "Content-Range", value: "\(offset)-\(offset + Int64(bytes.count) - 1)")
        let answer = try await send(.PATCH, "/jobs/\(id)/trace", headers: headers, body: bytes, timeout: .seconds(60), retryTransportErrors: true, operation: operation)
        let status = answer.headers.first(name: "Job-Status").map(RemoteJobStatus.init(header:))
        let serverLength = answer.headers.first(name: "Range").flatMap(Self.rangeLength)
        switch answer.status {
        case 202:
            let interval = answer.headers.first(name: "X-GitLab-Trace-Update-Interval").flatMap { Int($0) }
            return .appended(serverLength: serverLength, status: status, updateInterval: interval)
        case 416:
            guard let serverLength else { return .rejected(status: 416) }
            return .rangeMismatch(serverLength: serverLength, status: status)
        case 403: return .aborted(status)
        case 404: return .notFound
        default: return .rejected(status: answer.status)
        }
    }

    /// The length in a `Range: 0-N` header (N is the byte count the server holds).
    static func rangeLength(_ header: String) -> Int64? {
        let parts = header.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let end = Int64(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return end
    }
}
