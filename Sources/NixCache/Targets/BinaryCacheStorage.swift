/// Where a Nix binary cache keeps its files: a directory, an HTTP server, an S3 bucket.
/// Keys are relative paths such as `nix-cache-info`, `<hash>.narinfo`,
/// `nar/<filehash>.nar.zst`. One attempt per call; the caller retries.
protocol BinaryCacheStorage: Sendable, CustomStringConvertible {
    /// Where NAR files are staged before ``put(_:file:size:sha256:contentType:)``
    /// (a directory on the same file system for `file://`, so the put is a rename).
    var stagingDirectory: String { get }
    /// Whether `key` exists.
    func exists(_ key: String) async throws(CacheTargetError) -> Bool
    /// The bytes of a small file, or nil when it does not exist.
    func get(_ key: String) async throws(CacheTargetError) -> [UInt8]?
    /// Stores a small file.
    func put(_ key: String, bytes: [UInt8], contentType: String) async throws(CacheTargetError)
    /// Stores a staged file, streaming it (or moving it, for a local directory; the file
    /// is then gone).
    func put(_ key: String, file: String, size: UInt64, sha256: NixHash, contentType: String) async throws(CacheTargetError)
}
