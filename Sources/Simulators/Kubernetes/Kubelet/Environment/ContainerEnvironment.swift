import Foundation

/// Builds a container's environment as the kubelet does: image environment, the API server's
/// service variables, `envFrom`, then `env` in order (with `$(VAR)` expansion against what is
/// defined so far). A missing Secret/ConfigMap or key is a `CreateContainerConfigError`.
enum ContainerEnvironment {
    /// Why the environment could not be built (the waiting message).
    struct ConfigError: Error, Sendable, Equatable {
        var message: String
    }

    static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The environment, or the configuration error.
    static func resolve(
        _ container: ContainerSpec,
        pod: SimulatedJSON,
        image: KubernetesSimulatedImage?,
        service: (host: String, port: Int),
        nodeName: String,
        store: ClusterStore
    ) throws(ConfigError) -> [String: String] {
        let namespace = pod.metadataNamespace
        var variables: [String: String] = ["PATH": defaultPath]
        for (key, value) in image?.environment ?? [:] { variables[key] = value }
        variables["HOSTNAME"] = hostname(of: pod)
        let port = String(service.port)
        variables["KUBERNETES_SERVICE_HOST"] = service.host
        variables["KUBERNETES_SERVICE_PORT"] = port
        variables["KUBERNETES_SERVICE_PORT_HTTPS"] = port
        variables["KUBERNETES_PORT"] = "tcp://\(service.host):\(port)"
        variables["KUBERNETES_PORT_\(port)_TCP"] = "tcp://\(service.host):\(port)"
        variables["KUBERNETES_PORT_\(port)_TCP_PROTO"] = "tcp"
        variables["KUBERNETES_PORT_\(port)_TCP_PORT"] = port
        variables["KUBERNETES_PORT_\(port)_TCP_ADDR"] = service.host

        func data(_ resource: ResourceType, _ name: String) -> [String: String]? {
            guard let object = store.object(ObjectKey(resource, namespace: namespace, name: name)) else { return nil }
            if resource == .secrets {
                return object.stringMap(at: ["data"]).mapValues { String(decoding: Data(base64Encoded: $0) ?? Data(), as: UTF8.self) }
            }
            var values = object.stringMap(at: ["data"])
            for (key, value) in object.stringMap(at: ["binaryData"]) {
                values[key] = String(decoding: Data(base64Encoded: value) ?? Data(), as: UTF8.self)
            }
            return values
        }

        for source in container.envFrom {
            let prefix = source["prefix"]?.stringValue ?? ""
            for (field, resource, noun) in [("configMapRef", ResourceType.configMaps, "configmap"), ("secretRef", ResourceType.secrets, "secret")] {
                guard let reference = source[field], let name = reference["name"]?.stringValue else { continue }
                guard let values = data(resource, name) else {
                    if reference["optional"]?.boolValue == true { continue }
                    throw ConfigError(message: "\(noun) \"\(name)\" not found")
                }
                for (key, value) in values.sorted(by: { $0.key < $1.key }) where LabelRules.isValidEnvironmentName(prefix + key) {
                    variables[prefix + key] = value
                }
            }
        }

        for entry in container.env {
            guard let name = entry["name"]?.stringValue else { continue }
            if let valueFrom = entry["valueFrom"] {
                if let reference = valueFrom["fieldRef"], let path = reference["fieldPath"]?.stringValue {
                    variables[name] = DownwardAPI.value(path, pod: pod, nodeName: nodeName) ?? ""
                } else if let reference = valueFrom["resourceFieldRef"] {
                    variables[name] = resourceValue(reference, pod: pod, defaultContainer: container.name)
                } else {
                    for (field, resource, noun, kind) in [("secretKeyRef", ResourceType.secrets, "secret", "Secret"),
                                                          ("configMapKeyRef", ResourceType.configMaps, "configmap", "ConfigMap")] {
                        guard let reference = valueFrom[field], let objectName = reference["name"]?.stringValue else { continue }
                        let key = reference["key"]?.stringValue ?? ""
                        let optional = reference["optional"]?.boolValue == true
                        guard let values = data(resource, objectName) else {
                            if optional { break }
                            throw ConfigError(message: "\(noun) \"\(objectName)\" not found")
                        }
                        guard let value = values[key] else {
                            if optional { break }
                            throw ConfigError(message: "couldn't find key \(key) in \(kind) \(namespace)/\(objectName)")
                        }
                        variables[name] = value
                    }
                }
            } else {
                variables[name] = EnvironmentExpansion.expand(entry["value"]?.stringValue ?? "", variables)
            }
        }
        if variables["HOME"] == nil { variables["HOME"] = "/root" }
        return variables
    }

    /// The pod's hostname (`spec.hostname`, else the pod name cut to 63 characters).
    static func hostname(of pod: SimulatedJSON) -> String {
        if let hostname = pod.string(at: ["spec", "hostname"]), !hostname.isEmpty { return hostname }
        return String(pod.metadataName.prefix(63))
    }

    /// A `resourceFieldRef` value: the container's limit or request, else the node's capacity.
    private static func resourceValue(_ reference: SimulatedJSON, pod: SimulatedJSON, defaultContainer: String) -> String {
        let containerName = reference["containerName"]?.stringValue ?? defaultContainer
        let resource = reference["resource"]?.stringValue ?? ""
        let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return "0" }
        let container = (pod.array(at: ["spec", "containers"]) + pod.array(at: ["spec", "initContainers"]))
            .first { $0["name"]?.stringValue == containerName }
        if let value = container?.value(at: ["resources", parts[0], parts[1]])?.stringValue ?? container?.value(at: ["resources", "limits", parts[1]])?.stringValue {
            if parts[1] == "cpu" {
                let cores = value.hasSuffix("m") ? (Double(value.dropLast()) ?? 0) / 1000 : Double(value) ?? 0
                return String(Int(cores.rounded(.up)))
            }
            return String(Quantity.bytes(value) ?? 0)
        }
        if parts[1] == "cpu" { return String(ProcessInfo.processInfo.activeProcessorCount) }
        return String(ProcessInfo.processInfo.physicalMemory)
    }
}
