import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Materialises a pod's volumes in a host directory, as the kubelet's volume plugins do:
/// `emptyDir` as an empty world-writable directory, `secret`/`configMap`/`downwardAPI`/
/// `projected` as files with the requested modes in the atomic-writer layout (`..data`
/// symlink to a timestamped directory), `hostPath` as the host path.
enum PodVolumes {
    /// Why a volume could not be set up (the `FailedMount` event message).
    struct MountFailure: Error, Sendable, Equatable {
        var message: String
    }

    /// Prepares every volume of `pod` under `directory`; throws on the first failure.
    static func prepare(
        pod: SimulatedJSON,
        directory: String,
        store: ClusterStore,
        serviceAccountToken: String,
        nodeName: String
    ) throws(MountFailure) -> [String: PreparedVolume] {
        var prepared: [String: PreparedVolume] = [:]
        let namespace = pod.metadataNamespace
        for volume in pod.array(at: ["spec", "volumes"]) {
            guard let name = volume["name"]?.stringValue else { continue }
            let target = directory + "/volumes/" + name
            func fail(_ detail: String) -> MountFailure {
                MountFailure(message: "MountVolume.SetUp failed for volume \"\(name)\" : \(detail)")
            }
            if volume["emptyDir"] != nil {
                try makeDirectory(target, mode: 0o777, failure: fail)
                prepared[name] = PreparedVolume(hostPath: target, alwaysReadOnly: false, createsSubPaths: true)
            } else if let hostPath = volume["hostPath"] {
                let path = hostPath["path"]?.stringValue ?? ""
                let type = hostPath["type"]?.stringValue ?? ""
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                switch type {
                case "DirectoryOrCreate" where !exists:
                    try makeDirectory(path, mode: 0o755, failure: fail)
                case "FileOrCreate" where !exists:
                    _ = FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o644])
                case "Directory" where !(exists && isDirectory.boolValue):
                    throw fail("hostPath type check failed: \(path) is not a directory")
                case "File" where !(exists && !isDirectory.boolValue):
                    throw fail("hostPath type check failed: \(path) is not a file")
                default:
                    break
                }
                prepared[name] = PreparedVolume(hostPath: path, alwaysReadOnly: false, createsSubPaths: false)
            } else if volume["secret"] != nil || volume["configMap"] != nil || volume["downwardAPI"] != nil || volume["projected"] != nil {
                var files: [(path: String, bytes: [UInt8], mode: Int)] = []
                let defaultMode = Int((volume["secret"] ?? volume["configMap"] ?? volume["downwardAPI"] ?? volume["projected"])?["defaultMode"]?.intValue ?? 0o644)
                if let secret = volume["secret"] {
                    files += try sourceFiles(secret, nameKey: "secretName", resource: .secrets, namespace: namespace,
                                             defaultMode: defaultMode, store: store, failure: fail)
                } else if let configMap = volume["configMap"] {
                    files += try sourceFiles(configMap, nameKey: "name", resource: .configMaps, namespace: namespace,
                                             defaultMode: defaultMode, store: store, failure: fail)
                } else if let downward = volume["downwardAPI"] {
                    files += downwardFiles(downward, pod: pod, defaultMode: defaultMode, nodeName: nodeName)
                } else if let projected = volume["projected"] {
                    for source in projected["sources"]?.arrayValue ?? [] {
                        if let secret = source["secret"] {
                            files += try sourceFiles(secret, nameKey: "name", resource: .secrets, namespace: namespace,
                                                     defaultMode: defaultMode, store: store, failure: fail)
                        } else if let configMap = source["configMap"] {
                            files += try sourceFiles(configMap, nameKey: "name", resource: .configMaps, namespace: namespace,
                                                     defaultMode: defaultMode, store: store, failure: fail)
                        } else if let downward = source["downwardAPI"] {
                            files += downwardFiles(downward, pod: pod, defaultMode: defaultMode, nodeName: nodeName)
                        } else if let token = source["serviceAccountToken"] {
                            files.append((token["path"]?.stringValue ?? "token", Array(serviceAccountToken.utf8), defaultMode))
                        }
                    }
                }
                try writeAtomically(files, into: target, failure: fail)
                prepared[name] = PreparedVolume(hostPath: target, alwaysReadOnly: true, createsSubPaths: false)
            } else {
                throw fail("the flywheel Kubernetes simulator does not support this volume type")
            }
        }
        return prepared
    }

    private static func sourceFiles(
        _ source: SimulatedJSON,
        nameKey: String,
        resource: ResourceType,
        namespace: String,
        defaultMode: Int,
        store: ClusterStore,
        failure: (String) -> MountFailure
    ) throws(MountFailure) -> [(path: String, bytes: [UInt8], mode: Int)] {
        let name = source[nameKey]?.stringValue ?? ""
        let optional = source["optional"]?.boolValue == true
        let noun = resource == .secrets ? "secret" : "configmap"
        guard let object = store.object(ObjectKey(resource, namespace: namespace, name: name)) else {
            if optional { return [] }
            throw failure("\(noun) \"\(name)\" not found")
        }
        var data: [String: [UInt8]] = [:]
        for (key, value) in object.stringMap(at: ["data"]) {
            data[key] = resource == .secrets ? Array(Data(base64Encoded: value) ?? Data()) : Array(value.utf8)
        }
        for (key, value) in object.stringMap(at: ["binaryData"]) {
            data[key] = Array(Data(base64Encoded: value) ?? Data())
        }
        let mode = Int(source["defaultMode"]?.intValue ?? Int64(defaultMode))
        guard let items = source["items"]?.arrayValue, !items.isEmpty else {
            return data.sorted { $0.key < $1.key }.map { ($0.key, $0.value, mode) }
        }
        var files: [(path: String, bytes: [UInt8], mode: Int)] = []
        for item in items {
            let key = item["key"]?.stringValue ?? ""
            guard let bytes = data[key] else {
                if optional { continue }
                throw failure(resource == .secrets ? "references non-existent secret key: \(key)"
                                                   : "configmap references non-existent config key: \(key)")
            }
            files.append((item["path"]?.stringValue ?? key, bytes, Int(item["mode"]?.intValue ?? Int64(mode))))
        }
        return files
    }

    private static func downwardFiles(_ source: SimulatedJSON, pod: SimulatedJSON, defaultMode: Int, nodeName: String) -> [(path: String, bytes: [UInt8], mode: Int)] {
        (source["items"]?.arrayValue ?? []).compactMap { item in
            guard let path = item["path"]?.stringValue else { return nil }
            let value = item["fieldRef"]?["fieldPath"]?.stringValue.flatMap { DownwardAPI.value($0, pod: pod, nodeName: nodeName) } ?? ""
            return (path, Array(value.utf8), Int(item["mode"]?.intValue ?? Int64(defaultMode)))
        }
    }

    private static func makeDirectory(_ path: String, mode: Int, failure: (String) -> MountFailure) throws(MountFailure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            chmod(path, mode_t(mode))
        } catch {
            throw failure("\(error)")
        }
    }

    /// Writes the files into a `..<timestamp>` directory, points `..data` at it and links every
    /// top-level entry through `..data`, as the kubelet's atomic writer does.
    private static func writeAtomically(_ files: [(path: String, bytes: [UInt8], mode: Int)], into target: String, failure: (String) -> MountFailure) throws(MountFailure) {
        try makeDirectory(target, mode: 0o777, failure: failure)
        let now = KubeTime.now()
        let stamp = "..\(now.rfc3339.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ":", with: "_").replacingOccurrences(of: "T", with: "_").dropLast()).\(now.nanoseconds)"
        let payload = target + "/" + stamp
        try makeDirectory(payload, mode: 0o755, failure: failure)
        var topLevel: Set<String> = []
        for file in files {
            let relative = file.path.split(separator: "/").filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
            guard !relative.isEmpty, !relative.split(separator: "/").contains("..") else { continue }
            let destination = payload + "/" + relative
            let parent = (destination as NSString).deletingLastPathComponent
            try makeDirectory(parent, mode: 0o755, failure: failure)
            guard FileManager.default.createFile(atPath: destination, contents: Data(file.bytes)) else {
                throw failure("could not write \(relative)")
            }
            chmod(destination, mode_t(file.mode & 0o7777))
            topLevel.insert(String(relative.split(separator: "/")[0]))
        }
        let dataLink = target + "/..data"
        unlink(dataLink)
        symlink(stamp, dataLink)
        for entry in topLevel {
            let link = target + "/" + entry
            unlink(link)
            symlink("..data/" + entry, link)
        }
    }
}
