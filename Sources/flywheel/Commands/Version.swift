import ArgumentParser
import GitLabRunnerAPI

/// `flywheel version`.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print version, revision and architecture.")

    func run() {
        print("flywheel \(FlywheelBuild.version)")
        print("revision: \(FlywheelBuild.revision)")
        print("os/arch: linux/\(FlywheelBuild.architecture)")
    }
}
