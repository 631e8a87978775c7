import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// moto's S3 server (PyPI `moto[server]`, installed into `.venv/` by `make test`) on a
/// loopback port, for the duration of `body`.
enum MotoServer {
    static let executable: String? = {
        if let path = ProcessInfo.processInfo.environment["MOTO_SERVER"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let candidate = root + "/.venv/bin/moto_server"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : ExternalTool.find("moto_server")
    }()

    static let unavailable = "needs moto_server (make test installs moto[server] into .venv)"

    static func with<Result: Sendable>(_ body: (String) async throws -> Result) async throws -> Result {
        let port = try FreePort.pick()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable!)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            // moto_server (werkzeug) ignores SIGTERM; SIGKILL ends it at once.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let endpoint = "http://127.0.0.1:\(port)"
        try await waitUntilReady(endpoint)
        return try await body(endpoint)
    }

    /// Polls until the server answers (bounded: 30 s).
    private static func waitUntilReady(_ endpoint: String) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: endpoint + "/"), timeout: .seconds(2)),
               response.status.code < 500 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ExternalTool.Failure(command: "moto_server on \(endpoint)", result: .init(status: 1, standardOutput: Data(), standardError: "did not answer within 30 s"))
    }

    /// Creates `bucket` (moto accepts unsigned admin calls).
    static func createBucket(_ bucket: String, endpoint: String) async throws {
        var request = HTTPClientRequest(url: "\(endpoint)/\(bucket)")
        request.method = .PUT
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard response.status.code == 200 else {
            throw ExternalTool.Failure(command: "create bucket", result: .init(status: Int32(response.status.code), standardOutput: Data(), standardError: ""))
        }
    }

    /// The bytes of an object, or nil when it does not exist.
    static func object(_ key: String, bucket: String, endpoint: String) async throws -> [UInt8]? {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(endpoint)/\(bucket)/\(key)"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        return response.status.code == 200 ? Array(body.readableBytesView) : nil
    }
}
