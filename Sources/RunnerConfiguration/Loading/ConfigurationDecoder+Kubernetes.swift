extension ConfigurationDecoder {
    static let kubernetesKeys = ["namespace", "profile", "profiles_dir", "kubeconfig", "context", "helper_image", "pod_retention", "poll_timeout"]

    /// Decodes `[runners.kubernetes]`.
    func decodeKubernetes(_ reader: ConfigurationTableReader) throws(ConfigurationError) -> KubernetesSettings {
        try reader.rejectUnknownKeys(known: Self.kubernetesKeys) { _ in nil }
        guard let profile = try reader.nonEmptyString("profile", example: "\"docker\"") else {
            throw ConfigurationError(
                path: path, line: reader.table.line, key: reader.keyPath("profile"),
                message: "is required: the executor profile of this runner's pods, one of the files in executors/ (docker, dind, rocky8, rocky9, nix)"
            )
        }
        var settings = KubernetesSettings(profile: profile, profilesDir: ConfigurationPaths.resolve("executors", relativeTo: configDirectory))
        if let namespace = try reader.nonEmptyString("namespace", example: "\"ci-jobs\"") { settings.namespace = namespace }
        if let directory = try reader.nonEmptyString("profiles_dir", example: "\"/etc/flywheel/executors\"") {
            settings.profilesDir = ConfigurationPaths.resolve(directory, relativeTo: configDirectory)
        }
        if let kubeconfig = try reader.nonEmptyString("kubeconfig", example: "\"/root/.kube/config\"") {
            settings.kubeconfig = ConfigurationPaths.resolve(kubeconfig, relativeTo: configDirectory)
        }
        settings.context = try reader.nonEmptyString("context", example: "\"prod\"")
        if let image = try reader.nonEmptyString("helper_image", example: "\"flywheel/flywheel:0.1.0\"") { settings.helperImage = image }
        if let retention = try reader.integer("pod_retention", atLeast: 0, hint: "seconds a finished pod is kept") { settings.podRetention = retention }
        if let timeout = try reader.integer("poll_timeout", atLeast: 1, hint: "seconds a pod may stay unscheduled") { settings.pollTimeout = timeout }
        return settings
    }
}
