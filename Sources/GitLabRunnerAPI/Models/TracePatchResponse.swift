/// The outcome of one `PATCH /api/v4/jobs/:id/trace`.
public enum TracePatchResponse: Sendable, Equatable {
    /// 202: appended. The server now holds `serverLength` bytes (from `Range: 0-N`, when sent).
    case appended(serverLength: Int64?, status: RemoteJobStatus?, updateInterval: Int?)
    /// 416: our start offset is not the server's length; it holds `serverLength` bytes.
    case rangeMismatch(serverLength: Int64, status: RemoteJobStatus?)
    /// 403: the job no longer runs (canceled, dropped, trace too large) or the token is bad.
    case aborted(RemoteJobStatus?)
    /// 404: the job is gone.
    case notFound
    /// Another status after retries (the data is kept and sent again later).
    case rejected(status: Int)
}
