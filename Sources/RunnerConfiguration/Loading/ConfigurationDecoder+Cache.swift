extension ConfigurationDecoder {
    static let cacheKeys = ["Type", "Path", "Shared", "s3"]
    static let cacheS3Keys = ["ServerAddress", "AccessKey", "SecretKey", "BucketName", "BucketLocation", "Insecure"]

    func decodeCache(_ reader: ConfigurationTableReader) throws(ConfigurationError) -> CacheSettings {
        try reader.rejectUnknownKeys(known: Self.cacheKeys) { _ in nil }
        let type = try reader.nonEmptyString("Type", example: "\"s3\"") ?? "s3"
        guard type == "s3" else {
            throw reader.failure("Type", "must be \"s3\" (S3, MinIO and other S3-compatible stores; the shell executor keeps local caches in cache_dir), got \"\(type)\"")
        }
        guard case .table(let table)? = reader.table["s3"] else {
            throw ConfigurationError(path: path, line: reader.table.line, key: reader.keyPath("s3"), message: "is required: add a [runners.cache.s3] section with at least BucketName")
        }
        let s3 = ConfigurationTableReader(table: table, keyPrefix: reader.keyPath("s3."), path: path)
        try s3.rejectUnknownKeys(known: Self.cacheS3Keys) { _ in nil }
        guard let bucket = try s3.nonEmptyString("BucketName", example: "\"runner-cache\"") else {
            throw ConfigurationError(path: path, line: table.line, key: s3.keyPath("BucketName"), message: "is required: the bucket that holds the cache archives")
        }
        var settings = S3CacheSettings(bucketName: bucket)
        settings.serverAddress = try s3.nonEmptyString("ServerAddress", example: "\"minio.example.com:9000\"") ?? ""
        settings.accessKey = try s3.nonEmptyString("AccessKey", example: "\"AKIA…\"")
        settings.secretKey = try s3.nonEmptyString("SecretKey", example: "\"…\"")
        settings.bucketLocation = try s3.nonEmptyString("BucketLocation", example: "\"eu-west-1\"") ?? "us-east-1"
        settings.insecure = try s3.boolean("Insecure") ?? false
        return CacheSettings(type: type, path: try reader.string("Path") ?? "", shared: try reader.boolean("Shared") ?? false, s3: settings)
    }
}
