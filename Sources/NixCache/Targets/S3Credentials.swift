import Foundation

/// AWS credentials for signing S3 requests.
public struct S3Credentials: Sendable, Hashable, CustomStringConvertible {
    /// The access key id.
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// A session token for temporary credentials.
    public var sessionToken: String?

    /// Wraps a key pair.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// Credentials from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN`, else
    /// from the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE` or
    /// `~/.aws/credentials`) for `profile` (else `AWS_PROFILE`, else `default`).
    ///
    /// - Throws: ``CacheTargetError/configuration(target:reason:)`` when none are found.
    public static func fromEnvironment(
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CacheTargetError) -> S3Credentials {
        if let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"], !key.isEmpty {
            return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"])
        }
        let file = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.aws/credentials")
        let wanted = profile ?? environment["AWS_PROFILE"] ?? "default"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw .configuration(target: "s3", reason: "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or create \(file)")
        }
        var section = ""
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") || line.hasPrefix(";") || line.isEmpty { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard section == wanted, let equals = line.firstIndex(of: "=") else { continue }
            values[line[..<equals].trimmingCharacters(in: .whitespaces)] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        guard let key = values["aws_access_key_id"], let secret = values["aws_secret_access_key"] else {
            throw .configuration(target: "s3", reason: "profile '\(wanted)' in \(file) has no aws_access_key_id/aws_secret_access_key")
        }
        return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: values["aws_session_token"])
    }

    /// The key id only, never the secret.
    public var description: String { "S3Credentials(\(accessKeyID))" }
}
