import ArgumentParser
import Executors

/// `flywheel prepare`: the job pod's init container; lays out the shared volume and the build loop.
struct Prepare: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Prepare a job pod's shared volume (init container).", shouldDisplay: false)

    @Option(help: "The shared volume.") var root: String = "/flywheel"

    func run() throws {
        try PodWorkspace(root: root).prepare()
    }
}
