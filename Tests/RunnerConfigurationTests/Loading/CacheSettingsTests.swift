import Testing
@testable import RunnerConfiguration

@Suite struct CacheSettingsTests {
    static let s3Section = """
        cache_dir = "cache"
          [runners.cache]
            Type = "s3"
            Path = "prefix"
            Shared = true
            [runners.cache.s3]
              ServerAddress = "minio.internal:9000"
              AccessKey = "AK"
              SecretKey = "SK"
              BucketName = "runner-cache"
              BucketLocation = "eu-west-1"
              Insecure = true
        """

    @Test func gitLabRunnerStyleCacheSectionIsReadAndRenderedBack() throws {
        let configuration = try AgentConfiguration.parse(ConfigurationText.runner(Self.s3Section), path: ConfigurationText.path)
        let runner = try #require(configuration.runners.first)
        #expect(runner.cacheDir == "/etc/flywheel/cache")
        #expect(runner.cache == CacheSettings(type: "s3", path: "prefix", shared: true, s3: S3CacheSettings(
            serverAddress: "minio.internal:9000", accessKey: "AK", secretKey: "SK", bucketName: "runner-cache", bucketLocation: "eu-west-1", insecure: true
        )))
        let again = try AgentConfiguration.parse(configuration.rendered(), path: ConfigurationText.path)
        #expect(again.runners.first?.cache == runner.cache, "register rewrites the file without losing the cache section")
    }

    @Test(arguments: [
        ("  [runners.cache]\n    Type = \"gcs\"\n    [runners.cache.s3]\n      BucketName = \"b\"", "runners[0].cache.Type", "must be \"s3\""),
        ("  [runners.cache]\n    Type = \"s3\"", "runners[0].cache.s3", "add a [runners.cache.s3] section"),
        ("  [runners.cache]\n    [runners.cache.s3]\n      ServerAddress = \"x\"", "runners[0].cache.s3.BucketName", "is required"),
        ("  [runners.cache]\n    [runners.cache.s3]\n      BucketName = \"b\"\n      Insecure = \"yes\"", "runners[0].cache.s3.Insecure", "must be true or false"),
        ("  [runners.cache]\n    [runners.cache.s3]\n      BucketName = \"b\"\n      Bucket = \"b\"", "runners[0].cache.s3.Bucket", "unknown key"),
    ])
    func badCacheSectionsAreNamed(section: String, key: String, message: String) throws {
        let error = try ConfigurationText.failure(ConfigurationText.runner(section))
        #expect(error.key == key, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }
}
