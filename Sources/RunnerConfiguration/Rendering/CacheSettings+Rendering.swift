extension CacheSettings {
    /// The `key = value` lines of a `[runners.cache]` section.
    func renderedKeyValues() -> [String] {
        [("Type", TOMLValue.string(type)), ("Path", .string(path)), ("Shared", .bool(shared))].map { "\($0.0) = \($0.1.tomlLiteral)" }
    }
}

extension S3CacheSettings {
    /// The `key = value` lines of a `[runners.cache.s3]` section.
    func renderedKeyValues() -> [String] {
        var pairs: [(String, TOMLValue)] = [("ServerAddress", .string(serverAddress))]
        if let accessKey { pairs.append(("AccessKey", .string(accessKey))) }
        if let secretKey { pairs.append(("SecretKey", .string(secretKey))) }
        pairs += [("BucketName", .string(bucketName)), ("BucketLocation", .string(bucketLocation)), ("Insecure", .bool(insecure))]
        return pairs.map { "\($0.0) = \($0.1.tomlLiteral)" }
    }
}
