extension SimulatedFault {
    /// Reads the admin API's fault object (the `kind` plus its fields):
    ///
    /// - `{"kind": "status", "status": 502, "headers": {"Retry-After": "1"}, "body": "…"}`
    /// - `{"kind": "reset"}`, `{"kind": "lost_response"}`
    /// - `{"kind": "range_mismatch", "truncate_by": 5}`
    /// - `{"kind": "final_update_accepted", "times": 3, "interval": 1}`
    /// - `{"kind": "delay", "seconds": 1.5}`
    public init(json: SimulatedJSON) throws(SimulatorError) {
        guard let kind = json["kind"]?.stringValue else { throw .invalidPayload("fault needs a \"kind\"") }
        switch kind {
        case "status":
            guard let status = json["status"]?.intValue, (100...599).contains(status) else {
                throw .invalidPayload("status fault needs \"status\" (100-599)")
            }
            var headers = SimulatorHTTPHeaders()
            for (name, value) in (json["headers"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                headers.add(name: name, value: value.stringValue ?? value.description)
            }
            self = .status(Int(status), headers: headers, body: json["body"]?.stringValue ?? "")
        case "reset":
            self = .reset
        case "lost_response":
            self = .lostResponse
        case "range_mismatch":
            self = .rangeMismatch(truncateBy: Int(json["truncate_by"]?.intValue ?? 0))
        case "final_update_accepted":
            self = .finalUpdateAccepted(
                times: Int(json["times"]?.intValue ?? 1),
                interval: Int(json["interval"]?.intValue ?? 1)
            )
        case "delay":
            guard let seconds = json["seconds"]?.doubleValue, seconds >= 0 else {
                throw .invalidPayload("delay fault needs \"seconds\"")
            }
            self = .delay(.milliseconds(Int64(seconds * 1000)))
        default:
            throw .invalidPayload("unknown fault kind \"\(kind)\"")
        }
    }

    /// The fault in the admin API's JSON form.
    public var json: SimulatedJSON {
        switch self {
        case .status(let status, let headers, let body):
            var headerObject: [String: SimulatedJSON] = [:]
            for field in headers { headerObject[field.name] = .string(field.value) }
            return ["kind": "status", "status": .int(Int64(status)), "headers": .object(headerObject), "body": .string(body)]
        case .reset:
            return ["kind": "reset"]
        case .lostResponse:
            return ["kind": "lost_response"]
        case .rangeMismatch(let truncateBy):
            return ["kind": "range_mismatch", "truncate_by": .int(Int64(truncateBy))]
        case .finalUpdateAccepted(let times, let interval):
            return ["kind": "final_update_accepted", "times": .int(Int64(times)), "interval": .int(Int64(interval))]
        case .delay(let duration):
            let (seconds, attoseconds) = duration.components
            return ["kind": "delay", "seconds": .double(Double(seconds) + Double(attoseconds) / 1e18)]
        }
    }
}
