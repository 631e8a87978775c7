import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Simulators

/// A thin AsyncHTTPClient wrapper speaking the runner API to a simulator.
struct TestClient: Sendable {
    let http: HTTPClient
    let baseURL: String
    var runnerToken = "glrt-simulator-runner-token"

    /// Sends a request and reads the whole response.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        timeout: TimeAmount = .seconds(30)
    ) async throws -> TestResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await http.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return TestResponse(status: Int(response.status.code), headers: response.headers, body: Array(bytes.readableBytesView))
    }

    /// Sends a JSON body with `Content-Type: application/json`.
    func sendJSON(
        _ method: HTTPMethod,
        _ path: String,
        _ body: SimulatedJSON,
        headers: [(String, String)] = [],
        timeout: TimeAmount = .seconds(30)
    ) async throws -> TestResponse {
        try await send(
            method,
            path,
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")] + headers,
            body: body.encoded,
            timeout: timeout
        )
    }

    /// `POST /api/v4/jobs/request` as a runner would send it.
    func requestJob(
        token: String? = nil,
        systemID: String = "s_0123456789ab",
        lastUpdate: String? = nil,
        features: [String: SimulatedJSON] = [:],
        timeout: TimeAmount = .seconds(30)
    ) async throws -> TestResponse {
        let token = token ?? runnerToken
        var body: [String: SimulatedJSON] = [
            "token": .string(token),
            "system_id": .string(systemID),
            "info": [
                "name": "flywheel-test", "version": "0.0.1", "platform": "linux", "architecture": "amd64",
                "executor": "kubernetes", "shell": "bash", "features": .object(features),
            ],
        ]
        if let lastUpdate { body["last_update"] = .string(lastUpdate) }
        return try await sendJSON(.POST, "/api/v4/jobs/request", .object(body), headers: [("RUNNER-TOKEN", token)], timeout: timeout)
    }

    /// `PUT /api/v4/jobs/:id`.
    func updateJob(
        _ id: Int64,
        token: String,
        state: String,
        extra: [String: SimulatedJSON] = [:]
    ) async throws -> TestResponse {
        var body: [String: SimulatedJSON] = ["token": .string(token), "state": .string(state)]
        body.merge(extra) { _, new in new }
        return try await sendJSON(.PUT, "/api/v4/jobs/\(id)", .object(body), headers: [("JOB-TOKEN", token)])
    }

    /// `PUT /api/v4/jobs/:id`.
    func updateJob(_ job: SimulatedJobID, state: String, extra: [String: SimulatedJSON] = [:]) async throws -> TestResponse {
        try await updateJob(job.rawValue, token: job.token, state: state, extra: extra)
    }

    /// `PATCH /api/v4/jobs/:id/trace` with a correct `Content-Range` unless one is given.
    func patchTrace(
        _ job: SimulatedJobID,
        start: Int,
        _ bytes: [UInt8],
        contentRange: String? = nil,
        omitContentRange: Bool = false,
        token: String? = nil
    ) async throws -> TestResponse {
        var headers = [("JOB-TOKEN", token ?? job.token), ("Content-Type", "text/plain")]
        if !omitContentRange {
            headers.append(("Content-Range", contentRange ?? "\(start)-\(start + bytes.count - 1)"))
        }
        return try await send(.PATCH, "/api/v4/jobs/\(job.rawValue)/trace", headers: headers, body: bytes)
    }

    /// Takes the next job and acknowledges it (a running job, ready for trace patches).
    func takeAndStart(features: [String: SimulatedJSON] = [:], systemID: String = "s_0123456789ab") async throws -> TestResponse {
        let response = try await requestJob(systemID: systemID, features: features)
        if let id = response.json?["id"]?.intValue, let token = response.json?["token"]?.stringValue {
            _ = try await updateJob(id, token: token, state: "running")
        }
        return response
    }
}
