/// The outcome of one `PUT /api/v4/jobs/:id`.
public enum JobUpdateResponse: Sendable, Equatable {
    /// 200: applied. `status` is the server's `Job-Status`.
    case accepted(RemoteJobStatus?)
    /// 202: final state accepted but not applied yet; repeat after `retryAfter` seconds.
    case acceptedPending(retryAfter: Int, RemoteJobStatus?)
    /// 403, or a `Job-Status` of `canceled`/`failed`: stop working on this job.
    case aborted(RemoteJobStatus?)
    /// 404: the job is gone.
    case notFound
    /// 409: two-phase conflict (keep-alive for a job bound elsewhere).
    case conflict
    /// 412: trace validation failed; resend the whole trace, then update again.
    case traceValidationFailed
    /// Another status after retries.
    case rejected(status: Int)
}
