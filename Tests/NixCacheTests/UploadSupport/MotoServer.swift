import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
@testable import NixCache

/// moto's S3 server (PyPI `moto[server]`, installed into `.venv/` by `make test`) on a
/// loopback port, for the duration of `body`, **with signature checking on**.
///
/// moto checks SigV4 signatures and IAM permissions only when `INITIAL_NO_AUTH_ACTION_COUNT`
/// is set: the first that many actions pass unauthenticated. ``with(_:)`` sets it to 3 and
/// spends exactly those on IAM `CreateUser`, `CreateAccessKey` and `PutUserPolicy`
/// (s3:*), so every S3 request afterwards must carry a valid signature from the returned
/// credentials. The readiness probe uses `/moto-api/`, which is not an AWS action and
/// does not count.
enum MotoServer {
    static let executable: String? = {
        if let path = ProcessInfo.processInfo.environment["MOTO_SERVER"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
        let candidate = root + "/.venv/bin/moto_server"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : ExternalTool.find("moto_server")
    }()

    static let unavailable = "needs moto_server (make test installs moto[server] into .venv)"

    /// The region every request is signed for.
    static let region = "eu-west-1"

    /// A running server: its endpoint and the credentials of an IAM user allowed `s3:*`.
    struct Session: Sendable {
        let endpoint: String
        let credentials: S3Credentials
    }

    static func with<Result: Sendable>(_ body: (Session) async throws -> Result) async throws -> Result {
        let port = try FreePort.pick()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable!)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"
        process.environment = environment
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
        let credentials = try await createUser(endpoint)
        return try await body(Session(endpoint: endpoint, credentials: credentials))
    }

    /// Polls until the server answers (bounded: 30 s).
    private static func waitUntilReady(_ endpoint: String) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: endpoint + "/moto-api/data.json"), timeout: .seconds(2)),
               response.status.code == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw failure("moto_server on \(endpoint)", status: 1, "did not answer within 30 s")
    }

    /// The three unauthenticated IAM actions: a user, its access key, an s3:* policy.
    private static func createUser(_ endpoint: String) async throws -> S3Credentials {
        _ = try await iam(endpoint, ["Action": "CreateUser", "UserName": "ci"])
        let key = try await iam(endpoint, ["Action": "CreateAccessKey", "UserName": "ci"])
        guard let id = element("AccessKeyId", in: key), let secret = element("SecretAccessKey", in: key) else {
            throw failure("CreateAccessKey", status: 1, key)
        }
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
        _ = try await iam(endpoint, ["Action": "PutUserPolicy", "UserName": "ci", "PolicyName": "s3", "PolicyDocument": policy])
        return S3Credentials(accessKeyID: id, secretAccessKey: secret)
    }

    /// An IAM query call. moto routes unsigned requests by guessing; an Authorization
    /// header naming `iam` in its scope routes it (the signature is not checked yet).
    private static func iam(_ endpoint: String, _ parameters: [String: String]) async throws -> String {
        var request = HTTPClientRequest(url: endpoint + "/")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Authorization", value: "AWS4-HMAC-SHA256 Credential=setup/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00")
        let form = (parameters.merging(["Version": "2010-05-08"]) { $1 }).map { "\($0.key)=\(S3Signer.uriEncode($0.value))" }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: form))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        guard response.status.code == 200 else { throw failure("IAM \(parameters["Action"] ?? "")", status: Int32(response.status.code), text) }
        return text
    }

    private static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else { return nil }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    /// Sends a request to moto signed with `credentials` (default: the session's).
    static func send(_ method: HTTPMethod, _ url: String, session: Session, credentials: S3Credentials? = nil,
                     body: [UInt8] = []) async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        var headers = HTTPHeaders()
        S3Signer(credentials: credentials ?? session.credentials, region: region)
            .sign(method: method.rawValue, url: url, headers: &headers, payloadSHA256: S3Signer.sha256Hex(body))
        request.headers = headers
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), Array(body.readableBytesView))
    }

    /// Creates `bucket` in ``region`` with a signed request.
    static func createBucket(_ bucket: String, session: Session) async throws {
        let configuration = "<CreateBucketConfiguration><LocationConstraint>\(region)</LocationConstraint></CreateBucketConfiguration>"
        let (status, body) = try await send(.PUT, "\(session.endpoint)/\(bucket)", session: session, body: Array(configuration.utf8))
        guard status == 200 else { throw failure("create bucket \(bucket)", status: Int32(status), String(decoding: body, as: UTF8.self)) }
    }

    /// The bytes of an object (signed GET), or nil when it does not exist.
    static func object(_ key: String, bucket: String, session: Session) async throws -> [UInt8]? {
        let (status, body) = try await send(.GET, "\(session.endpoint)/\(bucket)/\(key)", session: session)
        return status == 200 ? body : nil
    }

    private static func failure(_ command: String, status: Int32, _ message: String) -> ExternalTool.Failure {
        ExternalTool.Failure(command: command, result: .init(status: status, standardOutput: Data(), standardError: message))
    }
}
