import Foundation

/// A parsed cache URL, the value of `--to`:
///
/// | form | target |
/// |---|---|
/// | `attic+http://HOST[:PORT][/PREFIX]/CACHE`, `attic+https://…` | Attic server, cache `CACHE` |
/// | `file:///DIR` | Nix binary cache in a local directory |
/// | `http://HOST[:PORT][/PREFIX]`, `https://…` | Nix binary cache written with PUT (like `nix copy --to http://`) |
/// | `s3://BUCKET[/PREFIX][?region=R&endpoint=URL&scheme=http&profile=P]` | Nix binary cache in an S3 bucket (AWS or compatible) |
///
/// For S3, `endpoint` may be a host (`minio.local:9000`, https unless `scheme=http`) or a
/// full URL (`http://127.0.0.1:5000`); with an endpoint, requests use path-style
/// addressing, without one they go to `BUCKET.s3.REGION.amazonaws.com`.
public enum CacheTargetURL: Sendable, Hashable, CustomStringConvertible {
    /// Attic: API base (`http(s)://HOST[:PORT][/PREFIX]`, no trailing slash) and cache name.
    case attic(server: String, cache: String)
    /// Directory of a `file://` binary cache.
    case file(directory: String)
    /// Base URL of an HTTP binary cache, no trailing slash.
    case http(base: String)
    /// An S3 bucket.
    case s3(S3Location)

    /// Parses `text`.
    ///
    /// - Throws: ``CacheTargetURLError`` saying what is wrong.
    public init(parsing text: String) throws(CacheTargetURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw CacheTargetURLError(url: text, reason: "not a URL")
        }
        func fail(_ reason: String) -> CacheTargetURLError { CacheTargetURLError(url: text, reason: reason) }
        switch scheme {
        case "attic+http", "attic+https", "attic":
            guard let host = components.host, !host.isEmpty else { throw fail("no host") }
            var segments = components.path.split(separator: "/").map(String.init)
            guard let cache = segments.popLast() else { throw fail("no cache name after the host (attic+https://HOST/CACHE)") }
            guard cache.range(of: "^[A-Za-z0-9][A-Za-z0-9_+-]{0,49}$", options: .regularExpression) != nil else {
                throw fail("'\(cache)' is not an Attic cache name (letters, digits, '-', '_', '+'; at most 50)")
            }
            let transport = scheme == "attic+http" ? "http" : "https"
            let port = components.port.map { ":\($0)" } ?? ""
            let prefix = segments.isEmpty ? "" : "/" + segments.joined(separator: "/")
            self = .attic(server: "\(transport)://\(Self.bracketed(host))\(port)\(prefix)", cache: cache)
        case "file":
            if let host = components.host, !host.isEmpty, host != "localhost" {
                throw fail("file URLs take an absolute path: file:///DIR (three slashes)")
            }
            let path = components.path
            guard path.hasPrefix("/"), path.count > 1 else { throw fail("no directory (file:///DIR)") }
            var directory = path
            while directory.count > 1 && directory.hasSuffix("/") { directory.removeLast() }
            self = .file(directory: directory)
        case "http", "https":
            guard let host = components.host, !host.isEmpty else { throw fail("no host") }
            guard components.query == nil else { throw fail("query parameters are not supported for HTTP caches") }
            let port = components.port.map { ":\($0)" } ?? ""
            var path = components.percentEncodedPath
            while path.hasSuffix("/") { path.removeLast() }
            let user = components.percentEncodedUser.map { user in
                user + (components.percentEncodedPassword.map { ":" + $0 } ?? "") + "@"
            } ?? ""
            self = .http(base: "\(scheme)://\(user)\(Self.bracketed(host))\(port)\(path)")
        case "s3":
            guard let bucket = components.host, !bucket.isEmpty else { throw fail("no bucket (s3://BUCKET)") }
            var parameters: [String: String] = [:]
            for item in components.queryItems ?? [] {
                guard ["region", "endpoint", "scheme", "profile"].contains(item.name) else {
                    throw fail("unknown parameter '\(item.name)' (known: region, endpoint, scheme, profile)")
                }
                parameters[item.name] = item.value ?? ""
            }
            let region = parameters["region"] ?? ProcessInfo.processInfo.environment["AWS_REGION"]
                ?? ProcessInfo.processInfo.environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
            var endpoint: String?
            if let value = parameters["endpoint"], !value.isEmpty {
                if value.contains("://") {
                    endpoint = value
                } else {
                    let transport = parameters["scheme"] ?? "https"
                    guard transport == "http" || transport == "https" else { throw fail("scheme must be http or https") }
                    endpoint = "\(transport)://\(value)"
                }
                while endpoint!.hasSuffix("/") { endpoint!.removeLast() }
            }
            let prefix = components.path.split(separator: "/").joined(separator: "/")
            self = .s3(S3Location(bucket: bucket, region: region, endpoint: endpoint, prefix: prefix, profile: parameters["profile"]))
        default:
            throw fail("unsupported scheme '\(scheme)'")
        }
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }

    /// The URL in canonical form, without credentials.
    public var description: String {
        switch self {
        case .attic(let server, let cache):
            return "attic+" + Self.withoutCredentials(server) + "/" + cache
        case .file(let directory):
            return "file://" + directory
        case .http(let base):
            return Self.withoutCredentials(base)
        case .s3(let location):
            return location.description
        }
    }

    static func withoutCredentials(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url.range(of: "@", range: schemeEnd.upperBound..<url.endIndex),
              !url[schemeEnd.upperBound..<at.lowerBound].contains("/") else { return url }
        return String(url[..<schemeEnd.upperBound]) + String(url[at.upperBound...])
    }
}
