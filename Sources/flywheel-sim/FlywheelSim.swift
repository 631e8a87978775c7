import ArgumentParser

/// `flywheel-sim`: serves the test-double peers of Flywheel on loopback.
@main
struct FlywheelSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flywheel-sim",
        abstract: "Serve simulated peers (GitLab runner API, Kubernetes, a Nix binary cache) for tests, demos and outside checks.",
        subcommands: [GitLabCommand.self, KubeCommand.self, BinaryCacheCommand.self]
    )
}
