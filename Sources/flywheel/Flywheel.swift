import ArgumentParser

/// `flywheel`: a GitLab runner that runs jobs as local processes or Kubernetes pods.
@main
struct Flywheel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flywheel",
        abstract: "A GitLab runner: registers with GitLab, takes jobs and runs them.",
        subcommands: [Run.self, Register.self, Verify.self, Unregister.self, List.self, PodSpecCommand.self, Prepare.self, Supervise.self, Cache.self, Exec.self, DeployCommand.self, Version.self]
    )
}
