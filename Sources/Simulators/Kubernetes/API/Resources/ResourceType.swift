/// A resource the simulated API server serves, with the traits that change its REST semantics.
struct ResourceType: Sendable, Hashable {
    /// API group (`""` for the core group).
    var group: String
    /// Version within the group (`v1`).
    var version: String
    /// Plural resource name used in paths (`pods`).
    var plural: String
    /// Singular name for discovery (`pod`).
    var singular: String
    /// Kind (`Pod`).
    var kind: String
    /// Whether objects live in a namespace.
    var namespaced: Bool
    /// Verbs advertised in discovery.
    var verbs: [String]
    /// Short names advertised in discovery.
    var shortNames: [String] = []
    /// Categories advertised in discovery.
    var categories: [String] = []
    /// DELETE answers with the object (pods) instead of a `Status` of kind Success.
    var returnsDeletedObject = false
    /// PUT to a missing object creates it (leases, events).
    var allowsCreateOnUpdate = false
    /// `status` is owned by the system: writes through the main resource keep the stored status.
    var systemOwnedStatus = false
    /// `metadata.generation` starts at 1 and grows on every spec change.
    var tracksGeneration = false
    /// Field selector labels beyond `metadata.name` and `metadata.namespace`.
    var extraFieldLabels: [String] = []

    /// `v1` or `group/v1`.
    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// `pods` or `leases.coordination.k8s.io`, as used in error messages.
    var qualifiedPlural: String { group.isEmpty ? plural : "\(plural).\(group)" }
    /// `Pod` or `Lease.coordination.k8s.io`, as used in validation messages.
    var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }
    /// `PodList`.
    var listKind: String { kind + "List" }
    /// Stable identifier used as part of store keys.
    var id: String { qualifiedPlural }
    /// Every field selector label the resource supports.
    var fieldLabels: [String] { ["metadata.name", "metadata.namespace"] + extraFieldLabels }

    private static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    static let pods = ResourceType(
        group: "", version: "v1", plural: "pods", singular: "pod", kind: "Pod", namespaced: true,
        verbs: allVerbs, shortNames: ["po"], categories: ["all"], returnsDeletedObject: true, systemOwnedStatus: true,
        extraFieldLabels: ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                           "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"])
    static let secrets = ResourceType(
        group: "", version: "v1", plural: "secrets", singular: "secret", kind: "Secret", namespaced: true,
        verbs: allVerbs, extraFieldLabels: ["type"])
    static let configMaps = ResourceType(
        group: "", version: "v1", plural: "configmaps", singular: "configmap", kind: "ConfigMap", namespaced: true,
        verbs: allVerbs, shortNames: ["cm"])
    static let serviceAccounts = ResourceType(
        group: "", version: "v1", plural: "serviceaccounts", singular: "serviceaccount", kind: "ServiceAccount", namespaced: true,
        verbs: allVerbs, shortNames: ["sa"])
    static let events = ResourceType(
        group: "", version: "v1", plural: "events", singular: "event", kind: "Event", namespaced: true,
        verbs: allVerbs, shortNames: ["ev"], allowsCreateOnUpdate: true,
        extraFieldLabels: ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                           "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                           "reason", "reportingComponent", "source", "type"])
    static let namespaces = ResourceType(
        group: "", version: "v1", plural: "namespaces", singular: "namespace", kind: "Namespace", namespaced: false,
        verbs: ["create", "get", "list", "patch", "update", "watch"], shortNames: ["ns"], systemOwnedStatus: true,
        extraFieldLabels: ["status.phase"])
    static let leases = ResourceType(
        group: "coordination.k8s.io", version: "v1", plural: "leases", singular: "lease", kind: "Lease", namespaced: true,
        verbs: allVerbs, allowsCreateOnUpdate: true)
    static let deployments = ResourceType(
        group: "apps", version: "v1", plural: "deployments", singular: "deployment", kind: "Deployment", namespaced: true,
        verbs: allVerbs, shortNames: ["deploy"], categories: ["all"], systemOwnedStatus: true, tracksGeneration: true)

    /// Every served resource.
    static let all: [ResourceType] = [.pods, .secrets, .configMaps, .serviceAccounts, .events, .namespaces, .leases, .deployments]

    /// Finds a served resource by group, version and plural.
    static func find(group: String, version: String, plural: String) -> ResourceType? {
        all.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    /// Finds a served resource by `apiVersion` and kind (for owner references).
    static func find(apiVersion: String, kind: String) -> ResourceType? {
        all.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }
}
