import ArgumentParser
import GitLabRunnerAPI
import RunnerConfiguration

/// `flywheel list`: prints the configured runners.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the runners in config.toml.")

    @OptionGroup var options: ConfigOption

    func run() throws {
        let configuration = try AgentConfiguration.load(path: options.config)
        print("Listing configured runners                          ConfigFile=\(options.config)")
        for runner in configuration.runners {
            print("\(runner.name)\tExecutor=\(runner.executor.rawValue) Token=\(TokenDisplay.short(runner.token))… URL=\(runner.url)")
        }
    }
}
