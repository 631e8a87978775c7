/// `[runners.cache]`: where `cache:` archives live when they are shared beyond one host, with
/// gitlab-runner's key names (`Type`, `Path`, `Shared`, `[runners.cache.s3]`).
public struct CacheSettings: Sendable, Equatable {
    /// `Type`: only `s3` (S3, MinIO and other S3-compatible stores).
    public var type: String
    /// `Path`: a key prefix inside the bucket.
    public var path: String
    /// `Shared`: one cache for every runner instead of one per runner token.
    public var shared: Bool
    /// `[runners.cache.s3]`.
    public var s3: S3CacheSettings

    public init(type: String = "s3", path: String = "", shared: Bool = false, s3: S3CacheSettings) {
        self.type = type
        self.path = path
        self.shared = shared
        self.s3 = s3
    }
}

/// `[runners.cache.s3]`.
public struct S3CacheSettings: Sendable, Equatable {
    /// `ServerAddress`: `host[:port]` of an S3-compatible server; empty for AWS.
    public var serverAddress: String
    /// `AccessKey` / `SecretKey`; when absent, `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` are used.
    public var accessKey: String?
    public var secretKey: String?
    /// `BucketName`.
    public var bucketName: String
    /// `BucketLocation`: the region (default `us-east-1`).
    public var bucketLocation: String
    /// `Insecure`: plain HTTP to `ServerAddress`.
    public var insecure: Bool

    public init(serverAddress: String = "", accessKey: String? = nil, secretKey: String? = nil, bucketName: String, bucketLocation: String = "us-east-1", insecure: Bool = false) {
        self.serverAddress = serverAddress
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.bucketName = bucketName
        self.bucketLocation = bucketLocation
        self.insecure = insecure
    }
}
