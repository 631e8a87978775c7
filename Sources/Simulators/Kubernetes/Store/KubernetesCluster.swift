import Foundation
import Synchronization

/// The simulated control plane's state: the store behind one `Mutex`, a change signal for
/// waiters, and the object-level operations (create, update, delete with grace and
/// finalizers, garbage collection) shared by the REST layer, the kubelet and the Swift API.
final class KubernetesCluster: Sendable {
    let configuration: KubernetesSimulatorConfiguration
    let store: Mutex<ClusterStore>
    let changes = ChangeSignal()
    /// Pods whose kubelet has finished terminating them (removal may still wait for finalizers).
    private let terminatedPods = Mutex<Set<String>>([])
    /// Recorded events by aggregation key (object uid, reason, message, field path).
    let eventIndex = Mutex<[String: ObjectKey]>([:])
    /// PEM text of the CA that signed the serving certificate (empty without TLS).
    let caPEM: String

    init(configuration: KubernetesSimulatorConfiguration) {
        self.configuration = configuration
        self.store = Mutex(ClusterStore(
            initialResourceVersion: configuration.initialResourceVersion,
            historyLimit: configuration.historyLimit,
            historyRetention: configuration.historyRetention))
        if let file = configuration.tls?.caFile, let text = try? String(contentsOfFile: file, encoding: .utf8) {
            caPEM = text
        } else {
            caPEM = ""
        }
        var names = ["default", "kube-system", "kube-public", "kube-node-lease"]
        for name in configuration.namespaces where !names.contains(name) { names.append(name) }
        store.withLock { store in
            for name in names { Self.bootstrapNamespace(name, caPEM: caPEM, in: &store) }
        }
    }

    /// Reads the store.
    func read<T>(_ body: (ClusterStore) -> T) -> T {
        store.withLock { body($0) }
    }

    /// Changes the store and wakes waiters afterwards.
    func mutate<T, E: Error>(_ body: (inout ClusterStore) throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = store.withLock { store in
            do throws(E) {
                return .success(try body(&store))
            } catch {
                return .failure(error)
            }
        }
        changes.notify()
        return try result.get()
    }

    // MARK: Namespaces

    /// Creates a namespace with its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap,
    /// as the namespace controllers of a real cluster do.
    static func bootstrapNamespace(_ name: String, caPEM: String, in store: inout ClusterStore) {
        let key = ObjectKey(.namespaces, namespace: "", name: name)
        guard store.object(key) == nil else { return }
        store.write([
            "kind": "Namespace", "apiVersion": "v1",
            "metadata": ["name": .string(name), "uid": .string(UUID().uuidString.lowercased()),
                         "creationTimestamp": .string(KubeTime.now().rfc3339),
                         "labels": ["kubernetes.io/metadata.name": .string(name)]],
            "spec": ["finalizers": ["kubernetes"]],
            "status": ["phase": "Active"],
        ], at: key)
        bootstrapNamespaceContents(name, caPEM: caPEM, in: &store)
    }

    /// The `default` ServiceAccount and `kube-root-ca.crt` ConfigMap of a new namespace.
    static func bootstrapNamespaceContents(_ name: String, caPEM: String, in store: inout ClusterStore) {
        let now = KubeTime.now().rfc3339
        store.write([
            "kind": "ServiceAccount", "apiVersion": "v1",
            "metadata": ["name": "default", "namespace": .string(name), "uid": .string(UUID().uuidString.lowercased()),
                         "creationTimestamp": .string(now)],
        ], at: ObjectKey(.serviceAccounts, namespace: name, name: "default"))
        store.write([
            "kind": "ConfigMap", "apiVersion": "v1",
            "metadata": ["name": "kube-root-ca.crt", "namespace": .string(name), "uid": .string(UUID().uuidString.lowercased()),
                         "creationTimestamp": .string(now),
                         "annotations": ["kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."]],
            "data": ["ca.crt": .string(caPEM)],
        ], at: ObjectKey(.configMaps, namespace: name, name: "kube-root-ca.crt"))
    }

    /// Whether `namespace` exists.
    func namespaceExists(_ namespace: String) -> Bool {
        read { $0.object(ObjectKey(.namespaces, namespace: "", name: namespace)) != nil }
    }

