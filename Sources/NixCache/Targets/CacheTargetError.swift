/// Why talking to a cache, or preparing a path for it, failed. Every case names what
/// failed; ``isRetryable`` and ``disablesTarget`` tell the upload queue what to do.
public enum CacheTargetError: Error, Sendable, CustomStringConvertible {
    /// The server answered with a status that is not 2xx.
    case http(method: String, url: String, status: Int, message: String, retryAfter: Duration?)
    /// No answer: connection refused or reset, timeout, TLS failure.
    case transport(method: String, url: String, reason: String)
    /// The NAR read from disk does not match the hash or size the Nix database recorded;
    /// the path was not uploaded.
    case narHashMismatch(path: String, expected: String, expectedSize: UInt64, actual: String, actualSize: UInt64)
    /// The NAR could not be read from the store.
    case narUnreadable(path: String, reason: String)
    /// The compressed NAR could not be staged on local disk.
    case spoolFailed(path: String, reason: String)
    /// A local file of a `file://` cache could not be written or read.
    case fileSystem(path: String, reason: String)
    /// The server's answer could not be understood.
    case invalidResponse(url: String, reason: String)
    /// The target is not usable as configured (missing credentials, bad option).
    case configuration(target: String, reason: String)
    /// The target was disabled earlier in this run (401/403/unknown cache); nothing more is
    /// sent to it.
    case disabled(target: String, reason: String)
    /// The object is larger than the target accepts in one request.
    case tooLarge(url: String, size: UInt64, limit: UInt64)
    /// The upload was cancelled.
    case cancelled

    /// Transient failures worth another attempt: no answer, 408, 425, 429, 499 and 5xx
    /// (including proxy errors such as 502, 504, 524).
    public var isRetryable: Bool {
        switch self {
        case .transport: return true
        case .http(_, _, let status, _, _):
            return status == 408 || status == 425 || status == 429 || status == 499 || (500...599).contains(status)
        default: return false
        }
    }

    /// Failures that make every further request pointless for this run: the token is
    /// missing, invalid or lacks push permission (401, 403).
    public var disablesTarget: Bool {
        if case .http(_, _, let status, _, _) = self { return status == 401 || status == 403 }
        if case .disabled = self { return true }
        return false
    }

    /// The server's `Retry-After`, if it sent one.
    public var retryAfter: Duration? {
        if case .http(_, _, _, _, let retryAfter) = self { return retryAfter }
        return nil
    }

    public var description: String {
        switch self {
        case .http(let method, let url, let status, let message, _):
            let hint: String
            switch status {
            case 401: hint = "; check the token (it needs push and pull permission on this cache)"
            case 403: hint = "; the token lacks permission for this cache"
            case 413: hint = "; a proxy in front of the cache limits the body size"
            default: hint = ""
            }
            let detail = message.isEmpty ? "" : ": \(message)"
            return "\(method) \(url) answered HTTP \(status)\(detail)\(hint)"
        case .transport(let method, let url, let reason):
            return "\(method) \(url) failed: \(reason)"
        case .narHashMismatch(let path, let expected, let expectedSize, let actual, let actualSize):
            return "refusing to upload \(path): its NAR hashes to \(actual) (\(actualSize) bytes) but the Nix database records \(expected) (\(expectedSize) bytes); the store copy is corrupt, run 'nix-store --verify --check-contents --repair'"
        case .narUnreadable(let path, let reason):
            return "cannot read \(path) from the store: \(reason)"
        case .spoolFailed(let path, let reason):
            return "cannot stage the compressed NAR of \(path) on disk: \(reason); check free space in the spool directory"
        case .fileSystem(let path, let reason):
            return "cache file \(path): \(reason)"
        case .invalidResponse(let url, let reason):
            return "unexpected answer from \(url): \(reason)"
        case .configuration(let target, let reason):
            return "cache \(target): \(reason)"
        case .disabled(let target, let reason):
            return "cache \(target) is disabled for this run: \(reason)"
        case .tooLarge(let url, let size, let limit):
            return "\(url): \(size) bytes is more than the \(limit) bytes one request may carry"
        case .cancelled:
            return "upload cancelled"
        }
    }
}
