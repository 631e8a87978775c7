extension RunnerSettings {
    /// The `builds_dir` used when a runner has none: `builds` in the
    /// directory of the configuration file at `configPath` (made absolute
    /// against the current directory when `configPath` is relative).
    public static func defaultBuildsDir(configPath: String) -> String {
        ConfigurationPaths.resolve("builds", relativeTo: ConfigurationPaths.directory(ofConfig: configPath))
    }
}
