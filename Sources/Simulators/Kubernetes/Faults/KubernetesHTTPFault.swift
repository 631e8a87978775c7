/// A fault the simulated API server applies to matching requests (admin paths are never
/// affected).
public struct KubernetesHTTPFault: Sendable, Hashable {
    /// What happens to a matching request.
    public enum Action: Sendable, Hashable {
        /// Answer with this status code and a matching `Status` body (500 InternalError,
        /// 503 ServiceUnavailable, 429 TooManyRequests, 410 Expired, 504 Timeout, …), with
        /// `Retry-After` when given (429 always carries one; default 1).
        case status(Int, retryAfterSeconds: Int? = nil)
        /// Wait, then process the request normally.
        case delay(Duration)
        /// Close the connection with a TCP reset, without processing the request.
        case reset
    }

    /// The effect.
    public var action: Action
    /// Matches requests whose path contains this text; `nil` matches every API request.
    public var pathContains: String?
    /// Matches only this method (`GET`, `POST`, …); `nil` matches every method.
    public var method: String?
    /// How many requests it applies to; `nil` means until cleared.
    public var count: Int?

    /// Creates a fault.
    public init(_ action: Action, pathContains: String? = nil, method: String? = nil, count: Int? = 1) {
        self.action = action
        self.pathContains = pathContains
        self.method = method
        self.count = count
    }

    /// Whether the fault applies to a request.
    func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted.uppercased() != method.uppercased() { return false }
        if let pathContains, !path.contains(pathContains) { return false }
        return true
    }

    /// The admin API form.
    var json: SimulatedJSON {
        var object: [String: SimulatedJSON] = [
            "path": pathContains.map(SimulatedJSON.string) ?? nil,
            "method": method.map(SimulatedJSON.string) ?? nil,
            "count": count.map { .int(Int64($0)) } ?? nil,
        ]
        switch action {
        case .status(let code, let retryAfter):
            object["kind"] = "status"
            object["status"] = .int(Int64(code))
            object["retry_after"] = retryAfter.map { .int(Int64($0)) } ?? nil
        case .delay(let duration):
            object["kind"] = "delay"
            let (seconds, attoseconds) = duration.components
            object["seconds"] = .double(Double(seconds) + Double(attoseconds) / 1e18)
        case .reset:
            object["kind"] = "reset"
        }
        return .object(object)
    }

    /// Parses the admin API form: `{"kind":"status","status":503,"path":"/pods","method":"GET","count":2,"retry_after":1}`,
    /// `{"kind":"delay","seconds":1.5}`, `{"kind":"reset"}`.
    init(json: SimulatedJSON) throws(KubernetesSimulatorError) {
        let kind = json["kind"]?.stringValue ?? (json["status"] != nil ? "status" : "")
        switch kind {
        case "status":
            guard let code = json["status"]?.intValue ?? json["code"]?.intValue, (100...599).contains(code) else {
                throw .invalid("a status fault needs \"status\": 100...599")
            }
            action = .status(Int(code), retryAfterSeconds: (json["retry_after"] ?? json["retryAfter"])?.intValue.map { Int($0) })
        case "delay":
            guard let seconds = json["seconds"]?.doubleValue, seconds >= 0 else { throw .invalid("a delay fault needs \"seconds\"") }
            action = .delay(.milliseconds(Int64(seconds * 1000)))
        case "reset":
            action = .reset
        default:
            throw .invalid("unknown fault kind \"\(kind)\" (status, delay, reset)")
        }
        pathContains = json["path"]?.stringValue
        method = json["method"]?.stringValue
        if let count = json["count"] {
            count.isNull ? (self.count = nil) : (self.count = count.intValue.map { Int($0) } ?? 1)
        } else {
            self.count = 1
        }
    }
}
