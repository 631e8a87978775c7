/// Where job caches (`cache:` archives) live between jobs: a directory on the runner's host, or an
/// object store. Keys are the job's cache keys; a store places them per project itself.
public protocol JobCacheStore: Sendable {
    /// Copies the archive of `key` to `destination`. Returns `false` when there is none.
    func fetch(key: String, to destination: String) async throws -> Bool
    /// Stores the archive at `source` as `key`, replacing an older one.
    func store(key: String, from source: String) async throws
    /// Where `key` lives, for the trace (no credentials).
    func describe(key: String) -> String
}
