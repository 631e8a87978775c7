import Foundation

/// The REST layer of the simulated API server: routes resource requests to the operations
/// of ``KubernetesCluster`` and renders objects, lists, tables, watch streams and logs.
struct KubernetesAPI: Sendable {
    let cluster: KubernetesCluster
    let kubelet: Kubelet
    let configuration: KubernetesSimulatorConfiguration
    /// `host:port` clients used, for discovery documents.
    let serverAddress: String

    /// Answers a request that passed authentication.
    func handle(_ request: SimulatorHTTPRequest) async -> SimulatorHTTPResponse {
        do throws(KubernetesAPIError) {
            switch APIRoute(path: request.path) {
            case .document(let path):
                return try document(path, request: request)
            case .unknown:
                throw KubernetesAPIError.unknownPath
            case .resource(let target):
                return try await resource(request, target)
            }
        } catch {
            return error.response
        }
    }

    private func resource(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) async throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        let method = request.method.uppercased()
        switch (method, target.name, target.subresource) {
        case ("GET", nil, nil):
            if let watchValue = request.queryValue("watch"), watchValue == "true" || watchValue == "1" {
                return try watch(request, target)
            }
            return try await list(request, target)
        case ("GET", .some, nil), ("GET", .some, "status"):
            guard target.subresource == nil || target.resource.systemOwnedStatus else { throw .unknownPath }
            return try get(request, target)
        case ("GET", .some, "log") where target.resource == .pods:
            return try log(request, target)
        case ("POST", nil, nil):
            return try create(request, target)
        case ("PUT", .some, nil), ("PUT", .some, "status"):
            guard target.subresource == nil || target.resource.systemOwnedStatus else { throw .unknownPath }
            return try update(request, target)
        case ("PATCH", .some, nil), ("PATCH", .some, "status"):
            guard target.subresource == nil || target.resource.systemOwnedStatus else { throw .unknownPath }
            return try patch(request, target)
        case ("DELETE", .some, nil):
            guard target.resource.verbs.contains("delete") else { throw .methodNotAllowed }
            return try delete(request, target)
        case ("DELETE", nil, nil):
            guard target.resource.verbs.contains("deletecollection"), target.namespace != nil || !target.resource.namespaced else {
                throw .methodNotAllowed
            }
            return try deleteCollection(request, target)
        case (_, _, .some(let subresource)) where !["log", "status"].contains(subresource):
            throw .unknownPath
        default:
            throw .methodNotAllowed
        }
    }

    // MARK: Shared helpers

    /// A JSON answer, with `Warning` headers.
    func json(_ status: Int, _ body: SimulatedJSON, warnings: [String] = []) -> SimulatorHTTPResponse {
        var headers: SimulatorHTTPHeaders = [:]
        for warning in warnings {
            headers.add(name: "Warning", value: "299 - \"\(warning.replacingOccurrences(of: "\"", with: "\\\""))\"")
        }
        return .json(status, body.encoded, headers: headers)
    }

    /// The negotiated response format, or 406.
    func format(_ request: SimulatorHTTPRequest) throws(KubernetesAPIError) -> ResponseFormat {
        guard let format = ResponseFormat.negotiate(request.headers["Accept"]) else {
            throw .notAcceptable("only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf")
        }
        return format
    }

    /// The namespace a write goes to (`""` for cluster-scoped resources).
    func writeNamespace(_ target: ResourceRequest) throws(KubernetesAPIError) -> String {
        if !target.resource.namespaced { return "" }
        guard let namespace = target.namespace else { throw .methodNotAllowed }
        return namespace
    }

    /// Parses the request body as a JSON object of `target`'s kind, applying strict field
    /// validation per `fieldValidation` (`Strict` 400, `Ignore`, default `Warn`). Returns the
    /// object without unknown fields and the warnings to send.
    func decodeBody(_ request: SimulatorHTTPRequest, resource: ResourceType) throws(KubernetesAPIError) -> (SimulatedJSON, [String]) {
        let contentType = (request.headers["Content-Type"] ?? "application/json").split(separator: ";").first.map { $0.withoutSurroundingWhitespace.lowercased() } ?? ""
        guard contentType == "application/json" || contentType.isEmpty else {
            throw .unsupportedMediaType(contentType)
        }
        let object: SimulatedJSON
        do {
            object = try SimulatedJSON(parsing: request.body)
        } catch {
            throw .badRequest("couldn't get version/kind; json parse error: \(error)")
        }
        return try checkFields(object, resource: resource, request: request)
    }

    /// Kind/apiVersion checks and strict decoding of an object (body or patch result).
    func checkFields(_ object: SimulatedJSON, resource: ResourceType, request: SimulatorHTTPRequest) throws(KubernetesAPIError) -> (SimulatedJSON, [String]) {
        guard object.objectValue != nil else {
            throw .badRequest("couldn't get version/kind; json parse error: json: cannot unmarshal \(object.jsonTypeName) into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }")
        }
        if let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty, apiVersion != resource.apiVersion {
            throw .badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(resource.apiVersion))")
        }
        if let kind = object["kind"]?.stringValue, !kind.isEmpty, kind != resource.kind {
            throw .badRequest("the object provided is unrecognized (must be of type \(resource.kind)): couldn't get version/kind; json parse error")
        }
        var check = SchemaCheck()
        let pruned = check.prune(object, KnownFields.schema(for: resource))
        let prefix = "\(resource.kind) in version \"\(resource.version)\" cannot be handled as a \(resource.kind): "
        if let typeError = check.typeError { throw .badRequest(prefix + typeError) }
        let unknown = check.unknownFields.map { "unknown field \"\($0)\"" }
        switch request.queryValue("fieldValidation") ?? "Warn" {
        case "Strict":
            if !unknown.isEmpty { throw .badRequest(prefix + "strict decoding error: " + unknown.joined(separator: ", ")) }
            return (pruned, [])
        case "Ignore":
            return (pruned, [])
        case "Warn", "":
            return (pruned, unknown)
        case let other:
            throw .badRequest("fieldValidation: Unsupported value: \"\(other)\": supported values: \"Ignore\", \"Strict\", \"Warn\"")
        }
    }

    /// `dryRun=All` (400 for other values).
    func isDryRun(_ request: SimulatorHTTPRequest) throws(KubernetesAPIError) -> Bool {
        let values = request.query.filter { $0.name == "dryRun" }.compactMap(\.value)
        for value in values where value != "All" {
            throw .badRequest("dryRun: Unsupported value: \"\(value)\": supported values: \"All\"")
        }
        return !values.isEmpty
    }

    /// Checks name and namespace of a body against the URL.
    func checkIdentity(_ object: SimulatedJSON, target: ResourceRequest) throws(KubernetesAPIError) {
        if let namespace = object.string(at: ["metadata", "namespace"]), !namespace.isEmpty, target.resource.namespaced,
           namespace != target.namespace {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if let name = target.name, object.metadataName != name {
            throw .badRequest("the name of the object (\(object.metadataName)) does not match the name on the URL (\(name))")
        }
    }
}
