import Foundation

extension KubernetesAPI {
    /// `GET` of one object (or its `status` subresource, which is the whole object).
    func get(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        let format = try format(request)
        guard let object = cluster.read({ $0.object(target.key) }) else { throw .notFound(target.resource, name: target.name ?? "") }
        if format == .table {
            return json(200, TableRenderer.table([object], resource: target.resource,
                                                 resourceVersion: object.string(at: ["metadata", "resourceVersion"]) ?? ""))
        }
        return json(200, object)
    }

    /// Parsed label and field selectors of a request.
    func filter(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) throws(KubernetesAPIError) -> WatchFilter {
        let labels = try LabelSelector(parsing: request.queryValue("labelSelector") ?? "")
        let fields = try FieldSelector(parsing: request.queryValue("fieldSelector") ?? "", for: target.resource)
        return WatchFilter(resource: target.resource, namespace: target.resource.namespaced ? target.namespace : nil,
                           labels: labels, fields: fields)
    }

    /// Waits up to 3 s for the store to reach `version` (the watch cache's "too large resource
    /// version" wait); throws 504 when it does not.
    func waitForVersion(_ version: Int64) async throws(KubernetesAPIError) {
        let deadline = ContinuousClock.now + .seconds(3)
        while true {
            let generation = cluster.changes.generation
            let current = cluster.read { $0.resourceVersion }
            if current >= version { return }
            if ContinuousClock.now >= deadline || Task.isCancelled {
                throw .timeout("Too large resource version: \(version), current: \(current)")
            }
            _ = await cluster.changes.wait(after: generation, until: deadline)
        }
    }

    /// `GET` of a collection: selectors, `resourceVersion`/`resourceVersionMatch` semantics,
    /// `limit`/`continue` pagination (consistent at the first page's resourceVersion, 410 once
    /// that is compacted), tables.
    func list(_ request: SimulatorHTTPRequest, _ target: ResourceRequest) async throws(KubernetesAPIError) -> SimulatorHTTPResponse {
        guard target.resource.verbs.contains("list") else { throw .methodNotAllowed }
        let format = try format(request)
        let filter = try filter(request, target)
        let requestedVersion = request.queryValue("resourceVersion").flatMap { $0.isEmpty ? nil : $0 }
        let match = request.queryValue("resourceVersionMatch").flatMap { $0.isEmpty ? nil : $0 }
        var limit = Int(request.queryValue("limit") ?? "") ?? 0
        if let match {
            guard requestedVersion != nil else {
                throw .badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")
            }
            guard match == "Exact" || match == "NotOlderThan" else {
                throw .badRequest("resourceVersionMatch: Unsupported value: \"\(match)\": supported values: \"Exact\", \"NotOlderThan\"")
            }
            if match == "Exact", requestedVersion == "0" {
                throw .badRequest("resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"")
            }
        }
        var version: Int64?
        var start: String?
        if let token = request.queryValue("continue"), !token.isEmpty {
            guard let data = Data(base64Encoded: token.padding(toLength: ((token.count + 3) / 4) * 4, withPad: "=", startingAt: 0)),
                  let decoded = try? SimulatedJSON(parsing: Array(data)),
                  let tokenVersion = decoded["rv"]?.intValue, let tokenStart = decoded["start"]?.stringValue
            else { throw .badRequest("continue key is not valid: illegal base64 data") }
            version = tokenVersion
            start = tokenStart
        } else if let requestedVersion {
            guard let number = Int64(requestedVersion) else {
                throw .badRequest("resourceVersion: Invalid value: \"\(requestedVersion)\": strconv.ParseUint: parsing \"\(requestedVersion)\": invalid syntax")
            }
            if match == "Exact" {
                try await waitForVersion(number)
                version = number
            } else if number != 0 {
                try await waitForVersion(number)
            } else {
                limit = 0 // served from the watch cache, which ignores limit
            }
        }
        let result = cluster.read { store -> (items: [(key: ObjectKey, object: SimulatedJSON)], version: Int64, floor: Int64)? in
            if let version {
                guard let snapshot = store.snapshot(at: version) else { return nil }
                let items = snapshot.filter { filter.selects($0.key, $0.value) }.sorted { $0.key < $1.key }.map { (key: $0.key, object: $0.value) }
                return (items, version, store.compactedThrough)
            }
            return (store.items(filter), store.resourceVersion, store.compactedThrough)
        }
        guard let result else {
            if start != nil {
                throw .expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
            }
            let floor = cluster.read { $0.compactedThrough }
            throw .expired("too old resource version: \(version ?? 0) (\(floor + 1))")
        }
        var items = result.items
        if let start {
            items = items.filter { Self.continueKey($0.key) > start }
        }
        var metadata: [String: SimulatedJSON] = ["resourceVersion": .string(String(result.version))]
        if limit > 0, items.count > limit {
            let remaining = items.count - limit
            items = Array(items.prefix(limit))
            let token: SimulatedJSON = ["v": "meta.k8s.io/v1", "rv": .int(result.version), "start": .string(Self.continueKey(items.last!.key))]
            metadata["continue"] = .string(Data(token.encoded).base64EncodedString())
            metadata["remainingItemCount"] = .int(Int64(remaining))
        }
        let objects = items.map(\.object)
        if format == .table {
            var table = TableRenderer.table(objects, resource: target.resource, resourceVersion: String(result.version))
            table.setValue(.object(metadata), at: ["metadata"])
            return json(200, table)
        }
        let listItems: [SimulatedJSON] = objects.map { object in
            var item = object
            item["kind"] = nil
            item["apiVersion"] = nil
            return item
        }
        return json(200, [
            "kind": .string(target.resource.listKind), "apiVersion": .string(target.resource.apiVersion),
            "metadata": .object(metadata), "items": .array(listItems),
        ])
    }

    /// The position a continue token resumes after.
    static func continueKey(_ key: ObjectKey) -> String {
        key.namespace + "/" + key.name + "\u{0}"
    }
}
