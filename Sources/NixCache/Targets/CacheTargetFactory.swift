/// Makes the ``CacheTarget`` a URL names.
public enum CacheTargetFactory {
    /// A target for `url`.
    ///
    /// - Throws: ``CacheTargetError/configuration(target:reason:)`` for a bad compression
    ///   level or missing S3 credentials, ``CacheTargetError/fileSystem(path:reason:)`` when
    ///   a `file://` directory cannot be created.
    public static func make(_ url: CacheTargetURL, options: CacheTargetOptions) throws(CacheTargetError) -> any CacheTarget {
        guard ZstdCompressor.supportedLevels.contains(options.compressionLevel) else {
            throw .configuration(target: url.description, reason: "compression level \(options.compressionLevel) is outside \(ZstdCompressor.supportedLevels)")
        }
        let http = CacheHTTP(client: options.httpClient)
        switch url {
        case .attic(let server, let cache):
            return AtticTarget(server: server, cache: cache, token: options.token, http: http)
        case .file(let directory):
            return BinaryCacheTarget(
                storage: try FileStorage(directory: directory), signingKey: options.signingKey,
                compressionLevel: options.compressionLevel, storeDirectory: options.storeDirectory)
        case .http(let base):
            return BinaryCacheTarget(
                storage: HTTPStorage(base: base, http: http, stagingDirectory: options.stagingDirectory, token: options.token),
                signingKey: options.signingKey, compressionLevel: options.compressionLevel, storeDirectory: options.storeDirectory)
        case .s3(let location):
            let credentials: S3Credentials
            if let given = options.s3Credentials {
                credentials = given
            } else {
                credentials = try S3Credentials.fromEnvironment(profile: location.profile)
            }
            return BinaryCacheTarget(
                storage: S3Storage(location: location, credentials: credentials, http: http, stagingDirectory: options.stagingDirectory),
                signingKey: options.signingKey, compressionLevel: options.compressionLevel, storeDirectory: options.storeDirectory)
        }
    }
}
