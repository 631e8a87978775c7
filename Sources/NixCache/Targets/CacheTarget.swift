/// A cache that store paths are pushed to: Attic, or a Nix binary cache over `file://`,
/// `http(s)://` or `s3://`. Create one from a URL with ``CacheTargetFactory``.
///
/// Targets do one attempt per call; retries, back-off and the circuit breaker live in the
/// upload queue, which calls every method through a ``RequestRunner``.
public protocol CacheTarget: Sendable, CustomStringConvertible {
    /// One-time set-up before the first upload: check the credentials and the cache's
    /// configuration, write `nix-cache-info` where the protocol needs it.
    func prepare(runner: RequestRunner) async throws(CacheTargetError)

    /// Of `paths`, the ones the cache does not have yet.
    func missing(_ paths: [StorePathInfo], runner: RequestRunner) async throws(CacheTargetError) -> Set<StorePath>

    /// Uploads one path, reading its NAR from `nar`. The NAR is hashed while it streams;
    /// when it differs from `info.narHash`/`info.narSize` the upload is refused with
    /// ``CacheTargetError/narHashMismatch(path:expected:expectedSize:actual:actualSize:)``.
    func upload(_ info: StorePathInfo, nar: NARSource, runner: RequestRunner) async throws(CacheTargetError) -> UploadOutcome
}
