import ArgumentParser
import Executors
import Foundation
import GitLabRunnerAPI
import Kubernetes
import RunnerConfiguration
import Yams

/// `flywheel pod-spec`: the Secret and Pod the Kubernetes executor would create for a job, without a cluster.
struct PodSpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pod-spec",
        abstract: "Print, as YAML, the Secret (values redacted) and Pod a job would get.",
        discussion: "Reads the runner's [runners.kubernetes] settings and profile; needs no cluster."
    )

    @OptionGroup var options: ConfigOption
    @Option(help: "The [[runners]] entry (executor = \"kubernetes\").") var runner: String
    @Option(help: "A job payload as GitLab sends it (JSON).") var job: String

    func run() throws {
        let configuration = try AgentConfiguration.load(path: options.config)
        guard let settings = configuration.runners.first(where: { $0.name == runner }) else {
            throw ValidationError("no runner named \(runner) in \(options.config)")
        }
        guard let kubernetes = settings.kubernetes else {
            throw ValidationError("runner \(runner) has no [runners.kubernetes] section")
        }
        guard let data = FileManager.default.contents(atPath: job) else {
            throw ValidationError("cannot read the job payload \(job)")
        }
        let payload: JobPayload
        do {
            payload = try JSONDecoder().decode(JobPayload.self, from: data)
        } catch {
            throw ValidationError("\(job) is not a job payload: \(error)")
        }
        let profile = try ExecutorProfile.load(named: kubernetes.profile, directory: kubernetes.profilesDir)
        let systemID = (try? SystemID.loadOrCreate(configPath: options.config)) ?? "s_000000000000"
        let builder = JobPodBuilder(
            namespace: kubernetes.namespace, profile: profile, helperImage: kubernetes.helperImage,
            settings: PodJobSettings(
                serverURL: settings.url, runnerName: settings.name, runnerShortToken: TokenDisplay.short(settings.token),
                systemID: systemID, outputLimitKiB: settings.outputLimitKiB
            )
        )
        var secret = try builder.secret(for: payload)
        secret.stringData = secret.data.map { $0.mapValues { _ in "<redacted>" } }
        secret.data = nil
        let pod = try builder.pod(for: payload)
        print(try Self.yaml(secret), terminator: "")
        print("---")
        print(try Self.yaml(pod), terminator: "")
    }

    /// YAML of a Kubernetes object (nil fields omitted, keys sorted).
    static func yaml(_ value: some Encodable) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        return try encoder.encode(value)
    }
}
