import ArgumentParser
import AsyncHTTPClient
import GitLabRunnerAPI
import Logging
import RunnerConfiguration

/// `flywheel verify`: checks every runner's token with GitLab.
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check that GitLab accepts each runner's token.")

    @OptionGroup var options: ConfigOption
    @Option(help: "Only this runner.") var name: String?
    @Flag(help: "Remove runners GitLab no longer accepts from config.toml.") var delete = false

    func run() async throws {
        var configuration = try AgentConfiguration.load(path: options.config)
        let systemID = try SystemID.loadOrCreate(configPath: options.config)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        var invalid: [String] = []
        for runner in configuration.runners where name == nil || runner.name == name {
            let info = RunnerInfo(version: FlywheelBuild.version, revision: FlywheelBuild.revision, architecture: FlywheelBuild.architecture, executor: runner.executor.rawValue, shell: runner.shell)
            let client = GitLabClient(serverURL: runner.url, info: info, httpClient: http, logger: Logger(label: "flywheel.verify"))
            do {
                _ = try await client.verify(runnerToken: runner.token, systemID: systemID)
                print("Verifying runner... is valid        runner=\(TokenDisplay.short(runner.token)) name=\(runner.name)")
            } catch {
                print("Verifying runner... is NOT valid    runner=\(TokenDisplay.short(runner.token)) name=\(runner.name): \(error)")
                if let apiError = error as? GitLabAPIError, apiError.status == 403 { invalid.append(runner.name) }
            }
        }
        try await http.shutdown()
        if delete, !invalid.isEmpty {
            configuration.runners.removeAll { invalid.contains($0.name) }
            try ConfigFile.write(configuration, to: options.config)
            print("Removed from \(options.config): \(invalid.joined(separator: ", "))")
        } else if !invalid.isEmpty {
            throw ExitCode(1)
        }
    }
}
