import AsyncHTTPClient
import Logging
import NixCache

/// Pushes paths with a ``CacheUploader`` the way `flywheel cache push` does.
enum UploadHarness {
    static let quickRetry = RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(5), maximumDelay: .milliseconds(20))

    static func targets(_ urls: [String], key: NixSigningKey? = nil, token: String? = nil, staging: String? = nil,
                        s3: S3Credentials? = nil) throws -> [any CacheTarget] {
        let options = CacheTargetOptions(
            httpClient: .shared, token: token, signingKey: key, compressionLevel: 3,
            stagingDirectory: staging ?? "/tmp", s3Credentials: s3)
        return try urls.map { try CacheTargetFactory.make(CacheTargetURL(parsing: $0), options: options) }
    }

    /// Uploads the closures of `paths` to `targets` and returns the counters.
    static func push(
        _ paths: [StorePath], to targets: [any CacheTarget], database: NixDatabase,
        configuration: CacheUploaderConfiguration = CacheUploaderConfiguration(retry: quickRetry),
        events: EventLog = EventLog()
    ) async -> UploadStatistics {
        let uploader = CacheUploader(targets: targets, database: database, configuration: configuration,
                                     logger: Logger(label: "test.cache"), onEvent: { events.append($0) })
        await withDiscardingTaskGroup { group in
            group.addTask { await uploader.run() }
            await uploader.enqueue(paths)
            uploader.finish()
        }
        return uploader.statistics
    }
}
