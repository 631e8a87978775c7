import ArgumentParser
import AsyncHTTPClient
import Foundation
import GitLabRunnerAPI
import Logging
import RunnerConfiguration

/// `flywheel register`: adds a `[[runners]]` entry to config.toml.
struct Register: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register a runner and add it to config.toml.",
        discussion: """
            With a runner authentication token (glrt-…, created in GitLab) the token is verified and written. \
            With a legacy registration token, POST /runners creates the runner first (tags and flags apply only then).
            The token may come from --token or from the REGISTRATION_TOKEN environment variable (keeps it out of `ps`).
            """
    )

    @OptionGroup var options: ConfigOption
    @Option(help: "GitLab URL, e.g. https://gitlab.example.com") var url: String
    @Option(help: "Runner authentication token (glrt-…) or legacy registration token.") var token: String?
    @Option(help: "Name of the [[runners]] entry (default: host name).") var name: String?
    @Option(help: "Executor: shell.") var executor: String = "shell"
    @Option(help: "Directory for job working copies (default: builds/ next to config.toml).") var buildsDir: String?
    @Option(help: "Legacy registration: description shown in GitLab.") var description: String?
    @Option(help: "Legacy registration: comma-separated tags.") var tagList: String = ""
    @Flag(help: "Legacy registration: also run untagged jobs.") var runUntagged = false
    @Flag(help: "Legacy registration: create the runner paused.") var paused = false
    @Option(help: "Legacy registration: maximum job timeout in seconds.") var maximumTimeout: Int?

    func run() async throws {
        guard let token = token ?? ProcessInfo.processInfo.environment["REGISTRATION_TOKEN"], !token.isEmpty else {
            throw ValidationError("give the token with --token or the REGISTRATION_TOKEN environment variable")
        }
        guard let executorKind = ExecutorKind(rawValue: executor) else {
            throw ValidationError("--executor must be one of: \(ExecutorKind.allCasesDescription)")
        }
        var configuration = try ConfigFile.loadOrEmpty(options.config)
        let runnerName = name ?? ProcessInfo.processInfo.hostName
        guard !configuration.runners.contains(where: { $0.name == runnerName }) else {
            throw ValidationError("config \(options.config) already has a runner named \(runnerName); choose another --name")
        }
        let systemID = try SystemID.loadOrCreate(configPath: options.config)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let info = RunnerInfo(version: FlywheelBuild.version, revision: FlywheelBuild.revision, architecture: FlywheelBuild.architecture, executor: executorKind.rawValue)
        let client = GitLabClient(serverURL: url, info: info, httpClient: http, logger: Logger(label: "flywheel.register"))
        let registration: RunnerRegistration
        do {
            if token.hasPrefix("glrt-") {
                registration = try await client.verify(runnerToken: token, systemID: systemID)
            } else {
                let tags = tagList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                registration = try await client.register(
                    registrationToken: token,
                    options: LegacyRegistrationOptions(description: description ?? runnerName, tagList: tags, runUntagged: runUntagged || tags.isEmpty, paused: paused, maximumTimeout: maximumTimeout)
                )
            }
        } catch {
            try? await http.shutdown()
            throw ValidationError("registration failed: \(error)")
        }
        try await http.shutdown()
        configuration.runners.append(RunnerSettings(
            name: runnerName, url: GitLabClient.normalise(url), token: registration.token,
            id: registration.id.map { Int($0) }, tokenObtainedAt: Date().formatted(.iso8601), tokenExpiresAt: registration.tokenExpiresAt,
            executor: executorKind, buildsDir: buildsDir ?? ConfigFile.defaultBuildsDir(options.config)
        ))
        try ConfigFile.write(configuration, to: options.config)
        print("Runner \(runnerName) registered (token \(TokenDisplay.short(registration.token))…, system ID \(systemID)); config written to \(options.config)")
    }
}

extension ExecutorKind {
    static var allCasesDescription: String { "shell, kubernetes" }
}
