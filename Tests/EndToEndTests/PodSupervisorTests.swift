import AsyncHTTPClient
import Executors
import Foundation
import GitLabRunnerAPI
import JobExecution
import Logging
import Simulators
import Testing

/// The job pod's path without a cluster: the agent's accept, then `PodSupervisor` running the job through
/// a real build-loop process over a shared directory, reporting to the GitLab simulator.
@Suite(.timeLimit(.minutes(2))) struct PodSupervisorTests {
    @Test(arguments: [false, true]) func supervisorInThePodRunsAndReportsTheJob(fails: Bool) async throws {
        let simulator = try await GitLabSimulator.started()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pod-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            let script = fails ? ["echo in-build-container", "exit 4"] : ["echo in-build-container", #"echo "secret is $API_SECRET""#]
            let id = simulator.enqueue(job: SimulatedJobs.script(
                script, after: [#"echo "after:$CI_JOB_STATUS""#],
                variables: [["key": "API_SECRET", "value": "pod-secret-value-1", "public": false, "masked": true]]
            ))
            // The agent's part: take the job and accept it.
            let info = RunnerInfo(version: "0", revision: "t", architecture: "amd64", executor: "kubernetes")
            let client = GitLabClient(serverURL: simulator.baseURL, info: info, httpClient: http, logger: logger)
            guard case .job(let job, _) = try await client.requestJob(runnerToken: GitLabSimulatorConfiguration().runnerToken, systemID: "s_0123456789ab", lastUpdate: nil) else {
                Issue.record("no job")
                return
            }
            _ = try await client.updateJob(id: job.id, jobToken: job.token, update: JobUpdate(state: .running))

            // The pod: the shared volume prepared as by `prepare`, the Secret's files, and the build loop.
            let workspace = PodWorkspace(root: root.appendingPathComponent("flywheel").path)
            try workspace.prepare()
            let jobDirectory = root.appendingPathComponent("job")
            try FileManager.default.createDirectory(at: jobDirectory, withIntermediateDirectories: true)
            let settings = PodJobSettings(serverURL: simulator.baseURL, runnerName: "k8s", runnerShortToken: "abc", systemID: "s_0123456789ab", outputLimitKiB: 4096)
            try JSONEncoder().encode(job).write(to: jobDirectory.appendingPathComponent("job.json"))
            try JSONEncoder().encode(settings).write(to: jobDirectory.appendingPathComponent("runner.json"))
            let buildLoop = Process()
            buildLoop.executableURL = URL(fileURLWithPath: "/bin/sh")
            buildLoop.arguments = [workspace.buildLoopPath]
            buildLoop.environment = ["FLYWHEEL_ROOT": workspace.root, "PATH": "/usr/local/bin:/usr/bin:/bin"]
            try buildLoop.run()

            let supervisor = PodSupervisor(
                jobDirectory: jobDirectory.path, workspace: workspace, buildsDirectory: root.appendingPathComponent("builds").path, podName: "flywheel-test-pod"
            )
            let (loadedJob, loadedSettings) = try supervisor.loadJob()
            #expect(loadedJob == job)
            let outcome = await supervisor.run(job: loadedJob, settings: loadedSettings, httpClient: http, logger: logger)
            buildLoop.waitUntilExit()
            #expect(buildLoop.terminationStatus == 0, "the build loop ends when the supervisor is done")
            #expect(outcome.reported)
            let snapshot = try await simulator.waitForFinalState(job: id, timeout: .seconds(30))
            #expect(snapshot.checksumMatches == true)
            #expect(snapshot.traceText.contains("in-build-container\n"))
            #expect(snapshot.traceText.contains("flywheel-test-pod"))
            #expect(!snapshot.traceText.contains("pod-secret-value-1"))
            if fails {
                #expect(outcome.result == .failed(.scriptFailure, exitCode: 4))
                #expect(snapshot.state == .failed)
                #expect(snapshot.exitCode == 4)
                #expect(snapshot.traceText.contains("after:failed"))
            } else {
                #expect(outcome.result == .success)
                #expect(snapshot.state == .success)
                #expect(snapshot.traceText.contains("secret is [MASKED]"))
                #expect(snapshot.traceText.contains("after:success"))
            }
        } catch {
            try? await http.shutdown()
            await simulator.stop()
            throw error
        }
        try await http.shutdown()
        await simulator.stop()
    }
}
