extension KubernetesAPI {
    /// Served API groups other than the core group.
    static let groups: [(name: String, version: String)] = [("apps", "v1"), ("coordination.k8s.io", "v1")]

    /// `/version`, `/api`, `/apis`, group and resource lists, the OpenAPI v3 stub that makes
    /// `kubectl create -f` validate on the server (notes §2.3), and health endpoints.
    func document(_ path: String, request: SimulatorHTTPRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        guard request.method.uppercased() == "GET" else { throw .methodNotAllowed }
        switch path {
        case "/version":
            let version = configuration.kubernetesVersion
            let parts = version.dropFirst(version.hasPrefix("v") ? 1 : 0).split(separator: ".")
            return json(200, [
                "major": .string(parts.first.map(String.init) ?? "1"),
                "minor": .string(parts.count > 1 ? String(parts[1]) : "32"),
                "gitVersion": .string(version), "gitCommit": "flywheel-simulator", "gitTreeState": "clean",
                "buildDate": "2025-01-01T00:00:00Z", "goVersion": "go1.23.6", "compiler": "gc", "platform": "linux/amd64",
            ])
        case "/healthz", "/livez", "/readyz":
            return .text(200, "ok")
        case "/api":
            return json(200, [
                "kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
            ])
        case "/apis":
            return json(200, [
                "kind": "APIGroupList", "apiVersion": "v1",
                "groups": .array(Self.groups.map { Self.groupDocument($0.name, $0.version) }),
            ])
        case "/api/v1":
            return json(200, resourceList(group: "", version: "v1"))
        case "/openapi/v3":
            var paths: [String: SimulatedJSON] = ["api/v1": ["serverRelativeURL": "/openapi/v3/api/v1?hash=FLYWHEELSIM1"]]
            for group in Self.groups {
                paths["apis/\(group.name)/\(group.version)"] = ["serverRelativeURL": .string("/openapi/v3/apis/\(group.name)/\(group.version)?hash=FLYWHEELSIM1")]
            }
            return json(200, ["paths": .object(paths)])
        default:
            break
        }
        if path.hasPrefix("/openapi/v3/") {
            let groupVersion = String(path.dropFirst("/openapi/v3/".count))
            let resources = ResourceType.all.filter { (($0.group.isEmpty ? "api/" : "apis/\($0.group)/") + $0.version) == groupVersion }
            guard !resources.isEmpty else { throw .unknownPath }
            return json(200, openAPIStub(resources))
        }
        let segments = path.split(separator: "/").map(String.init)
        if segments.count == 2, segments[0] == "apis", let group = Self.groups.first(where: { $0.name == segments[1] }) {
            var document = Self.groupDocument(group.name, group.version)
            document["kind"] = "APIGroup"
            document["apiVersion"] = "v1"
            return json(200, document)
        }
        if segments.count == 3, segments[0] == "apis", Self.groups.contains(where: { $0.name == segments[1] && $0.version == segments[2] }) {
            return json(200, resourceList(group: segments[1], version: segments[2]))
        }
        throw .unknownPath
    }

    private static func groupDocument(_ name: String, _ version: String) -> SimulatedJSON {
        let groupVersion: SimulatedJSON = ["groupVersion": .string("\(name)/\(version)"), "version": .string(version)]
        return ["name": .string(name), "versions": [groupVersion], "preferredVersion": groupVersion]
    }

    private func resourceList(group: String, version: String) -> SimulatedJSON {
        var resources: [SimulatedJSON] = []
        for resource in ResourceType.all where resource.group == group && resource.version == version {
            var entry: [String: SimulatedJSON] = [
                "name": .string(resource.plural), "singularName": .string(resource.singular), "namespaced": .bool(resource.namespaced),
                "kind": .string(resource.kind), "verbs": .array(resource.verbs.map(SimulatedJSON.string)),
                "storageVersionHash": .string(String(FakeDigest.hex(of: resource.id).prefix(11))),
            ]
            if !resource.shortNames.isEmpty { entry["shortNames"] = .array(resource.shortNames.map(SimulatedJSON.string)) }
            if !resource.categories.isEmpty { entry["categories"] = .array(resource.categories.map(SimulatedJSON.string)) }
            resources.append(.object(entry))
            if resource == .pods {
                resources.append(["name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get"]])
            }
            if resource.systemOwnedStatus {
                resources.append(["name": .string("\(resource.plural)/status"), "singularName": "", "namespaced": .bool(resource.namespaced),
                                  "kind": .string(resource.kind), "verbs": ["get", "patch", "update"]])
            }
        }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
                "resources": .array(resources)]
    }

    /// A two-document-style OpenAPI v3 stub: each resource's PATCH operation declares the
    /// `fieldValidation` query parameter, which is all kubectl ≥ 1.29 checks before it lets the
    /// server validate (`supportsQueryParamV3`).
    private func openAPIStub(_ resources: [ResourceType]) -> SimulatedJSON {
        var paths: [String: SimulatedJSON] = [:]
        for resource in resources {
            let prefix = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
            let path = resource.namespaced ? "\(prefix)/namespaces/{namespace}/\(resource.plural)/{name}" : "\(prefix)/\(resource.plural)/{name}"
            paths[path] = [
                "patch": [
                    "x-kubernetes-group-version-kind": ["group": .string(resource.group), "version": .string(resource.version), "kind": .string(resource.kind)],
                    "parameters": [["name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true]]],
                    "responses": [:],
                ],
            ]
        }
        return ["openapi": "3.0.0", "info": ["title": "Kubernetes", "version": .string(configuration.kubernetesVersion)],
                "paths": .object(paths), "components": ["schemas": [:]]]
    }
}
