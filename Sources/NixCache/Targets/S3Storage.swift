import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A binary cache in an S3 bucket (AWS, MinIO, R2, moto…), with the layout Nix's
/// `s3://` store uses. Requests are signed with SigV4; objects are written with one
/// `PutObject` each, so one object can be at most 5 GiB (a compressed NAR that large is
/// refused with ``CacheTargetError/tooLarge(url:size:limit:)``).
struct S3Storage: BinaryCacheStorage {
    static let singlePutLimit: UInt64 = 5 << 30

    let location: S3Location
    let signer: S3Signer
    let http: CacheHTTP
    let stagingDirectory: String

    var description: String { location.description }

    init(location: S3Location, credentials: S3Credentials, http: CacheHTTP, stagingDirectory: String) {
        self.location = location
        self.signer = S3Signer(credentials: credentials, region: location.region)
        self.http = http
        self.stagingDirectory = stagingDirectory
    }

    private func signed(_ method: String, _ url: String, payloadSHA256: String, extra: [(String, String)] = []) -> HTTPHeaders {
        var headers = HTTPHeaders([("User-Agent", "flywheel-cache")])
        for (name, value) in extra { headers.add(name: name, value: value) }
        signer.sign(method: method, url: url, headers: &headers, payloadSHA256: payloadSHA256)
        return headers
    }

    private static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    func exists(_ key: String) async throws(CacheTargetError) -> Bool {
        let url = location.objectURL(key)
        let response = try await http.send(.HEAD, url, headers: signed("HEAD", url, payloadSHA256: Self.emptySHA256), timeout: .seconds(60))
        if (200..<300).contains(response.status) { return true }
        // 403 is what S3 answers for a missing key without s3:ListBucket permission.
        if [403, 404].contains(response.status) { return false }
        throw CacheHTTP.failure(.HEAD, url, response)
    }

    func get(_ key: String) async throws(CacheTargetError) -> [UInt8]? {
        let url = location.objectURL(key)
        let response = try await http.send(.GET, url, headers: signed("GET", url, payloadSHA256: Self.emptySHA256), timeout: .seconds(60))
        if (200..<300).contains(response.status) { return response.body }
        if response.status == 404 || (response.status == 403 && response.text.contains("AccessDenied") == false) { return nil }
        throw CacheHTTP.failure(.GET, url, response)
    }

    func put(_ key: String, bytes: [UInt8], contentType: String) async throws(CacheTargetError) {
        let url = location.objectURL(key)
        let headers = signed("PUT", url, payloadSHA256: S3Signer.sha256Hex(bytes), extra: [("Content-Type", contentType)])
        _ = try await http.expectSuccess(.PUT, url, headers: headers, body: .bytes(ByteBuffer(bytes: bytes)), timeout: .seconds(120))
    }

    func put(_ key: String, file: String, size: UInt64, sha256: NixHash, contentType: String) async throws(CacheTargetError) {
        let url = location.objectURL(key)
        guard size <= Self.singlePutLimit else { throw .tooLarge(url: url, size: size, limit: Self.singlePutLimit) }
        let headers = signed("PUT", url, payloadSHA256: sha256.hexDigits, extra: [("Content-Type", contentType)])
        _ = try await http.expectSuccess(
            .PUT, url, headers: headers, body: .stream(FileChunks(path: file), length: .known(Int64(size))),
            timeout: UploadTimeout.forBody(size: size))
    }
}
