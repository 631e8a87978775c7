/// The outcome of one `POST /api/v4/jobs/request`.
public enum JobRequestResponse: Sendable {
    /// 201: a job for us. `lastUpdate` is the `X-GitLab-Last-Update` to echo next time.
    case job(JobPayload, lastUpdate: String?)
    /// 201 with a body we cannot use. When `id` and `token` could be read, the job must be failed
    /// (it is assigned to us); otherwise GitLab will time it out.
    case malformedJob(id: Int64?, token: String?, problem: String)
    /// 204: no job now.
    case noJob(lastUpdate: String?)
    /// 403: the runner token is invalid or the runner was deleted.
    case forbidden
    /// Anything else (409 lost race, 422 orphaned, 5xx after retries, …).
    case failed(status: Int, message: String)
}
