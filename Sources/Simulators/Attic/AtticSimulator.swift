import Foundation
import Synchronization

/// A stand-in for an Attic server (no Attic runs offline), implementing what a pushing
/// client and a substituting Nix see, with stock Attic's semantics (research notes §1, §8):
///
/// - `GET /_api/v1/cache-config/{cache}`;
/// - `POST /_api/v1/get-missing-paths` (`application/json` required, else 415);
/// - `PUT /_api/v1/upload-path` with `X-Attic-Nar-Info` or a preamble
///   (`X-Attic-Nar-Info-Preamble-Size`); reads exactly `nar_size` bytes and checks their
///   SHA-256 against `nar_hash` (`sha256:<hex>` or `sha256:<nix32>`; SRI is 400), so a
///   compressed body fails with 400 "Bad NAR Hash or Size" as on stock Attic;
///   a NAR already known to the server is `Deduplicated` (after the full proof of
///   possession);
/// - `GET /{cache}/nix-cache-info`, `/{cache}/{hash}.narinfo` (signed over the references
///   **in the order the client sent them**, Attic's behaviour) and `/{cache}/nar/{hash}.nar`
///   (served uncompressed, `Compression: none`).
///
/// Errors are Attic's JSON `{"code":…,"error":…,"message":…}`; a missing or wrong token
/// gets 401, except for reads of a public cache (``AtticSimulatorConfiguration/publicCaches``),
/// which carry `X-Attic-Cache-Visibility: public` like Attic's. Serve it with ``SimulatorHTTPServer`` with a `maximumBodySize` above the
/// largest NAR of the test.
public final class AtticSimulator: SimulatorHTTPHandler {
    private struct Fault {
        var remaining: Int
        var status: Int
        var retryAfter: String?
        var pathSuffix: String?
    }

    private struct State {
        var objects: [String: [String: AtticStoredObject]] = [:]
        var nars: [[UInt8]: [UInt8]] = [:]
        var uploads: [AtticUploadRecord] = []
        var missingQueries: [[String]] = []
        var faults: [Fault] = []
    }

    /// The configuration.
    public let configuration: AtticSimulatorConfiguration
    private let state = Mutex(State())

    /// Creates a server with the given caches, token and signer.
    public init(configuration: AtticSimulatorConfiguration = AtticSimulatorConfiguration()) {
        self.configuration = configuration
    }

    /// Every upload request, in order.
    public var uploads: [AtticUploadRecord] { state.withLock { $0.uploads } }

    /// The hash lists of every `get-missing-paths` request, in order.
    public var missingQueries: [[String]] { state.withLock { $0.missingQueries } }

    /// The store paths a cache holds.
    public func storedPaths(in cache: String) -> Set<String> {
        state.withLock { Set(($0.objects[cache] ?? [:]).values.map(\.storePath)) }
    }

    /// Answers the next `count` API requests whose path ends in `pathSuffix` (nil = any)
    /// with `status`.
    public func failNext(_ count: Int, status: Int, retryAfter: String? = nil, pathSuffix: String? = nil) {
        state.withLock { $0.faults.append(Fault(remaining: count, status: status, retryAfter: retryAfter, pathSuffix: pathSuffix)) }
    }

    public func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPAction {
        .respond(respond(request))
    }

    private func respond(_ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        if let fault = takeFault(request.path) { return fault }
        let segments = request.path.split(separator: "/").map(String.init)
        if segments.count >= 3, segments[0] == "_api", segments[1] == "v1" {
            let publicRead = request.method == "GET" && segments[2] == "cache-config" && segments.count == 4
                && configuration.publicCaches.contains(segments[3])
            guard publicRead || authorized(request) else { return Self.error(401, "Unauthorized", "Unauthorized.") }
            switch (request.method, segments[2]) {
            case ("GET", "cache-config") where segments.count == 4:
                return cacheConfig(segments[3])
            case ("POST", "get-missing-paths"):
                return missingPaths(request)
            case ("PUT", "upload-path"):
                return uploadPath(request)
            default:
                return Self.error(404, "NotFound", "The requested resource was not found.")
            }
        }
        guard request.method == "GET" || request.method == "HEAD", segments.count >= 2,
              configuration.caches.contains(segments[0]) else {
            return Self.error(404, "NotFound", "The requested resource was not found.")
        }
        let cache = segments[0]
        let isPublic = configuration.publicCaches.contains(cache)
        guard isPublic || authorized(request) else { return Self.error(401, "Unauthorized", "Unauthorized.") }
        var response = read(cache: cache, file: segments[1...].joined(separator: "/"), method: request.method)
        if isPublic { response.headers.add(name: "X-Attic-Cache-Visibility", value: "public") }
        return response
    }

