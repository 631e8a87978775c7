/// Which runner-API endpoint a request addresses.
enum RunnerAPIRoute: Equatable {
    case register
    case verify
    case unregister
    case unregisterManager
    case resetToken
    case request
    case update(Int64)
    case trace(Int64)
    case artifactsUpload(Int64)
    case artifactsDownload(Int64)
    /// A known path with the wrong method.
    case methodNotAllowed
    /// Anything else.
    case notFound

    init(method: String, path: String) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // "/api/v4/…" splits into ["", "api", "v4", …].
        guard parts.count >= 4, parts[0].isEmpty, parts[1] == "api", parts[2] == "v4" else {
            self = .notFound
            return
        }
        let rest = Array(parts.dropFirst(3))
        switch (method, rest) {
        case ("POST", ["runners"]): self = .register
        case ("DELETE", ["runners"]): self = .unregister
        case (_, ["runners"]): self = .methodNotAllowed
        case ("POST", ["runners", "verify"]): self = .verify
        case (_, ["runners", "verify"]): self = .methodNotAllowed
        case ("DELETE", ["runners", "managers"]): self = .unregisterManager
        case (_, ["runners", "managers"]): self = .methodNotAllowed
        case ("POST", ["runners", "reset_authentication_token"]): self = .resetToken
        case (_, ["runners", "reset_authentication_token"]): self = .methodNotAllowed
        case ("POST", ["jobs", "request"]): self = .request
        case (_, ["jobs", "request"]): self = .methodNotAllowed
        default:
            if rest.count == 2, rest[0] == "jobs", let id = Int64(rest[1]) {
                self = method == "PUT" ? .update(id) : .methodNotAllowed
            } else if rest.count == 3, rest[0] == "jobs", let id = Int64(rest[1]), rest[2] == "trace" {
                self = method == "PATCH" ? .trace(id) : .methodNotAllowed
            } else if rest.count == 3, rest[0] == "jobs", let id = Int64(rest[1]), rest[2] == "artifacts" {
                switch method {
                case "POST": self = .artifactsUpload(id)
                case "GET": self = .artifactsDownload(id)
                default: self = .methodNotAllowed
                }
            } else {
                self = .notFound
            }
        }
    }

    var endpoint: SimulatedEndpoint? {
        switch self {
        case .register: .register
        case .verify: .verify
        case .unregister: .unregister
        case .unregisterManager: .unregisterManager
        case .resetToken: .resetToken
        case .request: .request
        case .update: .update
        case .trace: .trace
        case .artifactsUpload: .artifactsUpload
        case .artifactsDownload: .artifactsDownload
        case .methodNotAllowed, .notFound: nil
        }
    }

    var jobID: Int64? {
        switch self {
        case .update(let id), .trace(let id), .artifactsUpload(let id), .artifactsDownload(let id): id
        default: nil
        }
    }
}
