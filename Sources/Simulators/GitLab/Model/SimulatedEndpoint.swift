/// The runner-API endpoints a fault can be armed on.
public enum SimulatedEndpoint: String, Sendable, Hashable, Codable, CaseIterable {
    /// `POST /api/v4/runners` (legacy registration).
    case register
    /// `POST /api/v4/runners/verify`.
    case verify
    /// `DELETE /api/v4/runners`.
    case unregister
    /// `DELETE /api/v4/runners/managers`.
    case unregisterManager = "unregister_manager"
    /// `POST /api/v4/runners/reset_authentication_token`.
    case resetToken = "reset_token"
    /// `POST /api/v4/jobs/request`.
    case request
    /// `PUT /api/v4/jobs/:id`.
    case update
    /// `PATCH /api/v4/jobs/:id/trace`.
    case trace
    /// `POST /api/v4/jobs/:id/artifacts`.
    case artifactsUpload = "artifacts_upload"
    /// `GET /api/v4/jobs/:id/artifacts`.
    case artifactsDownload = "artifacts_download"
    /// Every runner-API endpoint above.
    case any
}