    /// The binary-cache read side of `cache` (access already checked).
    private func read(cache: String, file: String, method: String) -> SimulatorHTTPResponse {
        if file == "nix-cache-info" {
            return .text(200, "WantMassQuery: 1\nStoreDir: /nix/store\nPriority: 41\n", headers: ["Content-Type": "text/x-nix-cache-info"])
        }
        if file.hasSuffix(".narinfo") {
            let hash = String(file.dropLast(".narinfo".count))
            guard let object = state.withLock({ $0.objects[cache]?[hash] }) else {
                return Self.error(404, "NoSuchObject", "The requested object does not exist.")
            }
            return .text(200, narInfo(object, hash: hash), headers: ["Content-Type": "text/x-nix-narinfo"])
        }
        if file.hasPrefix("nar/"), file.hasSuffix(".nar") {
            let hash = String(file.dropFirst(4).dropLast(4))
            let bytes = state.withLock { state -> [UInt8]? in
                guard let object = state.objects[cache]?[hash] else { return nil }
                return state.nars[object.narHash]
            }
            guard let bytes else { return Self.error(404, "NoSuchObject", "The requested object does not exist.") }
            return SimulatorHTTPResponse(status: 200, headers: ["Content-Type": "application/x-nix-nar"], body: method == "HEAD" ? [] : bytes)
        }
        return Self.error(404, "NotFound", "The requested resource was not found.")
    }

    private func takeFault(_ path: String) -> SimulatorHTTPResponse? {
        state.withLock { state in
            guard let index = state.faults.firstIndex(where: { $0.remaining > 0 && ($0.pathSuffix == nil || path.hasSuffix($0.pathSuffix!)) }) else {
                return nil
            }
            state.faults[index].remaining -= 1
            let fault = state.faults[index]
            if fault.remaining == 0 { state.faults.remove(at: index) }
            var headers: SimulatorHTTPHeaders = [:]
            if let retryAfter = fault.retryAfter { headers.add(name: "Retry-After", value: retryAfter) }
            return Self.error(fault.status, "InternalServerError", "injected fault", headers: headers)
        }
    }

