import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Simulators

/// An AsyncHTTPClient wrapper speaking the Kubernetes API to the simulator.
struct KubeTestClient: Sendable {
    let http: HTTPClient
    let baseURL: String
    var token: String?

    private func makeRequest(_ method: HTTPMethod, _ path: String, body: [UInt8]?, contentType: String?, headers: [(String, String)]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    /// Sends a request and reads the whole answer.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        json: SimulatedJSON? = nil,
        body: [UInt8]? = nil,
        contentType: String = "application/json",
        headers: [(String, String)] = []
    ) async throws -> KubeResponse {
        let request = makeRequest(method, path, body: json?.encoded ?? body, contentType: contentType, headers: headers)
        let response = try await http.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return KubeResponse(status: Int(response.status.code), headers: response.headers, body: Array(bytes.readableBytesView))
    }

    func get(_ path: String, headers: [(String, String)] = []) async throws -> KubeResponse {
        try await send(.GET, path, headers: headers)
    }

    func post(_ path: String, _ json: SimulatedJSON) async throws -> KubeResponse {
        try await send(.POST, path, json: json)
    }

    func put(_ path: String, _ json: SimulatedJSON) async throws -> KubeResponse {
        try await send(.PUT, path, json: json)
    }

    func mergePatch(_ path: String, _ json: SimulatedJSON) async throws -> KubeResponse {
        try await send(.PATCH, path, json: json, contentType: "application/merge-patch+json")
    }

    func delete(_ path: String, _ options: SimulatedJSON? = nil) async throws -> KubeResponse {
        try await send(.DELETE, path, json: options)
    }

    /// Opens a streamed GET (watch or log follow).
    func stream(_ path: String, headers: [(String, String)] = []) async throws -> KubeStream {
        let request = makeRequest(.GET, path, body: nil, contentType: nil, headers: headers)
        return KubeStream(response: try await http.execute(request, timeout: .seconds(120)))
    }

    /// `POST` a pod into `namespace` and expect 201.
    @discardableResult
    func createPod(_ pod: SimulatedJSON, namespace: String = "default") async throws -> SimulatedJSON {
        let response = try await post("/api/v1/namespaces/\(namespace)/pods", pod)
        guard response.status == 201 else { throw KubeTestFailure("create pod: \(response.status) \(response.text)") }
        return response.json
    }
}

/// A failed expectation inside test support code.
struct KubeTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
