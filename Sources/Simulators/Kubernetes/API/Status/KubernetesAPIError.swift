/// An error answer of the simulated API server. Every non-2xx answer carries it as a
/// `{"kind":"Status","apiVersion":"v1","status":"Failure",…}` body (notes §1.9).
struct KubernetesAPIError: Error, Sendable {
    /// HTTP status code, also `Status.code`.
    var code: Int
    /// `Status.reason` (`NotFound`, `AlreadyExists`, …); empty for none.
    var reason: String
    /// `Status.message`.
    var message: String
    /// `Status.details`; `nil` omits the member.
    var details: SimulatedJSON?
    /// Extra response headers (e.g. `Retry-After`).
    var headers: SimulatorHTTPHeaders = [:]

    /// The `Status` object.
    var status: SimulatedJSON {
        var object: [String: SimulatedJSON] = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "code": .int(Int64(code)),
        ]
        if !reason.isEmpty { object["reason"] = .string(reason) }
        if let details { object["details"] = details }
        return .object(object)
    }

    /// The HTTP response carrying ``status``.
    var response: SimulatorHTTPResponse {
        .json(code, status.encoded, headers: headers)
    }

    private static func details(_ resource: ResourceType, name: String, uid: String? = nil, causes: [StatusCause] = []) -> SimulatedJSON {
        var object: [String: SimulatedJSON] = ["kind": .string(resource.plural)]
        if !name.isEmpty { object["name"] = .string(name) }
        if !resource.group.isEmpty { object["group"] = .string(resource.group) }
        if let uid { object["uid"] = .string(uid) }
        if !causes.isEmpty { object["causes"] = .array(causes.map(\.json)) }
        return .object(object)
    }

    // MARK: Factories

    static func notFound(_ resource: ResourceType, name: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 404, reason: "NotFound", message: "\(resource.qualifiedPlural) \"\(name)\" not found",
                           details: details(resource, name: name))
    }

    static func namespaceNotFound(_ namespace: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 404, reason: "NotFound", message: "namespaces \"\(namespace)\" not found",
                           details: ["name": .string(namespace), "kind": "namespaces"])
    }

    static let unknownPath = KubernetesAPIError(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: [:])

    static func alreadyExists(_ resource: ResourceType, name: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 409, reason: "AlreadyExists", message: "\(resource.qualifiedPlural) \"\(name)\" already exists",
                           details: details(resource, name: name))
    }

    static func conflict(_ resource: ResourceType, name: String, _ detail: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 409, reason: "Conflict",
                           message: "Operation cannot be fulfilled on \(resource.qualifiedPlural) \"\(name)\": \(detail)",
                           details: details(resource, name: name))
    }

    static func modified(_ resource: ResourceType, name: String) -> KubernetesAPIError {
        conflict(resource, name: name, "the object has been modified; please apply your changes to the latest version and try again")
    }

    static func invalid(_ resource: ResourceType, name: String, causes: [StatusCause]) -> KubernetesAPIError {
        let rendered = causes.map { "\($0.field): \($0.message)" }
        let summary = rendered.count == 1 ? rendered[0] : "[" + rendered.joined(separator: ", ") + "]"
        var object: [String: SimulatedJSON] = ["kind": .string(resource.kind), "causes": .array(causes.map(\.json))]
        if !name.isEmpty { object["name"] = .string(name) }
        if !resource.group.isEmpty { object["group"] = .string(resource.group) }
        return KubernetesAPIError(code: 422, reason: "Invalid", message: "\(resource.qualifiedKind) \"\(name)\" is invalid: \(summary)",
                                  details: .object(object))
    }

    static func badRequest(_ message: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 400, reason: "BadRequest", message: message)
    }

    static let unauthorized = KubernetesAPIError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static func forbidden(_ message: String, resource: ResourceType? = nil, name: String = "") -> KubernetesAPIError {
        KubernetesAPIError(code: 403, reason: "Forbidden", message: message,
                           details: resource.map { details($0, name: name) })
    }

    static let methodNotAllowed = KubernetesAPIError(
        code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource", details: [:])

    static func notAcceptable(_ message: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 406, reason: "NotAcceptable", message: message)
    }

    static func expired(_ message: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 410, reason: "Expired", message: message)
    }

    static func gone(_ message: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 410, reason: "Gone", message: message)
    }

    static func requestEntityTooLarge(limit: Int) -> KubernetesAPIError {
        KubernetesAPIError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is \(limit)")
    }

    static func unsupportedMediaType(_ contentType: String) -> KubernetesAPIError {
        KubernetesAPIError(
            code: 415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
    }

    static func tooManyRequests(retryAfter: Int) -> KubernetesAPIError {
        KubernetesAPIError(code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
                           details: ["causes": [["reason": "TooManyRequests", "message": "the server has received too many requests and has asked us to try again later"]],
                                     "retryAfterSeconds": .int(Int64(retryAfter))],
                           headers: ["Retry-After": String(retryAfter)])
    }

    static func internalError(_ detail: String) -> KubernetesAPIError {
        KubernetesAPIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(detail)",
                           details: ["causes": [["message": .string(detail)]]])
    }

    static func serviceUnavailable(_ message: String = "the server is currently unable to handle the request") -> KubernetesAPIError {
        KubernetesAPIError(code: 503, reason: "ServiceUnavailable", message: message)
    }

    static func timeout(_ message: String, retryAfter: Int = 1) -> KubernetesAPIError {
        KubernetesAPIError(code: 504, reason: "Timeout", message: message,
                           details: ["retryAfterSeconds": .int(Int64(retryAfter))])
    }

    /// A fault answer with a given code; the reason and message follow the code's usual form.
    static func injected(code: Int, retryAfter: Int?) -> KubernetesAPIError {
        switch code {
        case 400: return .badRequest("the server rejected our request for an unknown reason (simulated fault)")
        case 401: return .unauthorized
        case 403: return .forbidden("forbidden: simulated fault")
        case 404: return .unknownPath
        case 409: return KubernetesAPIError(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled: simulated conflict")
        case 410: return .expired("too old resource version: 1 (2)")
        case 429:
            var error = KubernetesAPIError.tooManyRequests(retryAfter: retryAfter ?? 1)
            if retryAfter == nil { error.headers = [:] }
            return error
        case 500: return .internalError("simulated fault")
        case 503:
            var error = KubernetesAPIError.serviceUnavailable()
            if let retryAfter { error.headers = ["Retry-After": String(retryAfter)] }
            return error
        case 504: return .timeout("the server was unable to return a response in the time allotted, but may still be processing the request")
        default:
            var error = KubernetesAPIError(code: code, reason: "", message: "simulated fault \(code)")
            if let retryAfter { error.headers = ["Retry-After": String(retryAfter)] }
            return error
        }
    }
}