    private func authorized(_ request: SimulatorHTTPRequest) -> Bool {
        guard let token = configuration.token else { return true }
        guard let header = request.headers["Authorization"] else { return false }
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return false }
        switch parts[0].lowercased() {
        case "bearer": return parts[1] == token
        case "basic":
            guard let data = Data(base64Encoded: parts[1]), let text = String(data: data, encoding: .utf8),
                  let colon = text.firstIndex(of: ":") else { return false }
            return String(text[text.index(after: colon)...]) == token
        default: return false
        }
    }

    private func cacheConfig(_ cache: String) -> SimulatorHTTPResponse {
        guard configuration.caches.contains(cache) else { return Self.error(404, "NoSuchCache", "The requested cache does not exist.") }
        var object: [String: Any] = [
            "is_public": configuration.publicCaches.contains(cache), "store_dir": "/nix/store", "priority": 41,
            "upstream_cache_key_names": ["cache.nixos.org-1"],
            "substituter_endpoint": "/\(cache)",
        ]
        if let publicKey = configuration.publicKey { object["public_key"] = publicKey }
        return .json(200, Self.encode(object))
    }

    private func missingPaths(_ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        guard request.headers["Content-Type"]?.lowercased().hasPrefix("application/json") == true else {
            return .text(415, "Expected request with `Content-Type: application/json`")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let cache = object["cache"] as? String, let hashes = object["store_path_hashes"] as? [String] else {
            return .text(400, "Failed to parse the request body as JSON")
        }
        guard configuration.caches.contains(cache) else { return Self.error(404, "NoSuchCache", "The requested cache does not exist.") }
        guard hashes.allSatisfy(Self.isStorePathHash) else {
            return .text(422, "Failed to deserialize the JSON body into the target type: store_path_hashes: invalid store path hash")
        }
        let missing = state.withLock { state -> [String] in
            state.missingQueries.append(hashes)
            return hashes.filter { state.objects[cache]?[$0] == nil }
        }
        return .json(200, Self.encode(["missing_paths": missing]))
    }

    private func uploadPath(_ request: SimulatorHTTPRequest) -> SimulatorHTTPResponse {
        var body = request.body[...]
        let infoText: String
        let transport: AtticUploadRecord.InfoTransport
        if let sizeText = request.headers["X-Attic-Nar-Info-Preamble-Size"] {
            guard let size = Int(sizeText), size >= 0, size <= body.count else {
                return Self.error(400, "RequestError", "Bad Request: invalid preamble size")
            }
            infoText = String(decoding: body.prefix(size), as: UTF8.self)
            body = body.dropFirst(size)
            transport = .preamble
        } else if let header = request.headers["X-Attic-Nar-Info"] {
            infoText = header
            transport = .header
        } else {
            return Self.error(400, "RequestError", "Bad Request: X-Attic-Nar-Info must be set")
        }
        guard let info = try? JSONSerialization.jsonObject(with: Data(infoText.utf8)) as? [String: Any],
              let cache = info["cache"] as? String, let hash = info["store_path_hash"] as? String,
              let storePath = info["store_path"] as? String, let references = info["references"] as? [String],
              let narHashText = info["nar_hash"] as? String, let narSize = (info["nar_size"] as? NSNumber)?.intValue,
              info["sigs"] is [String] else {
            return Self.error(400, "RequestError", "Bad Request: the upload info is not a valid UploadPathNarInfo")
        }
        var record = AtticUploadRecord(
            transport: transport, infoJSON: infoText, storePath: storePath, references: references, narHash: narHashText,
            narSize: narSize, narBodySize: body.count, contentEncoding: request.headers["Content-Encoding"], status: 0, kind: nil)
        let response: SimulatorHTTPResponse
        defer {
            record.status = response.status
            state.withLock { $0.uploads.append(record) }
        }
        guard configuration.caches.contains(cache) else {
            response = Self.error(404, "NoSuchCache", "The requested cache does not exist.")
            return response
        }
        guard Self.isStorePathHash(hash), let expected = AtticHashText.parse(narHashText) else {
            response = Self.error(400, "RequestError", "Bad Request: invalid store path hash or NAR hash '\(narHashText)'")
            return response
        }
        if let deriver = info["deriver"] as? String, deriver.contains("/") {
            response = Self.error(400, "RequestError", "Bad Request: deriver must be a base name")
            return response
        }
        let nar = Array(body.prefix(narSize))
        let known = state.withLock { $0.nars[expected] != nil }
        if !known || configuration.requireProofOfPossession {
            guard nar.count == narSize, AtticSHA256.hash(nar) == expected else {
                response = Self.error(400, "RequestError", "Bad Request: Bad NAR Hash or Size")
                return response
            }
        }
        let object = AtticStoredObject(
            storePath: storePath, references: references, deriver: info["deriver"] as? String, ca: info["ca"] as? String,
            narHash: expected, narSize: narSize)
        state.withLock { state in
            state.objects[cache, default: [:]][hash] = object
            if state.nars[expected] == nil { state.nars[expected] = nar }
        }
        record.kind = known ? "Deduplicated" : "Uploaded"
        response = known
            ? .json(200, Array(#"{"kind":"Deduplicated","frac_deduplicated":null}"#.utf8))
            : .json(200, Array(#"{"kind":"Uploaded","file_size":\#(narSize),"frac_deduplicated":null}"#.utf8))
        return response
    }

    private func narInfo(_ object: AtticStoredObject, hash: String) -> String {
        let narHash = "sha256:" + AtticHashText.nix32(object.narHash)
        var text = "StorePath: \(object.storePath)\nURL: nar/\(hash).nar\nCompression: none\n"
        text += "NarHash: \(narHash)\nNarSize: \(object.narSize)\n"
        text += "References: \(object.references.joined(separator: " "))\n"
        if let deriver = object.deriver { text += "Deriver: \(deriver)\n" }
        if let signer = configuration.signer {
            // Like Attic: the fingerprint lists references in the order the client sent them.
            let fingerprint = "1;\(object.storePath);\(narHash);\(object.narSize);"
                + object.references.map { "/nix/store/" + $0 }.joined(separator: ",")
            text += "Sig: \(signer(fingerprint))\n"
        }
        if let ca = object.ca { text += "CA: \(ca)\n" }
        return text
    }

    static func isStorePathHash(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { AtticHashText.nix32Alphabet.contains($0) }
    }

    private static func encode(_ object: Any) -> [UInt8] {
        Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8))
    }

    private static func error(_ status: Int, _ name: String, _ message: String, headers: SimulatorHTTPHeaders = [:]) -> SimulatorHTTPResponse {
        .json(status, encode(["code": status, "error": name, "message": message]), headers: headers)
    }
}
