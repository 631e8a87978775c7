import AsyncHTTPClient
import Foundation

/// What the targets need besides their URL.
public struct CacheTargetOptions: Sendable {
    /// The HTTP client for Attic, HTTP and S3 targets; the caller owns and shuts it down.
    public var httpClient: HTTPClient
    /// Attic token, or bearer token for an HTTP cache.
    public var token: String?
    /// Signs narinfos of binary caches (Attic signs with its own key).
    public var signingKey: NixSigningKey?
    /// zstd level for binary caches.
    public var compressionLevel: Int
    /// Where compressed NARs are staged before they go to an HTTP or S3 cache.
    public var stagingDirectory: String
    /// S3 credentials; `nil` reads them from the environment when an `s3://` target is made.
    public var s3Credentials: S3Credentials?
    /// The store directory the paths are in.
    public var storeDirectory: String

    /// Creates options.
    public init(
        httpClient: HTTPClient = .shared, token: String? = nil, signingKey: NixSigningKey? = nil,
        compressionLevel: Int = ZstdCompressor.defaultLevel, stagingDirectory: String = NSTemporaryDirectory(),
        s3Credentials: S3Credentials? = nil, storeDirectory: String = StorePath.defaultStoreDirectory
    ) {
        self.httpClient = httpClient
        self.token = token
        self.signingKey = signingKey
        self.compressionLevel = compressionLevel
        var staging = stagingDirectory
        while staging.count > 1 && staging.hasSuffix("/") { staging.removeLast() }
        self.stagingDirectory = staging
        self.s3Credentials = s3Credentials
        self.storeDirectory = storeDirectory
    }
}
