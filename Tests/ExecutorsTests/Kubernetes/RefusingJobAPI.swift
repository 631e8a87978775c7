import GitLabRunnerAPI

/// A `JobAPI` for tests that must not reach GitLab: every call throws.
struct RefusingJobAPI: JobAPI {
    struct Refused: Error {}

    func updateJob(id: Int64, jobToken: String, update: JobUpdate) async throws -> JobUpdateResponse { throw Refused() }
    func patchTrace(id: Int64, jobToken: String, offset: Int64, bytes: [UInt8]) async throws -> TracePatchResponse { throw Refused() }
    func uploadArtifact(id: Int64, jobToken: String, upload: ArtifactUpload) async throws -> ArtifactUploadResponse { throw Refused() }
    func downloadArtifacts(id: Int64, jobToken: String, to destination: String) async throws -> ArtifactDownloadResponse { throw Refused() }
}