    // MARK: Create

    /// Stores a new, already validated and defaulted object. Resolves `generateName`, assigns
    /// uid, creationTimestamp and (where tracked) generation. With `dryRun` nothing is stored.
    func create(_ object: SimulatedJSON, resource: ResourceType, namespace: String, dryRun: Bool) throws(KubernetesAPIError) -> SimulatedJSON {
        let created = try mutate { (store: inout ClusterStore) throws(KubernetesAPIError) -> SimulatedJSON in
            if resource.namespaced, store.object(ObjectKey(.namespaces, namespace: "", name: namespace)) == nil {
                throw .namespaceNotFound(namespace)
            }
            var object = object
            var name = object.metadataName
            if name.isEmpty, let prefix = object.string(at: ["metadata", "generateName"]) {
                repeat {
                    name = prefix + Self.randomSuffix(5)
                } while store.object(ObjectKey(resource, namespace: namespace, name: name)) != nil
                object.setValue(.string(name), at: ["metadata", "name"])
            }
            let key = ObjectKey(resource, namespace: namespace, name: name)
            if store.object(key) != nil { throw .alreadyExists(resource, name: name) }
            if resource.namespaced { object.setValue(.string(namespace), at: ["metadata", "namespace"]) }
            object.setValue(.string(UUID().uuidString.lowercased()), at: ["metadata", "uid"])
            object.setValue(.string(KubeTime.now().rfc3339), at: ["metadata", "creationTimestamp"])
            if resource.tracksGeneration { object.setValue(.int(1), at: ["metadata", "generation"]) }
            for field in ["deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields"] {
                object.setValue(nil, at: ["metadata", field])
            }
            object.setValue(.string(resource.kind), at: ["kind"])
            object.setValue(.string(resource.apiVersion), at: ["apiVersion"])
            if dryRun {
                object.setValue(nil, at: ["metadata", "resourceVersion"])
                return object
            }
            let stored = store.write(object, at: key)
            if resource == .namespaces { Self.bootstrapNamespaceContents(name, caPEM: caPEM, in: &store) }
            return stored
        }
        if !dryRun { collectIfOrphaned(ObjectKey(resource, namespace: namespace, name: created.metadataName)) }
        return created
    }

