extension KubernetesSimulator {
    static func resource(named plural: String) throws(KubernetesSimulatorError) -> ResourceType {
        guard let resource = ResourceType.all.first(where: { $0.plural == plural || $0.qualifiedPlural == plural }) else {
            throw .invalid("unknown resource \"\(plural)\" (served: \(ResourceType.all.map(\.plural).joined(separator: ", ")))")
        }
        return resource
    }

    /// The stored object, e.g. `object("leases", name: "flywheel", namespace: "ci")`.
    /// `namespace` is ignored for cluster-scoped resources (`namespaces`).
    public func object(_ resource: String, name: String, namespace: String = "default") -> SimulatedJSON? {
        guard let type = try? Self.resource(named: resource) else { return nil }
        return cluster.read { $0.object(ObjectKey(type, namespace: namespace, name: name)) }
    }

    /// Stored objects of a resource, sorted by namespace and name; every namespace when
    /// `namespace` is `nil`.
    public func objects(_ resource: String, namespace: String? = nil) -> [SimulatedJSON] {
        guard let type = try? Self.resource(named: resource) else { return [] }
        let filter = WatchFilter(resource: type, namespace: namespace, labels: .everything, fields: .everything)
        return cluster.read { $0.items(filter).map(\.object) }
    }

    /// The pod `name`.
    public func pod(_ name: String, namespace: String = "default") -> SimulatedJSON? {
        object("pods", name: name, namespace: namespace)
    }

    /// Creates an object as a POST would (defaults, validation, admission); the resource comes
    /// from the object's `apiVersion` and `kind`.
    @discardableResult
    public func create(_ object: SimulatedJSON, namespace: String = "default") throws(KubernetesSimulatorError) -> SimulatedJSON {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue,
              let resource = ResourceType.find(apiVersion: apiVersion, kind: kind)
        else { throw .invalid("the object needs an apiVersion and kind the simulator serves") }
        var pruned = SchemaCheck()
        let clean = pruned.prune(object, KnownFields.schema(for: resource))
        if let typeError = pruned.typeError { throw .invalid(typeError) }
        do {
            return try api.createObject(clean, resource: resource, namespace: resource.namespaced ? namespace : "", dryRun: false)
        } catch {
            throw .api(code: error.code, reason: error.reason, message: error.message)
        }
    }

    /// Creates a namespace (with its `default` ServiceAccount and `kube-root-ca.crt`).
    public func createNamespace(_ name: String) {
        cluster.mutate { KubernetesCluster.bootstrapNamespace(name, caPEM: cluster.caPEM, in: &$0) }
    }

    /// Deletes an object as a DELETE would.
    public func delete(_ resource: String, name: String, namespace: String = "default",
                       gracePeriodSeconds: Int64? = nil) throws(KubernetesSimulatorError) {
        let type = try Self.resource(named: resource)
        do {
            _ = try cluster.delete(type, key: ObjectKey(type, namespace: namespace, name: name),
                                   options: DeleteOptions(gracePeriodSeconds: gracePeriodSeconds))
        } catch {
            throw .api(code: error.code, reason: error.reason, message: error.message)
        }
    }

    /// The log of a container as `kubectl logs` prints it (`timestamps` adds the RFC 3339
    /// stamps); `nil` when the pod has no such container.
    public func logs(pod: String, namespace: String = "default", container: String? = nil, timestamps: Bool = false) -> String? {
        guard let object = self.pod(pod, namespace: namespace) else { return nil }
        let name = container ?? object.array(at: ["spec", "containers"]).first?["name"]?.stringValue ?? ""
        guard let log = kubelet.log(podUID: object.metadataUID, container: name) else { return nil }
        var text = ""
        for entry in log.allEntries {
            if timestamps { text += entry.time.rfc3339Nano + " " }
            text += String(decoding: entry.bytes, as: UTF8.self)
        }
        return text
    }

    /// The current (latest) resourceVersion.
    public var resourceVersion: String { String(cluster.read { $0.resourceVersion }) }

    /// Watches and exact reads below this resourceVersion answer 410.
    public var compactedResourceVersion: String { String(cluster.read { $0.compactedThrough }) }

    /// Number of open watch streams.
    public var openWatchCount: Int { cluster.read { $0.openWatchCount } }
}
