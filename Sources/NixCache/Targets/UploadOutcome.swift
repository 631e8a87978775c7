/// What happened to one path at one cache.
public enum UploadOutcome: Sendable, Hashable {
    /// The path was sent; `narBytes` uncompressed, `sentBytes` on the wire (compressed
    /// for binary caches, the raw NAR for Attic).
    case uploaded(narBytes: UInt64, sentBytes: UInt64)
    /// The cache already had the same NAR (Attic's global deduplication, or a binary
    /// cache's NAR file with the same hash); only metadata was written. `sentBytes`
    /// counts what was still sent (Attic streams the NAR as proof of possession).
    case deduplicated(narBytes: UInt64, sentBytes: UInt64)
}