    /// Lowercase alphanumerics as `generateName` suffixes use (no vowels, like apiserver's).
    static func randomSuffix(_ length: Int) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<length).map { _ in alphabet.randomElement()! })
    }

    // MARK: Update

    /// Replaces the object at `key` with `transform(current)`. The transform validates and may
    /// throw. An unchanged object is not written (no new resourceVersion, no event), as the API
    /// server short-circuits no-op updates. Removing the last finalizer of an object being
    /// deleted removes it.
    func update(
        _ resource: ResourceType,
        key: ObjectKey,
        transform: (SimulatedJSON) throws(KubernetesAPIError) -> SimulatedJSON
    ) throws(KubernetesAPIError) -> SimulatedJSON {
        let result = try mutate { (store: inout ClusterStore) throws(KubernetesAPIError) -> SimulatedJSON in
            guard let current = store.object(key) else { throw .notFound(resource, name: key.name) }
            var next = try transform(current)
            for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name"] {
                next.setValue(current.value(at: ["metadata", field]), at: ["metadata", field])
            }
            next.setValue(.string(resource.kind), at: ["kind"])
            next.setValue(.string(resource.apiVersion), at: ["apiVersion"])
            if resource.tracksGeneration {
                let generation = current.int(at: ["metadata", "generation"]) ?? 1
                let changed = next.value(at: ["spec"]) != current.value(at: ["spec"])
                next.setValue(.int(changed ? generation + 1 : generation), at: ["metadata", "generation"])
            }
            var comparable = next
            comparable.setValue(current.value(at: ["metadata", "resourceVersion"]), at: ["metadata", "resourceVersion"])
            if comparable == current { return current }
            let stored = store.write(next, at: key)
            if stored.value(at: ["metadata", "deletionTimestamp"]) != nil,
               stored.array(at: ["metadata", "finalizers"]).isEmpty,
               key.resource != ResourceType.pods.id || terminatedPods.withLock({ $0.contains(stored.metadataUID) }) {
                return remove(key, in: &store, propagation: .background) ?? stored
            }
            return stored
        }
        collectIfOrphaned(key)
        return result
    }

    /// Writes the `status` (and optionally `spec.nodeName`) of the pod with `uid` on behalf of
    /// the kubelet; returns the stored pod, or `nil` when it no longer exists.
    @discardableResult
    func updatePodStatus(uid: String, nodeName: String? = nil, _ mutateStatus: (inout SimulatedJSON) -> Void) -> SimulatedJSON? {
        mutate { store -> SimulatedJSON? in
            guard let key = store.key(forUID: uid), var pod = store.object(key) else { return nil }
            var status = pod.value(at: ["status"]) ?? [:]
            mutateStatus(&status)
            let before = pod
            pod.setValue(status, at: ["status"])
            if let nodeName { pod.setValue(.string(nodeName), at: ["spec", "nodeName"]) }
            if pod == before { return pod }
            return store.write(pod, at: key)
        }
    }

    // MARK: Delete

    /// Deletes the object at `key`: preconditions, pods' graceful termination (pending until
    /// the kubelet is done), finalizers, and garbage collection of dependents.
    func delete(_ resource: ResourceType, key: ObjectKey, options: DeleteOptions) throws(KubernetesAPIError) -> DeleteOutcome {
        try mutate { (store: inout ClusterStore) throws(KubernetesAPIError) -> DeleteOutcome in
            try delete(resource, key: key, options: options, in: &store)
        }
    }

    private func delete(_ resource: ResourceType, key: ObjectKey, options: DeleteOptions, in store: inout ClusterStore) throws(KubernetesAPIError) -> DeleteOutcome {
        guard var object = store.object(key) else { throw .notFound(resource, name: key.name) }
        if let uid = options.preconditionUID, uid != object.metadataUID {
            throw .conflict(resource, name: key.name,
                            "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object.metadataUID)")
        }
        if let version = options.preconditionResourceVersion, version != object.string(at: ["metadata", "resourceVersion"]) {
            throw .conflict(resource, name: key.name,
                            "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(object.string(at: ["metadata", "resourceVersion"]) ?? "")")
        }
        let propagation = options.propagation ?? .background
        var grace: Int64 = 0
        if resource == .pods {
            grace = options.gracePeriodSeconds ?? object.int(at: ["spec", "terminationGracePeriodSeconds"]) ?? 30
            let phase = object.string(at: ["status", "phase"]) ?? "Pending"
            if (object.string(at: ["spec", "nodeName"]) ?? "").isEmpty || phase == "Succeeded" || phase == "Failed" {
                grace = 0
            }
            grace = max(0, grace)
        }
        if options.dryRun {
            return .removed(object)
        }
        let finalizers = object.array(at: ["metadata", "finalizers"])
        let existingDeletion = object.string(at: ["metadata", "deletionTimestamp"])
        if existingDeletion != nil {
            // Already being deleted: a shorter grace period shortens it; otherwise nothing changes.
            if resource == .pods, grace > 0, let current = object.int(at: ["metadata", "deletionGracePeriodSeconds"]), grace < current {
                object.setValue(.string(KubeTime.now().adding(seconds: Double(grace)).rfc3339), at: ["metadata", "deletionTimestamp"])
                object.setValue(.int(grace), at: ["metadata", "deletionGracePeriodSeconds"])
                return .pending(store.write(object, at: key))
            }
            if resource == .pods, grace == 0, finalizers.isEmpty {
                return .removed(remove(key, in: &store, propagation: propagation) ?? object)
            }
            return .pending(object)
        }
        if propagation == .foreground {
            collectDependents(of: object.metadataUID, policy: .foreground, in: &store)
        } else if propagation == .orphan {
            collectDependents(of: object.metadataUID, policy: .orphan, in: &store)
        }
        if grace > 0 || !finalizers.isEmpty {
            object.setValue(.string(KubeTime.now().adding(seconds: Double(grace)).rfc3339), at: ["metadata", "deletionTimestamp"])
            object.setValue(.int(grace), at: ["metadata", "deletionGracePeriodSeconds"])
            return .pending(store.write(object, at: key))
        }
        return .removed(remove(key, in: &store, propagation: propagation) ?? object)
    }

    /// Removes the object and garbage-collects its dependents.
    private func remove(_ key: ObjectKey, in store: inout ClusterStore, propagation: DeleteOptions.Propagation) -> SimulatedJSON? {
        guard let last = store.remove(key) else { return nil }
        terminatedPods.withLock { _ = $0.remove(last.metadataUID) }
        collectDependents(of: last.metadataUID, policy: propagation == .orphan ? .orphan : .background, in: &store)
        return last
    }

    /// Called by the kubelet once a pod's containers have stopped after a graceful delete: the
    /// pod object goes away unless finalizers hold it.
    func finishPodTermination(uid: String) {
        terminatedPods.withLock { _ = $0.insert(uid) }
        mutate { store in
            guard let key = store.key(forUID: uid), let pod = store.object(key),
                  pod.value(at: ["metadata", "deletionTimestamp"]) != nil,
                  pod.array(at: ["metadata", "finalizers"]).isEmpty
            else { return }
            _ = remove(key, in: &store, propagation: .background)
        }
    }

    /// Removes the pod with `uid` at once, without a terminal status (node lost / vanished pod).
    @discardableResult
    func vanish(uid: String) -> SimulatedJSON? {
        mutate { store -> SimulatedJSON? in
            guard let key = store.key(forUID: uid) else { return nil }
            return remove(key, in: &store, propagation: .background)
        }
    }

    // MARK: Garbage collection

    private enum CollectionPolicy {
        case background, foreground, orphan
    }

    /// Deletes (or, for `orphan`, releases) every object with an ownerReference to `ownerUID`.
    /// A dependent that still has another living owner only loses the reference.
    private func collectDependents(of ownerUID: String, policy: CollectionPolicy, in store: inout ClusterStore) {
        guard !ownerUID.isEmpty else { return }
        let dependents = store.objects.filter { _, object in
            object.array(at: ["metadata", "ownerReferences"]).contains { $0["uid"]?.stringValue == ownerUID }
        }
        for (key, object) in dependents.sorted(by: { $0.key < $1.key }) {
            let references = object.array(at: ["metadata", "ownerReferences"])
            let others = references.filter { $0["uid"]?.stringValue != ownerUID }
            let ownerGone = store.key(forUID: ownerUID) == nil
            if policy == .orphan || others.contains(where: { Self.ownerIsAlive($0, in: store) }) {
                var released = object
                released.setValue(others.isEmpty ? nil : .array(others), at: ["metadata", "ownerReferences"])
                store.write(released, at: key)
                continue
            }
            guard ownerGone || policy == .foreground, let resource = ResourceType.all.first(where: { $0.id == key.resource }) else { continue }
            _ = try? delete(resource, key: key, options: DeleteOptions(propagation: .background), in: &store)
        }
    }

    /// Whether the owner a reference names exists with that uid. Owners of kinds the simulator
    /// does not serve count as alive (it cannot know better).
    private static func ownerIsAlive(_ reference: SimulatedJSON, in store: ClusterStore) -> Bool {
        guard let uid = reference["uid"]?.stringValue else { return false }
        guard let apiVersion = reference["apiVersion"]?.stringValue, let kind = reference["kind"]?.stringValue,
              ResourceType.find(apiVersion: apiVersion, kind: kind) != nil
        else { return true }
        return store.key(forUID: uid) != nil
    }

    /// Deletes the object at `key` when it has owner references and none of its owners exist,
    /// as the garbage collector does for dependents created with a dangling owner.
    func collectIfOrphaned(_ key: ObjectKey) {
        mutate { store in
            guard let object = store.object(key) else { return }
            let references = object.array(at: ["metadata", "ownerReferences"])
            guard !references.isEmpty, !references.contains(where: { Self.ownerIsAlive($0, in: store) }),
                  let resource = ResourceType.all.first(where: { $0.id == key.resource })
            else { return }
            _ = try? delete(resource, key: key, options: DeleteOptions(propagation: .background), in: &store)
        }
    }
}
