extension KubernetesAPI {
    /// `POST` to a collection.
    func create(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        guard target.resource.verbs.contains("create") else { throw .methodNotAllowed }
        let namespace = try writeNamespace(target)
        let (object, warnings) = try decodeBody(request, resource: target.resource)
        try checkIdentity(object, target: target)
        let created = try createObject(object, resource: target.resource, namespace: namespace, dryRun: try isDryRun(request))
        return json(201, created, warnings: warnings)
    }

    /// Defaults, validates, admits and stores a decoded object (shared with the Swift API).
    func createObject(_ object: SimulatedJSON, resource: ResourceType, namespace: String, dryRun: Bool) throws(KubernetesAPIError) -> SimulatedJSON {
        var object = object
        ObjectDefaults.apply(&object, resource: resource, serviceAccountVolumes: configuration.serviceAccountTokenVolumes, isCreate: true)
        let causes = ObjectValidation.validateCreate(object, resource: resource)
        if !causes.isEmpty { throw .invalid(resource, name: object.metadataName, causes: causes) }
        if resource == .pods {
            let account = object.string(at: ["spec", "serviceAccountName"]) ?? "default"
            if cluster.namespaceExists(namespace),
               cluster.read({ $0.object(ObjectKey(.serviceAccounts, namespace: namespace, name: account)) }) == nil {
                let name = object.metadataName.isEmpty ? (object.string(at: ["metadata", "generateName"]) ?? "") : object.metadataName
                throw .forbidden("pods \"\(name)\" is forbidden: error looking up service account \(namespace)/\(account): serviceaccount \"\(account)\" not found",
                                 resource: .pods, name: name)
            }
        }
        return try cluster.create(object, resource: resource, namespace: namespace, dryRun: dryRun)
    }
}
