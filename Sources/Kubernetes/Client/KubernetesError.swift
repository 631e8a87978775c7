/// The API server refused a request: its ``Status`` (code, reason, message), and what to do about it.
///
/// Thrown after the retries of ``KubernetesRetryPolicy`` are used up, and for answers that are never retried
/// (400, 403, 404, 409, 422, …). Check the helpers (``isNotFound``, ``isAlreadyExists``, ``isConflict``, ``isGone``)
/// rather than comparing codes.
public struct KubernetesError: Error, CustomStringConvertible, Sendable {
    /// What we were doing, e.g. `POST /api/v1/namespaces/ci/pods`.
    public var operation: String
    /// HTTP status code (or the `code` of a watch `ERROR` event).
    public var code: Int
    /// `Status.reason` (`NotFound`, `AlreadyExists`, `Conflict`, `Expired`, `Invalid`, …); derived from the code
    /// when the answer carried no Status (e.g. an HTML page from a proxy).
    public var reason: String
    /// `Status.message`, or the start of the body.
    public var message: String
    /// The whole Status, when the answer was one.
    public var status: Status?

    public init(operation: String, code: Int, reason: String? = nil, message: String, status: Status? = nil) {
        self.operation = operation
        self.code = code
        self.reason = (reason?.isEmpty == false ? reason : nil) ?? Self.reason(forCode: code)
        self.message = message
        self.status = status
    }

    /// Builds the error from a Status object (an error answer or a watch `ERROR` event).
    public init(operation: String, status: Status, httpCode: Int? = nil) {
        let code = status.code ?? httpCode ?? 500
        self.init(operation: operation, code: code, reason: status.reason, message: status.message ?? "(no message)", status: status)
    }

    /// 404 `NotFound`: fine after a delete; otherwise the object is gone.
    public var isNotFound: Bool { code == 404 }
    /// 409 `AlreadyExists`: a create found the name taken (after a retried create: it was ours, GET it).
    public var isAlreadyExists: Bool { code == 409 && reason == "AlreadyExists" }
    /// 409 `Conflict`: stale resourceVersion or a failed precondition; re-read and retry.
    public var isConflict: Bool { code == 409 && reason != "AlreadyExists" }
    /// 410 `Expired`/`Gone`: the resourceVersion is too old; list again.
    public var isGone: Bool { code == 410 || reason == "Expired" || reason == "Gone" }
    /// 400 `BadRequest`, e.g. a log requested before the container started.
    public var isBadRequest: Bool { code == 400 }
    /// 401: the credentials were refused even after re-reading them.
    public var isUnauthorized: Bool { code == 401 }
    /// 403: RBAC, Pod Security admission or a quota refused the request.
    public var isForbidden: Bool { code == 403 }
    /// 403 from a ResourceQuota (`… is forbidden: exceeded quota: …`): nothing was created; capacity may free up.
    public var isQuotaExceeded: Bool { code == 403 && message.contains("exceeded quota") }
    /// 422 `Invalid`: the object failed validation; ``Status/details`` names the fields.
    public var isInvalid: Bool { code == 422 }
    /// 429: throttled by API priority and fairness.
    public var isTooManyRequests: Bool { code == 429 }
    /// 5xx: a server-side problem that may pass.
    public var isServerError: Bool { code >= 500 }

    /// What the caller should do about this answer (notes §1.9).
    public var advice: String {
        switch code {
        case 400 where message.contains("waiting to start") || message.contains("PodInitializing") || message.contains("ContainerCreating"):
            "the container has not started; wait for the watch to report it running or terminated"
        case 400: "the request was malformed; check the object or the selector"
        case 401: "the credentials were refused (also after re-reading the token); check the token, its file or the exec plugin"
        case 403 where message.contains("exceeded quota"): "a resource quota is full; retry later or raise the quota"
        case 403: "not allowed: check the RBAC Role of the agent's service account and Pod Security admission"
        case 404: "the object does not exist (any more)"
        case 409 where isAlreadyExists: "the name is taken; read the existing object and adopt it if its labels match"
        case 409: "the object changed meanwhile or a precondition failed; read it again and retry"
        case 410: "the resourceVersion is too old; list again and watch from the new resourceVersion"
        case 422: "the object is invalid; fix the fields named in the details"
        case 429: "the API server is throttling; retry later"
        case 500...599: "the API server had a problem; retry with backoff"
        default: "see the message"
        }
    }

    public var description: String {
        var text = "\(operation) failed with HTTP \(code) \(reason): \(message)"
        if let causes = status?.details?.causes, !causes.isEmpty {
            let fields = causes.map { [$0.field, $0.message].compactMap { $0 }.joined(separator: ": ") }
            text += " [" + fields.joined(separator: "; ") + "]"
        }
        return text + " — " + advice
    }

    /// The reason client-go derives from a bare status code.
    static func reason(forCode code: Int) -> String {
        switch code {
        case 400: "BadRequest"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "NotFound"
        case 405: "MethodNotAllowed"
        case 406: "NotAcceptable"
        case 409: "Conflict"
        case 410: "Gone"
        case 415: "UnsupportedMediaType"
        case 422: "Invalid"
        case 429: "TooManyRequests"
        case 500: "InternalError"
        case 503: "ServiceUnavailable"
        case 504: "Timeout"
        default: "Unknown"
        }
    }
}
