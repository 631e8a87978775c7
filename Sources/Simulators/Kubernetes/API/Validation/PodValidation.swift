/// Pod spec validation (a faithful subset of `ValidatePodSpec` and `ValidatePodUpdate`).
enum PodValidation {
    static let restartPolicies = ["Always", "OnFailure", "Never"]
    static let dnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
    static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    static let environmentRule = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
    static let volumeSources = ["hostPath", "emptyDir", "secret", "configMap", "downwardAPI", "projected", "persistentVolumeClaim",
                                "nfs", "image", "ephemeral", "csi", "awsElasticBlockStore", "gcePersistentDisk", "gitRepo", "iscsi",
                                "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume",
                                "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos"]

    /// Validates a pod spec at `path` (`spec`, or `spec.template.spec`).
    static func spec(_ spec: SimulatedJSON, path: String, template: Bool) -> [StatusCause] {
        var causes: [StatusCause] = []
        var volumeNames: Set<String> = []
        for (index, volume) in spec.array(at: ["volumes"]).enumerated() {
            let field = "\(path).volumes[\(index)]"
            let name = volume["name"]?.stringValue ?? ""
            if name.isEmpty {
                causes.append(.required("\(field).name"))
            } else if let problem = LabelRules.labelProblem(name) {
                causes.append(.invalid("\(field).name", value: .string(name), problem))
            } else if !volumeNames.insert(name).inserted {
                causes.append(.duplicate("\(field).name", value: name))
            }
            let sources = volumeSources.filter { volume[$0] != nil && volume[$0]?.isNull == false }
            if sources.isEmpty {
                causes.append(StatusCause(reason: "FieldValueRequired", message: "Required value: must specify a volume type", field: field))
            } else if sources.count > 1 {
                causes.append(.forbidden("\(field).\(sources[1])", "may not specify more than 1 volume type"))
            }
            for source in ["secret", "configMap", "downwardAPI", "projected"] {
                if let mode = volume[source]?["defaultMode"]?.intValue, !(0...0o777).contains(mode) {
                    causes.append(.invalid("\(field).\(source).defaultMode", value: .int(mode), "must be a number between 0 and 0777 (octal), both inclusive"))
                }
            }
            if let secret = volume["secret"], (secret["secretName"]?.stringValue ?? "").isEmpty {
                causes.append(.required("\(field).secret.secretName"))
            }
            for source in ["secret", "configMap"] {
                for (itemIndex, item) in (volume[source]?["items"]?.arrayValue ?? []).enumerated() {
                    let itemPath = item["path"]?.stringValue ?? ""
                    if (item["key"]?.stringValue ?? "").isEmpty { causes.append(.required("\(field).\(source).items[\(itemIndex)].key")) }
                    if itemPath.isEmpty {
                        causes.append(.required("\(field).\(source).items[\(itemIndex)].path"))
                    } else if itemPath.hasPrefix("/") {
                        causes.append(.invalid("\(field).\(source).items[\(itemIndex)].path", value: .string(itemPath), "must be a relative path"))
                    } else if itemPath.split(separator: "/").contains("..") {
                        causes.append(.invalid("\(field).\(source).items[\(itemIndex)].path", value: .string(itemPath), "must not contain '..'"))
                    }
                }
            }
        }

        let initContainers = spec.array(at: ["initContainers"])
        let containers = spec.array(at: ["containers"])
        if containers.isEmpty { causes.append(.required("\(path).containers")) }
        var containerNames: Set<String> = []
        for (field, list, isInit) in [("initContainers", initContainers, true), ("containers", containers, false)] {
            for (index, container) in list.enumerated() {
                causes += self.container(container, path: "\(path).\(field)[\(index)]", isInit: isInit,
                                         volumes: volumeNames, names: &containerNames)
            }
        }

        if let policy = spec["restartPolicy"]?.stringValue, !restartPolicies.contains(policy) {
            causes.append(.notSupported("\(path).restartPolicy", value: policy, supported: restartPolicies))
        }
        if let policy = spec["dnsPolicy"]?.stringValue, !dnsPolicies.contains(policy) {
            causes.append(.notSupported("\(path).dnsPolicy", value: policy, supported: dnsPolicies))
        }
        if let deadline = spec["activeDeadlineSeconds"]?.intValue, !(1...2_147_483_647).contains(deadline) {
            causes.append(.invalid("\(path).activeDeadlineSeconds", value: .int(deadline), "must be between 1 and 2147483647, inclusive"))
        }
        if let grace = spec["terminationGracePeriodSeconds"]?.intValue, grace < 0 {
            causes.append(.invalid("\(path).terminationGracePeriodSeconds", value: .int(grace), "must be greater than or equal to 0"))
        }
        if spec["shareProcessNamespace"]?.boolValue == true, spec["hostPID"]?.boolValue == true {
            causes.append(.invalid("\(path).shareProcessNamespace", value: true, "ShareProcessNamespace and HostPID cannot both be enabled"))
        }
        return causes
    }

