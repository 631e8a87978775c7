/// Runner-scoped GitLab calls: registration, verification and job requests.
///
/// The agent loop and the CLI depend only on this protocol; tests drive them with mocks.
public protocol RunnerAPI: Sendable {
    /// `POST /runners/verify`: checks a runner authentication token and creates this runner manager.
    func verify(runnerToken: String, systemID: String) async throws -> RunnerRegistration
    /// `POST /runners`: legacy registration with a registration token.
    func register(registrationToken: String, options: LegacyRegistrationOptions) async throws -> RunnerRegistration
    /// `DELETE /runners`: deletes the whole runner and all its managers.
    func unregisterRunner(runnerToken: String) async throws
    /// `DELETE /runners/managers`: removes only this `system_id`'s manager.
    func unregisterManager(runnerToken: String, systemID: String) async throws
    /// `POST /jobs/request`: may long-poll for about 50 s.
    func requestJob(runnerToken: String, systemID: String, lastUpdate: String?) async throws -> JobRequestResponse
}

/// Job-scoped GitLab calls, authenticated by the job token only.
///
/// This is all the supervisor needs, so it can run anywhere the job token is (e.g. inside the job pod).
public protocol JobAPI: Sendable {
    /// `PUT /jobs/:id`.
    func updateJob(id: Int64, jobToken: String, update: JobUpdate) async throws -> JobUpdateResponse
    /// `PATCH /jobs/:id/trace` with `bytes` placed at `offset`.
    func patchTrace(id: Int64, jobToken: String, offset: Int64, bytes: [UInt8]) async throws -> TracePatchResponse
    /// `POST /jobs/:id/artifacts`: one archive as a streamed multipart `file` part (default: unsupported).
    func uploadArtifact(id: Int64, jobToken: String, upload: ArtifactUpload) async throws -> ArtifactUploadResponse
    /// `GET /jobs/:id/artifacts` with a dependency's token, streamed into `destination` (default: unsupported).
    func downloadArtifacts(id: Int64, jobToken: String, to destination: String) async throws -> ArtifactDownloadResponse
}

/// What registration and verification return.
public struct RunnerRegistration: Sendable, Equatable {
    public var id: Int64?
    public var token: String
    public var tokenExpiresAt: String?

    public init(id: Int64?, token: String, tokenExpiresAt: String?) {
        self.id = id
        self.token = token
        self.tokenExpiresAt = tokenExpiresAt
    }
}

/// Settings a legacy registration sends; with `glrt-` tokens they live in GitLab instead.
public struct LegacyRegistrationOptions: Sendable, Equatable {
    public var description: String
    public var tagList: [String]
    public var runUntagged: Bool
    public var locked: Bool
    public var paused: Bool
    public var maximumTimeout: Int?

    public init(description: String, tagList: [String] = [], runUntagged: Bool = true, locked: Bool = true, paused: Bool = false, maximumTimeout: Int? = nil) {
        self.description = description
        self.tagList = tagList
        self.runUntagged = runUntagged
        self.locked = locked
        self.paused = paused
        self.maximumTimeout = maximumTimeout
    }
}
