/// The keys the configuration file accepts.
enum ConfigurationKeys {
    /// Top-level keys.
    static let global = [
        "concurrent", "check_interval", "shutdown_timeout", "log_level", "log_format", "listen_address", "runners",
    ]

    /// Keys of a `[[runners]]` section.
    static let runner = [
        "name", "url", "token", "token_file", "id", "token_obtained_at", "token_expires_at", "executor",
        "limit", "request_concurrency", "output_limit", "builds_dir", "cache_dir", "shell", "environment", "kubernetes", "cache",
    ]

    /// Sections of gitlab-runner's `[[runners]]` that arrive with a later
    /// executor, with what to tell the user.
    static let runnerSectionsComingLater: [String: String] = [:]
}
