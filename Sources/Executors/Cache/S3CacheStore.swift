import AsyncHTTPClient
import Crypto
import Foundation
import JobExecution
import NIOCore
import NIOHTTP1
import NixCache
import RunnerConfiguration

/// Job caches in an S3-compatible bucket (`[runners.cache]` with `Type = "s3"`), signed with SigV4
/// (the uploader's signer). Objects are `<Path>/runner/<short token>/project/<id>/<key>`, or
/// `<Path>/project/<id>/<key>` when `Shared`, as gitlab-runner lays them out. Archives stream from and
/// to disk; uploads carry their real SHA-256 (read once before the PUT).
public struct S3CacheStore: JobCacheStore {
    let location: S3Location
    let signer: S3Signer
    let namespace: String
    let http: HTTPClient

    /// - Parameter environment: where `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` come from when the
    ///   settings have no keys.
    public init(settings: CacheSettings, shortToken: String, projectID: Int64, http: HTTPClient, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let s3 = settings.s3
        let endpoint = s3.serverAddress.isEmpty ? nil : (s3.insecure ? "http://" : "https://") + s3.serverAddress
        let prefix = settings.path.split(separator: "/").joined(separator: "/")
        location = S3Location(bucket: s3.bucketName, region: s3.bucketLocation, endpoint: endpoint, prefix: prefix)
        let credentials = S3Credentials(
            accessKeyID: s3.accessKey ?? environment["AWS_ACCESS_KEY_ID"] ?? "",
            secretAccessKey: s3.secretKey ?? environment["AWS_SECRET_ACCESS_KEY"] ?? "",
            sessionToken: s3.accessKey == nil ? environment["AWS_SESSION_TOKEN"] : nil
        )
        signer = S3Signer(credentials: credentials, region: s3.bucketLocation)
        namespace = (settings.shared ? "" : "runner/\(shortToken)/") + "project/\(projectID)"
        self.http = http
    }

    func objectKey(_ key: String) -> String {
        namespace + "/" + JobCacheKey.relativePath(key)
    }

    public func describe(key: String) -> String { "s3://\(location.bucket)/\(location.prefix.isEmpty ? "" : location.prefix + "/")\(objectKey(key))" }

    static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public func fetch(key: String, to destination: String) async throws -> Bool {
        let url = location.objectURL(objectKey(key))
        var request = HTTPClientRequest(url: url)
        signer.sign(method: "GET", url: url, headers: &request.headers, payloadSHA256: Self.emptySHA256)
        let response = try await http.execute(request, timeout: .hours(1))
        switch response.status.code {
        case 200:
            guard FileManager.default.createFile(atPath: destination, contents: nil), let handle = FileHandle(forWritingAtPath: destination) else {
                throw CacheStoreError("cannot create \(destination)")
            }
            defer { try? handle.close() }
            for try await chunk in response.body { try handle.write(contentsOf: Data(chunk.readableBytesView)) }
            return true
        case 404:
            return false
        default:
            let text = String(buffer: try await response.body.collect(upTo: 64 * 1024))
            throw CacheStoreError("GET \(describe(key: key)) answered HTTP \(response.status.code): \(text.prefix(300))")
        }
    }

    public func store(key: String, from source: String) async throws {
        let url = location.objectURL(objectKey(key))
        let (digest, size) = try Self.sha256(of: source)
        var request = HTTPClientRequest(url: url)
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/zip")
        signer.sign(method: "PUT", url: url, headers: &request.headers, payloadSHA256: digest)
        request.body = .stream(FileChunks(path: source), length: .known(size))
        let response = try await http.execute(request, timeout: .hours(1))
        guard response.status.code == 200 else {
            let text = String(buffer: try await response.body.collect(upTo: 64 * 1024))
            throw CacheStoreError("PUT \(describe(key: key)) answered HTTP \(response.status.code): \(text.prefix(300))")
        }
        _ = try await response.body.collect(upTo: 64 * 1024)
    }

    /// Hex SHA-256 and size of a file, read in 1 MiB chunks.
    static func sha256(of path: String) throws -> (String, Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CacheStoreError("cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += Int64(chunk.count)
        }
        return (hasher.finalize().map { String(format: "%02x", $0) }.joined(), size)
    }
}

/// A cache store operation that failed, with what was tried.
public struct CacheStoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