    private static func container(_ container: SimulatedJSON, path: String, isInit: Bool, volumes: Set<String>, names: inout Set<String>) -> [StatusCause] {
        var causes: [StatusCause] = []
        let name = container["name"]?.stringValue ?? ""
        if name.isEmpty {
            causes.append(.required("\(path).name"))
        } else if let problem = LabelRules.labelProblem(name) {
            causes.append(.invalid("\(path).name", value: .string(name), problem))
        } else if !names.insert(name).inserted {
            causes.append(.duplicate("\(path).name", value: name))
        }
        if (container["image"]?.stringValue ?? "").isEmpty {
            causes.append(.required("\(path).image"))
        }
        if let policy = container["imagePullPolicy"]?.stringValue, !pullPolicies.contains(policy) {
            causes.append(.notSupported("\(path).imagePullPolicy", value: policy, supported: pullPolicies))
        }
        if let policy = container["restartPolicy"]?.stringValue {
            if !isInit {
                causes.append(.forbidden("\(path).restartPolicy", "may not be set for non-init containers"))
            } else if policy != "Always" {
                causes.append(.notSupported("\(path).restartPolicy", value: policy, supported: ["Always"]))
            }
        }
        var mountPaths: Set<String> = []
        for (index, mount) in (container["volumeMounts"]?.arrayValue ?? []).enumerated() {
            let field = "\(path).volumeMounts[\(index)]"
            let volume = mount["name"]?.stringValue ?? ""
            if volume.isEmpty {
                causes.append(.required("\(field).name"))
            } else if !volumes.contains(volume) {
                causes.append(.notFound("\(field).name", value: volume))
            }
            let mountPath = mount["mountPath"]?.stringValue ?? ""
            if mountPath.isEmpty {
                causes.append(.required("\(field).mountPath"))
            } else if !mountPaths.insert(mountPath).inserted {
                causes.append(.invalid("\(field).mountPath", value: .string(mountPath), "must be unique"))
            }
            if let subPath = mount["subPath"]?.stringValue, subPath.hasPrefix("/") || subPath.split(separator: "/").contains("..") {
                causes.append(.invalid("\(field).subPath", value: .string(subPath), "must be a relative path without '..'"))
            }
        }
        for (index, entry) in (container["env"]?.arrayValue ?? []).enumerated() {
            let field = "\(path).env[\(index)]"
            let name = entry["name"]?.stringValue ?? ""
            if name.isEmpty {
                causes.append(.required("\(field).name"))
            } else if !LabelRules.isValidEnvironmentName(name) {
                causes.append(.invalid("\(field).name", value: .string(name), environmentRule))
            }
            if let valueFrom = entry["valueFrom"], !valueFrom.isNull {
                if !(entry["value"]?.stringValue ?? "").isEmpty {
                    causes.append(.invalid("\(field).valueFrom", value: "", "may not be specified when `value` is not empty"))
                }
                let sources = ["fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"].filter { valueFrom[$0] != nil }
                if sources.count != 1 {
                    causes.append(.invalid("\(field).valueFrom", value: "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
                }
                if let fieldPath = valueFrom["fieldRef"]?["fieldPath"]?.stringValue, !DownwardAPI.isSupportedInEnvironment(fieldPath) {
                    causes.append(.notSupported("\(field).valueFrom.fieldRef.fieldPath", value: fieldPath,
                                                supported: ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
                                                            "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP",
                                                            "status.hostIPs", "status.podIP", "status.podIPs"]))
                }
                for reference in ["configMapKeyRef", "secretKeyRef"] {
                    guard let keyRef = valueFrom[reference] else { continue }
                    if (keyRef["key"]?.stringValue ?? "").isEmpty { causes.append(.required("\(field).valueFrom.\(reference).key")) }
                    if (keyRef["name"]?.stringValue ?? "").isEmpty { causes.append(.required("\(field).valueFrom.\(reference).name")) }
                }
            }
        }
        for (index, port) in (container["ports"]?.arrayValue ?? []).enumerated() {
            if let number = port["containerPort"]?.intValue, !(1...65535).contains(number) {
                causes.append(.invalid("\(path).ports[\(index)].containerPort", value: .int(number), "must be between 1 and 65535, inclusive"))
            }
        }
        for kind in ["limits", "requests"] {
            for (resource, value) in container.object(at: ["resources", kind]) {
                if let text = value.stringValue, !Quantity.isValid(text) {
                    causes.append(.invalid("\(path).resources.\(kind)[\(resource)]", value: .string(text), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"))
                }
            }
        }
        return causes
    }

    /// Pod updates may only change container images, `activeDeadlineSeconds` (lowering or
    /// setting it) and add tolerations.
    static func update(_ new: SimulatedJSON, old: SimulatedJSON) -> [StatusCause] {
        var newMutable = new
        var oldMutable = old
        for field in ["containers", "initContainers"] {
            let oldContainers = old.array(at: [field])
            let newContainers = new.array(at: [field])
            if oldContainers.count == newContainers.count, new[field] != nil {
                newMutable[field] = .array(zip(newContainers, oldContainers).map { newContainer, oldContainer in
                    var copy = newContainer
                    copy["image"] = oldContainer["image"]
                    return copy
                })
            }
        }
        for field in ["activeDeadlineSeconds", "tolerations"] {
            newMutable[field] = nil
            oldMutable[field] = nil
        }
        var causes: [StatusCause] = []
        if newMutable != oldMutable {
            causes.append(.forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"))
        }
        if let oldDeadline = old["activeDeadlineSeconds"]?.intValue {
            if let newDeadline = new["activeDeadlineSeconds"]?.intValue {
                if newDeadline > oldDeadline {
                    causes.append(.invalid("spec.activeDeadlineSeconds", value: .int(newDeadline), "must be less than or equal to previous value"))
                }
            } else {
                causes.append(.invalid("spec.activeDeadlineSeconds", value: nil, "must not update from a positive integer to nil value"))
            }
        }
        return causes
    }
}
