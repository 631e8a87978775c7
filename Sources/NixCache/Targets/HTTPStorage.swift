import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A binary cache on an HTTP server that accepts `PUT`, as `nix copy --to http://…` writes
/// it: `GET`/`HEAD` to probe (404 and 403 mean "not there", as in Nix), `PUT` with the
/// file's `Content-Type` and a known `Content-Length` to store.
struct HTTPStorage: BinaryCacheStorage {
    let base: String
    let http: CacheHTTP
    let stagingDirectory: String
    let authorization: String?

    var description: String { CacheTargetURL.withoutCredentials(base) }

    init(base: String, http: CacheHTTP, stagingDirectory: String, token: String?) {
        var plainBase = base
        var authorization = token.map { "Bearer \($0)" }
        if let schemeEnd = base.range(of: "://"), let at = base.range(of: "@", range: schemeEnd.upperBound..<base.endIndex),
           !base[schemeEnd.upperBound..<at.lowerBound].contains("/") {
            let credentials = String(base[schemeEnd.upperBound..<at.lowerBound]).removingPercentEncoding ?? ""
            authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
            plainBase = String(base[..<schemeEnd.upperBound]) + String(base[at.upperBound...])
        }
        self.base = plainBase
        self.http = http
        self.stagingDirectory = stagingDirectory
        self.authorization = authorization
    }

    private func url(_ key: String) -> String { base + "/" + key }

    private func headers(_ extra: [(String, String)] = []) -> HTTPHeaders {
        var headers = HTTPHeaders([("User-Agent", "flywheel-cache")])
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        for (name, value) in extra { headers.add(name: name, value: value) }
        return headers
    }

    func exists(_ key: String) async throws(CacheTargetError) -> Bool {
        let response = try await http.send(.HEAD, url(key), headers: headers(), timeout: .seconds(60))
        if (200..<300).contains(response.status) { return true }
        if [403, 404, 410].contains(response.status) { return false }
        throw CacheHTTP.failure(.HEAD, url(key), response)
    }

    func get(_ key: String) async throws(CacheTargetError) -> [UInt8]? {
        let response = try await http.send(.GET, url(key), headers: headers(), timeout: .seconds(60))
        if (200..<300).contains(response.status) { return response.body }
        if [403, 404, 410].contains(response.status) { return nil }
        throw CacheHTTP.failure(.GET, url(key), response)
    }

    func put(_ key: String, bytes: [UInt8], contentType: String) async throws(CacheTargetError) {
        _ = try await http.expectSuccess(
            .PUT, url(key), headers: headers([("Content-Type", contentType)]), body: .bytes(ByteBuffer(bytes: bytes)),
            timeout: .seconds(120))
    }

    func put(_ key: String, file: String, size: UInt64, sha256: NixHash, contentType: String) async throws(CacheTargetError) {
        _ = try await http.expectSuccess(
            .PUT, url(key), headers: headers([("Content-Type", contentType)]),
            body: .stream(FileChunks(path: file), length: .known(Int64(size))),
            timeout: UploadTimeout.forBody(size: size))
    }
}
