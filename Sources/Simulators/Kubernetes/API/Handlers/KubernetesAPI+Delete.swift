extension KubernetesAPI {
    /// Reads `DeleteOptions` from the query and then the body (the body wins).
    func deleteOptions(_ request: SimulatorHTTPRequest) throws(KubernetesAPIError) -> DeleteOptions {
        var options = DeleteOptions()
        func apply(grace: SimulatedJSON?, propagation: SimulatedJSON?, orphan: SimulatedJSON?) throws(KubernetesAPIError) {
            if let grace, !grace.isNull {
                guard let seconds = grace.intValue ?? grace.stringValue.flatMap({ Int64($0) }) else {
                    throw .badRequest("gracePeriodSeconds: invalid value")
                }
                options.gracePeriodSeconds = seconds
            }
            if let propagation, let text = propagation.stringValue {
                guard let policy = DeleteOptions.Propagation(rawValue: text) else {
                    throw KubernetesAPIError(code: 422, reason: "Invalid",
                                             message: "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"\(text)\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")
                }
                options.propagation = policy
            }
            if let orphan, let flag = orphan.boolValue ?? orphan.stringValue.map({ $0 == "true" }) {
                options.propagation = flag ? .orphan : .background
            }
        }
        try apply(grace: request.queryValue("gracePeriodSeconds").map(SimulatedJSON.string),
                  propagation: request.queryValue("propagationPolicy").map(SimulatedJSON.string),
                  orphan: request.queryValue("orphanDependents").map(SimulatedJSON.string))
        options.dryRun = try isDryRun(request)
        if !request.body.isEmpty {
            let body: SimulatedJSON
            do {
                body = try SimulatedJSON(parsing: request.body)
            } catch {
                throw .badRequest("couldn't get version/kind; json parse error: \(error)")
            }
            try apply(grace: body["gracePeriodSeconds"], propagation: body["propagationPolicy"], orphan: body["orphanDependents"])
            if let preconditions = body["preconditions"] {
                options.preconditionUID = preconditions["uid"]?.stringValue
                options.preconditionResourceVersion = preconditions["resourceVersion"]?.stringValue
            }
            if let dryRun = body["dryRun"]?.arrayValue, dryRun.contains("All") { options.dryRun = true }
        }
        return options
    }

    /// `DELETE` of one object. Pods answer with the object (carrying `deletionTimestamp` while
    /// they terminate); other resources with a `Status` of kind Success once removed.
    func delete(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        let options = try deleteOptions(request)
        let outcome = try cluster.delete(target.resource, key: target.key, options: options)
        return json(200, deleteAnswer(outcome, resource: target.resource))
    }

    private func deleteAnswer(_ outcome: DeleteOutcome, resource: ResourceType) -> SimulatedJSON {
        switch outcome {
        case .pending(let object):
            return object
        case .removed(let object):
            if resource.returnsDeletedObject { return object }
            var details: [String: SimulatedJSON] = ["name": .string(object.metadataName), "kind": .string(resource.plural),
                                                    "uid": .string(object.metadataUID)]
            if !resource.group.isEmpty { details["group"] = .string(resource.group) }
            return ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": .object(details)]
        }
    }

    /// `DELETE` of a collection (with selectors): deletes each object and answers with the
    /// list of what was deleted.
    func deleteCollection(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        let options = try deleteOptions(request)
        let filter = try filter(request, target)
        let keys = cluster.read { $0.items(filter).map(\.key) }
        var deleted: [SimulatedJSON] = []
        for key in keys {
            guard let outcome = try? cluster.delete(target.resource, key: key, options: options) else { continue }
            switch outcome {
            case .pending(var object), .removed(var object):
                object["kind"] = nil
                object["apiVersion"] = nil
                deleted.append(object)
            }
        }
        return json(200, [
            "kind": .string(target.resource.listKind), "apiVersion": .string(target.resource.apiVersion),
            "metadata": ["resourceVersion": .string(String(cluster.read { $0.resourceVersion }))], "items": .array(deleted),
        ])
    }
}
