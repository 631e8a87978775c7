import ArgumentParser
import AsyncHTTPClient
import Executors
import Foundation
import GitLabRunnerAPI
import JobExecution
import Logging
import RunnerConfiguration
import UnixSignals

/// `flywheel supervise`: the job pod's supervisor container.
struct Supervise: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run and report one job from inside its pod (supervisor container).",
        discussion: "Exit status 0 when GitLab took the final state (or aborted the job), 1 when it could not be reported: the agent then ends the job.",
        shouldDisplay: false
    )

    @Option(help: "The shared volume.") var root: String = "/flywheel"
    @Option(help: "Where the job's Secret is mounted.") var jobDir: String = "/flywheel-job"
    @Option(help: "The builds volume.") var buildsDir: String = "/builds"
    @Option(help: "Where the outcome is written for the agent (the container's terminationMessagePath).") var terminationMessagePath: String = "/dev/termination-log"

    func run() async throws {
        let logger = LoggingBootstrap.start(level: .info, format: .text)
        let supervisor = PodSupervisor(
            jobDirectory: jobDir, workspace: PodWorkspace(root: root), buildsDirectory: buildsDir,
            podName: ProcessInfo.processInfo.environment["POD_NAME"] ?? ProcessInfo.processInfo.hostName
        )
        let (job, settings) = try supervisor.loadJob()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let control = JobControl()
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let outcome = await withTaskGroup(of: JobOutcome?.self) { group in
            group.addTask {
                for await signal in signals {
                    logger.warning("received \(signal): the pod is being stopped; interrupting the job")
                    control.request(.interrupt)
                }
                return nil
            }
            group.addTask { await supervisor.run(job: job, settings: settings, httpClient: http, control: control, logger: logger) }
            var outcome: JobOutcome?
            while let next = await group.next() {
                if let next {
                    outcome = next
                    group.cancelAll()
                }
            }
            return outcome
        }
        try? await http.shutdown()
        logger.info("job \(job.id) ended: \(String(describing: outcome?.result)), reported: \(outcome?.reported ?? false)")
        // The agent learns the outcome from the container's termination message.
        if let outcome, let file = FileHandle(forWritingAtPath: terminationMessagePath) {
            try? file.truncate(atOffset: 0)
            try? file.write(contentsOf: Data(outcome.result.terminationMessage.utf8))
            try? file.close()
        }
        if let outcome, outcome.reported || outcome.result == .aborted { return }
        throw ExitCode(1)
    }
}
