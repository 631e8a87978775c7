/// The parts of a (init) container spec the kubelet acts on.
struct ContainerSpec: Sendable {
    /// One `volumeMounts` entry.
    struct Mount: Sendable, Hashable {
        var name: String
        var mountPath: String
        var readOnly: Bool
        var subPath: String?
    }

    var name: String
    var image: String
    var command: [String]?
    var args: [String]?
    var workingDir: String?
    var env: [SimulatedJSON]
    var envFrom: [SimulatedJSON]
    var mounts: [Mount]
    /// `spec.initContainers[i].restartPolicy: Always` (a native sidecar).
    var isSidecar: Bool
    var isInit: Bool
    var index: Int
    /// `terminationMessagePath` (empty: none).
    var terminationMessagePath: String
    /// `terminationMessagePolicy: FallbackToLogsOnError`.
    var fallsBackToLogs: Bool

    init(_ json: SimulatedJSON, index: Int, isInit: Bool) {
        name = json["name"]?.stringValue ?? ""
        image = json["image"]?.stringValue ?? ""
        command = json["command"]?.arrayValue?.compactMap(\.stringValue)
        args = json["args"]?.arrayValue?.compactMap(\.stringValue)
        workingDir = json["workingDir"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        env = json["env"]?.arrayValue ?? []
        envFrom = json["envFrom"]?.arrayValue ?? []
        mounts = (json["volumeMounts"]?.arrayValue ?? []).map {
            Mount(name: $0["name"]?.stringValue ?? "", mountPath: $0["mountPath"]?.stringValue ?? "",
                  readOnly: $0["readOnly"]?.boolValue ?? false,
                  subPath: $0["subPath"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
        }
        isSidecar = isInit && json["restartPolicy"]?.stringValue == "Always"
        self.isInit = isInit
        self.index = index
        terminationMessagePath = json["terminationMessagePath"]?.stringValue ?? "/dev/termination-log"
        fallsBackToLogs = json["terminationMessagePolicy"]?.stringValue == "FallbackToLogsOnError"
    }

    /// `spec.containers{build}` / `spec.initContainers{prepare}`, the events' field path.
    var fieldPath: String { isInit ? "spec.initContainers{\(name)}" : "spec.containers{\(name)}" }
}
