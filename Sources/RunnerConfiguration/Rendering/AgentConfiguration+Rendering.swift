extension AgentConfiguration {
    /// The configuration as `config.toml` text that ``parse(_:path:)`` reads
    /// back to an equal configuration (given the same `path`, and that any
    /// `token_file` still holds the same token).
    ///
    /// Every setting is written explicitly, defaults included; optional
    /// values that are `nil` are left out. A runner with a ``RunnerSettings/tokenFile``
    /// is written with `token_file`, never with its token.
    public func rendered() -> String {
        var lines = [
            "# Flywheel agent configuration; see docs/configuration.md for every key.",
            "concurrent = \(concurrent)",
            "check_interval = \(checkInterval)",
            "shutdown_timeout = \(shutdownTimeout)",
            "log_level = \(TOMLValue.string(logLevel.rawValue).tomlLiteral)",
            "log_format = \(TOMLValue.string(logFormat.rawValue).tomlLiteral)",
        ]
        if let listenAddress {
            lines.append("listen_address = \(TOMLValue.string(listenAddress).tomlLiteral)")
        }
        for runner in runners {
            lines.append("")
            lines.append("[[runners]]")
            lines += runner.renderedKeyValues().map { "  " + $0 }
            if let cache = runner.cache {
                lines.append("  [runners.cache]")
                lines += cache.renderedKeyValues().map { "    " + $0 }
                lines.append("    [runners.cache.s3]")
                lines += cache.s3.renderedKeyValues().map { "      " + $0 }
            }
            if let kubernetes = runner.kubernetes {
                lines.append("  [runners.kubernetes]")
                lines += kubernetes.renderedKeyValues().map { "    " + $0 }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
