import ArgumentParser

/// `--config`, shared by every command that reads or writes config.toml.
struct ConfigOption: ParsableArguments {
    @Option(name: [.customShort("c"), .long], help: "Path of config.toml.")
    var config: String = "config.toml"
}
