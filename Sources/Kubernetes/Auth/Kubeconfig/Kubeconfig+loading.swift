import Foundation
import Yams

extension Kubeconfig {
    /// The files kubectl would read: `$KUBECONFIG` split on `:` (empty entries skipped), else `~/.kube/config`.
    public static func defaultPaths(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return [(home as NSString).appendingPathComponent(".kube/config")]
    }

    /// Reads and merges several kubeconfig files the way kubectl does: the first file to define a cluster, user or
    /// context name wins, and the first non-empty `current-context` wins. Missing files are skipped, as long as
    /// one exists.
    ///
    /// - Throws: ``KubernetesConfigurationError`` when no file exists or one cannot be parsed.
    public static func load(paths: [String]) throws -> Kubeconfig {
        var merged = Kubeconfig()
        var found = false
        for path in paths {
            guard FileManager.default.fileExists(atPath: path) else { continue }
            found = true
            let file = try load(path: path)
            if merged.currentContext?.isEmpty ?? true { merged.currentContext = file.currentContext }
            for entry in file.clusters where !merged.clusters.contains(where: { $0.name == entry.name }) {
                merged.clusters.append(entry)
            }
            for entry in file.users where !merged.users.contains(where: { $0.name == entry.name }) {
                merged.users.append(entry)
            }
            for entry in file.contexts where !merged.contexts.contains(where: { $0.name == entry.name }) {
                merged.contexts.append(entry)
            }
        }
        guard found else {
            throw KubernetesConfigurationError(
                source: paths.joined(separator: ":"),
                message: "no kubeconfig file exists; set KUBECONFIG, create ~/.kube/config or run inside a cluster"
            )
        }
        return merged
    }

    /// Reads one kubeconfig file; relative paths in it are resolved against its directory.
    public static func load(path: String) throws -> Kubeconfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KubernetesConfigurationError(source: path, message: "cannot read the kubeconfig: \(error.localizedDescription)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(yaml: text, directory: directory.isEmpty ? FileManager.default.currentDirectoryPath : directory, source: path)
    }

    /// Parses kubeconfig YAML (JSON is YAML too) and resolves relative paths against `directory`.
    public static func parse(yaml: String, directory: String, source: String = "kubeconfig") throws -> Kubeconfig {
        var config: Kubeconfig
        do {
            config = try YAMLDecoder().decode(Kubeconfig.self, from: yaml)
        } catch {
            throw KubernetesConfigurationError(source: source, message: "not a valid kubeconfig: \(error)")
        }
        config.resolvePaths(against: directory)
        return config
    }

    /// Makes `certificate-authority`, `client-certificate`, `client-key`, `tokenFile` and exec commands with a `/`
    /// absolute, relative to `directory`.
    mutating func resolvePaths(against directory: String) {
        func absolute(_ path: String?) -> String? {
            guard let path, !path.isEmpty else { return path }
            if path.hasPrefix("/") { return path }
            if path.hasPrefix("~/") {
                return (NSHomeDirectory() as NSString).appendingPathComponent(String(path.dropFirst(2)))
            }
            return ((directory as NSString).appendingPathComponent(path) as NSString).standardizingPath
        }
        for index in clusters.indices {
            clusters[index].cluster.certificateAuthority = absolute(clusters[index].cluster.certificateAuthority)
        }
        for index in users.indices {
            users[index].user.clientCertificate = absolute(users[index].user.clientCertificate)
            users[index].user.clientKey = absolute(users[index].user.clientKey)
            users[index].user.tokenFile = absolute(users[index].user.tokenFile)
            if let command = users[index].user.exec?.command, command.contains("/") {
                users[index].user.exec?.command = absolute(command) ?? command
            }
        }
    }
}
