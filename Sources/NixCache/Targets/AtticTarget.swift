import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// An Attic cache (`attic+https://HOST/CACHE`), spoken to through Attic's v1 API:
///
/// - `GET /_api/v1/cache-config/{cache}` once, to check the token and pick up a delegated
///   `api_endpoint`;
/// - `POST /_api/v1/get-missing-paths` with the hash parts, in batches of 20 000;
/// - `PUT /_api/v1/upload-path` per missing path with the **raw, uncompressed** NAR as the
///   body (stock Attic hashes the body against `nar_hash` and rejects anything else; it
///   compresses server-side) and the path's info as JSON in `X-Attic-Nar-Info`, or as a
///   preamble (`X-Attic-Nar-Info-Preamble-Size`) when the JSON reaches 4 KiB.
///
/// The JSON carries `references` as base names sorted byte-wise (Attic signs the narinfo
/// over the order it receives) and `nar_hash` as `sha256:<hex>` (Attic rejects SRI).
/// The token goes in `Authorization: Bearer`.
public final class AtticTarget: CacheTarget {
    /// JSON at least this long travels as a body preamble instead of a header.
    static let preambleThreshold = 4096
    /// Hash parts per `get-missing-paths` request (Axum's 2 MB default body limit fits ~50k).
    static let missingBatchSize = 20_000

    /// The server base URL (`https://HOST[:PORT][/PREFIX]`).
    public let server: String
    /// The cache name.
    public let cache: String
    let token: String?
    let http: CacheHTTP
    private let endpoint: Mutex<String>

    public var description: String { "attic+" + server + "/" + cache }

    init(server: String, cache: String, token: String?, http: CacheHTTP) {
        self.server = server
        self.cache = cache
        self.token = token
        self.http = http
        self.endpoint = Mutex(server)
    }

    private var apiBase: String { endpoint.withLock { $0 } }

    private func headers(_ extra: [(String, String)] = []) -> HTTPHeaders {
        var headers = HTTPHeaders([("User-Agent", "flywheel-cache")])
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { headers.add(name: name, value: value) }
        return headers
    }

    public func prepare(runner: RequestRunner) async throws(CacheTargetError) {
        let url = "\(server)/_api/v1/cache-config/\(cache)"
        let response = try await runner.run("GET cache-config") { () async throws(CacheTargetError) in
            let response = try await http.send(.GET, url, headers: headers(), timeout: .seconds(60))
            if response.status == 404 {
                throw .disabled(target: description, reason: "Attic says there is no cache '\(cache)' (or the token cannot see it): \(CacheHTTP.message(of: response))")
            }
            guard (200..<300).contains(response.status) else { throw CacheHTTP.failure(.GET, url, response) }
            return response
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw .invalidResponse(url: url, reason: "cache-config is not a JSON object")
        }
        if var delegated = object["api_endpoint"] as? String, !delegated.isEmpty {
            while delegated.hasSuffix("/") { delegated.removeLast() }
            endpoint.withLock { $0 = delegated }
        }
    }

    public func missing(_ paths: [StorePathInfo], runner: RequestRunner) async throws(CacheTargetError) -> Set<StorePath> {
        var byHash: [String: StorePath] = [:]
        for info in paths { byHash[info.path.hashPart] = info.path }
        let hashes = byHash.keys.sorted()
        var missing = Set<StorePath>()
        var start = 0
        while start < hashes.count {
            let batch = Array(hashes[start..<min(start + Self.missingBatchSize, hashes.count)])
            start += batch.count
            let url = "\(apiBase)/_api/v1/get-missing-paths"
            let body: Data
            do {
                body = try JSONSerialization.data(withJSONObject: ["cache": cache, "store_path_hashes": batch], options: [.sortedKeys])
            } catch {
                throw .configuration(target: description, reason: "cannot encode get-missing-paths: \(error)")
            }
            let response = try await runner.run("POST get-missing-paths") { () async throws(CacheTargetError) in
                try await http.expectSuccess(
                    .POST, url, headers: headers([("Content-Type", "application/json")]),
                    body: .bytes(ByteBuffer(bytes: Array(body))), timeout: .seconds(120))
            }
            guard let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
                  let answer = object["missing_paths"] as? [String] else {
                throw .invalidResponse(url: url, reason: "no missing_paths array in \(response.text.prefix(200))")
            }
            for hash in answer {
                if let path = byHash[hash] { missing.insert(path) }
            }
        }
        return missing
    }

    /// The `UploadPathNarInfo` JSON for `info`; every field present, options as `null`.
    func uploadInfo(_ info: StorePathInfo) throws(CacheTargetError) -> [UInt8] {
        let object: [String: Any] = [
            "cache": cache,
            "store_path_hash": info.path.hashPart,
            "store_path": info.path.path,
            "references": info.references.map(\.baseName).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) },
            "system": NSNull(),
            "deriver": info.deriver.map { $0.baseName as Any } ?? NSNull(),
            "sigs": info.signatures,
            "ca": info.ca.map { $0 as Any } ?? NSNull(),
            "nar_hash": info.narHash.hexString,
            "nar_size": info.narSize,
        ]
        do {
            return Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
        } catch {
            throw .configuration(target: description, reason: "cannot encode the upload info of \(info.path): \(error)")
        }
    }

    public func upload(_ info: StorePathInfo, nar: NARSource, runner: RequestRunner) async throws(CacheTargetError) -> UploadOutcome {
        let json = try uploadInfo(info)
        let usePreamble = json.count >= Self.preambleThreshold
        let url = "\(apiBase)/_api/v1/upload-path"
        var extra: [(String, String)] = []
        if usePreamble {
            extra.append(("X-Attic-Nar-Info-Preamble-Size", String(json.count)))
        } else {
            extra.append(("X-Attic-Nar-Info", String(decoding: json, as: UTF8.self)))
        }
        let requestHeaders = headers(extra)
        let length = Int64(info.narSize) + Int64(usePreamble ? json.count : 0)
        let response = try await runner.run("PUT upload-path \(info.path.baseName)") { () async throws(CacheTargetError) in
            let verdict = VerifiedNARChunks.Verdict()
            let body = VerifiedNARChunks(info: info, source: nar, prefix: usePreamble ? json : [], verdict: verdict)
            do throws(CacheTargetError) {
                return try await http.expectSuccess(
                    .PUT, url, headers: requestHeaders, body: .stream(body, length: .known(length)),
                    timeout: UploadTimeout.forBody(size: info.narSize))
            } catch {
                if let local = verdict.error { throw local }
                throw error
            }
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        if (object?["kind"] as? String) == "Deduplicated" {
            return .deduplicated(narBytes: info.narSize, sentBytes: info.narSize)
        }
        return .uploaded(narBytes: info.narSize, sentBytes: info.narSize)
    }
}
