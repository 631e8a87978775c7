import ArgumentParser
import AsyncHTTPClient
import GitLabRunnerAPI
import Logging
import RunnerConfiguration

/// `flywheel unregister`: removes runners from GitLab and config.toml.
struct Unregister: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Unregister runners and remove them from config.toml.",
        discussion: """
            For runner authentication tokens (glrt-…) only this machine's runner manager (its system ID) is removed; \
            the runner itself stays in GitLab unless --delete-runner is given. Legacy-registered runners are deleted.
            """
    )

    @OptionGroup var options: ConfigOption
    @Option(help: "The runner to unregister.") var name: String?
    @Flag(help: "Unregister every runner in config.toml.") var allRunners = false
    @Flag(help: "Delete the whole runner in GitLab, for every machine using its token (glrt- tokens only).") var deleteRunner = false

    func run() async throws {
        guard allRunners || name != nil else { throw ValidationError("give --name NAME or --all-runners") }
        var configuration = try AgentConfiguration.load(path: options.config)
        let targets = configuration.runners.filter { allRunners || $0.name == name }
        guard !targets.isEmpty else { throw ValidationError("no runner named \(name ?? "") in \(options.config)") }
        let systemID = try SystemID.loadOrCreate(configPath: options.config)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        var failed = false
        for runner in targets {
            let info = RunnerInfo(version: FlywheelBuild.version, revision: FlywheelBuild.revision, architecture: FlywheelBuild.architecture, executor: runner.executor.rawValue, shell: runner.shell)
            let client = GitLabClient(serverURL: runner.url, info: info, httpClient: http, logger: Logger(label: "flywheel.unregister"))
            do {
                if runner.token.hasPrefix("glrt-"), !deleteRunner {
                    try await client.unregisterManager(runnerToken: runner.token, systemID: systemID)
                    print("Removed runner manager \(systemID) of \(runner.name); the runner stays in GitLab")
                } else {
                    try await client.unregisterRunner(runnerToken: runner.token)
                    print("Deleted runner \(runner.name) in GitLab")
                }
                configuration.runners.removeAll { $0.name == runner.name }
            } catch {
                failed = true
                print("Could not unregister \(runner.name): \(error)")
            }
        }
        try await http.shutdown()
        try ConfigFile.write(configuration, to: options.config)
        if failed { throw ExitCode(1) }
    }
}
