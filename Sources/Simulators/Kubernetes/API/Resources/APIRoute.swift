/// Where a request path leads.
enum APIRoute: Sendable {
    /// One of the discovery, version, health or OpenAPI documents.
    case document(String)
    /// A resource collection or object.
    case resource(ResourceRequest)
    /// Nothing is served there (404 Status).
    case unknown

    /// Parses a percent-decoded path.
    init(path: String) {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        let segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch trimmed {
        case "/version", "/api", "/apis", "/api/v1", "/healthz", "/livez", "/readyz", "/openapi/v2", "/openapi/v3", "/swagger-2.0.0.pb-v1":
            self = .document(trimmed)
            return
        default:
            break
        }
        if trimmed.hasPrefix("/openapi/v3/") {
            self = .document(trimmed)
            return
        }
        var rest: ArraySlice<String>
        let group: String
        let version: String
        if segments.count >= 2, segments[0] == "api", segments[1] == "v1" {
            group = ""
            version = "v1"
            rest = segments.dropFirst(2)
        } else if segments.first == "apis" {
            if segments.count == 2 || segments.count == 3 {
                self = .document(trimmed)
                return
            }
            guard segments.count >= 4 else {
                self = .unknown
                return
            }
            group = segments[1]
            version = segments[2]
            rest = segments.dropFirst(3)
        } else {
            self = .unknown
            return
        }
        var namespace: String?
        // /namespaces/{ns}/{plural}… — but /namespaces and /namespaces/{name}[/status] address namespaces.
        if group.isEmpty, rest.first == "namespaces", rest.count >= 3,
           ResourceType.find(group: group, version: version, plural: rest[rest.startIndex + 2]) != nil {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        } else if !group.isEmpty, rest.first == "namespaces", rest.count >= 3 {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        guard let plural = rest.first, let resource = ResourceType.find(group: group, version: version, plural: plural),
              rest.count <= 3
        else {
            self = .unknown
            return
        }
        let name = rest.count >= 2 ? rest[rest.startIndex + 1] : nil
        let subresource = rest.count == 3 ? rest[rest.startIndex + 2] : nil
        if resource.namespaced, namespace == nil, name != nil {
            // A namespaced object needs its namespace in the path.
            self = .unknown
            return
        }
        self = .resource(ResourceRequest(resource: resource, namespace: namespace, name: name, subresource: subresource))
    }
}
