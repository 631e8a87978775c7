extension KubernetesAPI {
    /// `PUT` of an object or its `status`: optimistic concurrency on `metadata.resourceVersion`
    /// (409 Conflict), create-on-update where the resource allows it, system-owned status kept.
    func update(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        guard target.resource.verbs.contains("update") else { throw .methodNotAllowed }
        let namespace = try writeNamespace(target)
        let (body, warnings) = try decodeBody(request, resource: target.resource)
        try checkIdentity(body, target: target)
        let dryRun = try isDryRun(request)
        if cluster.read({ $0.object(target.key) }) == nil {
            guard target.resource.allowsCreateOnUpdate, target.subresource == nil else {
                throw .notFound(target.resource, name: target.name ?? "")
            }
            if let version = body.string(at: ["metadata", "resourceVersion"]), !version.isEmpty {
                throw .notFound(target.resource, name: target.name ?? "")
            }
            var object = body
            object.setValue(.string(target.name ?? ""), at: ["metadata", "name"])
            return json(201, try createObject(object, resource: target.resource, namespace: namespace, dryRun: dryRun), warnings: warnings)
        }
        let updated = try replace(target, dryRun: dryRun) { (current: SimulatedJSON) throws(KubernetesAPIError) -> SimulatedJSON in
            if let version = body.string(at: ["metadata", "resourceVersion"]), !version.isEmpty,
               version != current.string(at: ["metadata", "resourceVersion"]) {
                throw .modified(target.resource, name: target.name ?? "")
            }
            return body
        }
        return json(200, updated, warnings: warnings)
    }

    /// `PATCH` with `application/merge-patch+json`, `application/strategic-merge-patch+json`
    /// (applied as a merge patch) or `application/json-patch+json`. A `resourceVersion` in the
    /// patch is a precondition.
    func patch(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        guard target.resource.verbs.contains("patch") else { throw .methodNotAllowed }
        let contentType = (request.headers["Content-Type"] ?? "").split(separator: ";").first.map { $0.withoutSurroundingWhitespace.lowercased() } ?? ""
        let isJSONPatch: Bool
        switch contentType {
        case "application/merge-patch+json", "application/strategic-merge-patch+json": isJSONPatch = false
        case "application/json-patch+json": isJSONPatch = true
        default: throw .unsupportedMediaType(contentType)
        }
        let patchDocument: SimulatedJSON
        do {
            patchDocument = try SimulatedJSON(parsing: request.body)
        } catch {
            throw .badRequest("error decoding patch: \(error)")
        }
        if !isJSONPatch, patchDocument.objectValue == nil {
            throw .badRequest("json: cannot unmarshal \(patchDocument.jsonTypeName) into Go value of type map[string]interface {}")
        }
        let dryRun = try isDryRun(request)
        var warnings: [String] = []
        let updated = try replace(target, dryRun: dryRun) { (current: SimulatedJSON) throws(KubernetesAPIError) -> SimulatedJSON in
            let currentVersion = current.string(at: ["metadata", "resourceVersion"])
            var patched: SimulatedJSON
            if isJSONPatch {
                do throws(JSONPatch.Failure) {
                    patched = try JSONPatch.apply(patchDocument, to: current)
                } catch {
                    throw KubernetesAPIError(code: 422, reason: "Invalid", message: error.message)
                }
                if let version = patched.string(at: ["metadata", "resourceVersion"]), version != currentVersion {
                    throw .modified(target.resource, name: target.name ?? "")
                }
            } else {
                if let version = patchDocument.string(at: ["metadata", "resourceVersion"]), version != currentVersion {
                    throw .modified(target.resource, name: target.name ?? "")
                }
                patched = MergePatch.apply(patchDocument, to: current)
            }
            let (checked, unknown) = try checkFields(patched, resource: target.resource, request: request)
            warnings = unknown
            return checked
        }
        return json(200, updated, warnings: warnings)
    }

    /// Replaces the object with `compute(current)` after status handling, defaulting and
    /// update validation.
    private func replace(
        _ target: ResourceRequest,
        dryRun: Bool,
        _ compute: (SimulatedJSON) throws(KubernetesAPIError) -> SimulatedJSON
    ) throws(KubernetesAPIError) -> SimulatedJSON {
        let resource = target.resource
        func transform(_ current: SimulatedJSON) throws(KubernetesAPIError) -> SimulatedJSON {
            var next = try compute(current)
            if target.subresource == "status" {
                var onlyStatus = current
                onlyStatus.setValue(next.value(at: ["status"]), at: ["status"])
                next = onlyStatus
            } else if resource.systemOwnedStatus {
                next.setValue(current.value(at: ["status"]), at: ["status"])
            }
            ObjectDefaults.apply(&next, resource: resource, serviceAccountVolumes: false, isCreate: false)
            for field in ["name", "namespace", "uid", "creationTimestamp"] {
                next.setValue(current.value(at: ["metadata", field]), at: ["metadata", field])
            }
            let causes = ObjectValidation.validateUpdate(next, old: current, resource: resource)
            if !causes.isEmpty { throw .invalid(resource, name: target.name ?? "", causes: causes) }
            return next
        }
        if dryRun {
            guard let current = cluster.read({ $0.object(target.key) }) else { throw .notFound(resource, name: target.name ?? "") }
            return try transform(current)
        }
        return try cluster.update(resource, key: target.key, transform: transform)
    }
}
