extension KubernetesSettings {
    /// The `key = value` lines of a `[runners.kubernetes]` section.
    func renderedKeyValues() -> [String] {
        var pairs: [(String, TOMLValue)] = [
            ("namespace", .string(namespace)),
            ("profile", .string(profile)),
            ("profiles_dir", .string(profilesDir)),
        ]
        if let kubeconfig { pairs.append(("kubeconfig", .string(kubeconfig))) }
        if let context { pairs.append(("context", .string(context))) }
        pairs += [
            ("helper_image", .string(helperImage)),
            ("pod_retention", .integer(Int64(podRetention))),
            ("poll_timeout", .integer(Int64(pollTimeout))),
        ]
        return pairs.map { "\($0.0) = \($0.1.tomlLiteral)" }
    }
}
