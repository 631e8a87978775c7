/// Why a `--to` URL does not name a cache.
public struct CacheTargetURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL as given.
    public let url: String
    /// What is wrong with it.
    public let reason: String

    /// Describes a bad URL.
    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String {
        "cache URL '\(url)': \(reason); expected attic+http(s)://HOST[:PORT]/CACHE, file:///DIR, http(s)://HOST[:PORT]/PREFIX or s3://BUCKET[?region=R&endpoint=URL]"
    }
}
