/// Where an `s3://` cache lives.
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    /// The bucket.
    public var bucket: String
    /// The region used for signing (`us-east-1` unless given).
    public var region: String
    /// A custom endpoint (`http://127.0.0.1:5000`), or `nil` for AWS.
    public var endpoint: String?
    /// A key prefix inside the bucket (no leading or trailing slash), or empty.
    public var prefix: String
    /// The credentials profile in `~/.aws/credentials`, if not the default.
    public var profile: String?

    /// Describes a bucket.
    public init(bucket: String, region: String = "us-east-1", endpoint: String? = nil, prefix: String = "", profile: String? = nil) {
        self.bucket = bucket
        self.region = region
        self.endpoint = endpoint
        self.prefix = prefix
        self.profile = profile
    }

    /// The URL of the object `key` (path-style with an endpoint, virtual-hosted on AWS).
    public func objectURL(_ key: String) -> String {
        let fullKey = prefix.isEmpty ? key : prefix + "/" + key
        let encoded = fullKey.split(separator: "/", omittingEmptySubsequences: false).map { S3Signer.uriEncode(String($0)) }.joined(separator: "/")
        if let endpoint {
            return "\(endpoint)/\(S3Signer.uriEncode(bucket))/\(encoded)"
        }
        return "https://\(bucket).s3.\(region).amazonaws.com/\(encoded)"
    }

    public var description: String {
        var text = "s3://\(bucket)" + (prefix.isEmpty ? "" : "/\(prefix)")
        var parameters: [String] = ["region=\(region)"]
        if let endpoint { parameters.append("endpoint=\(endpoint)") }
        if let profile { parameters.append("profile=\(profile)") }
        text += "?" + parameters.joined(separator: "&")
        return text
    }
}
