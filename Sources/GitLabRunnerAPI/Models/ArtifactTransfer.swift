/// One artifact archive to upload (`POST /jobs/:id/artifacts`, notes §9.1).
public struct ArtifactUpload: Sendable, Equatable {
    /// The archive on disk; streamed, never loaded whole.
    public var path: String
    /// The multipart filename (`artifacts.zip`, the job's `artifacts:name` + `.zip`, …).
    public var filename: String
    /// `artifact_format`: `zip`, `gzip` or `raw`.
    public var format: String
    /// `artifact_type`: `archive`, or a report type such as `junit`.
    public var type: String
    /// `expire_in` as the job gave it (`1 week`, `never`); omitted when empty.
    public var expireIn: String

    public init(path: String, filename: String, format: String = "zip", type: String = "archive", expireIn: String = "") {
        self.path = path
        self.filename = filename
        self.format = format
        self.type = type
        self.expireIn = expireIn
    }
}

/// GitLab's answer to an artifact upload.
public enum ArtifactUploadResponse: Sendable, Equatable {
    /// 201: stored.
    case created
    /// 413: larger than the instance or project allows.
    case tooLarge
    /// Anything else GitLab refused (403 job not running, 400, 405 artifacts disabled…), with its text.
    case rejected(status: Int, message: String)
    /// This API has no artifact storage (`flywheel exec`).
    case unsupported
}

/// GitLab's answer to an artifact download.
public enum ArtifactDownloadResponse: Sendable, Equatable {
    /// 200: the archive is at the destination, `bytes` long.
    case downloaded(bytes: Int64)
    /// 404: the job has no (unexpired) artifacts.
    case notFound
    /// Any other refusal (401, 403, …).
    case rejected(status: Int)
    /// This API has no artifact storage (`flywheel exec`).
    case unsupported
}

extension JobAPI {
    public func uploadArtifact(id: Int64, jobToken: String, upload: ArtifactUpload) async throws -> ArtifactUploadResponse { .unsupported }
    public func downloadArtifacts(id: Int64, jobToken: String, to destination: String) async throws -> ArtifactDownloadResponse { .unsupported }
}
