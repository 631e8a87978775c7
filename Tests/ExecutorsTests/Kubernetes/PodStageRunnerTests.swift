@testable import Executors
import Foundation
import JobExecution
import Synchronization
import Testing

/// The supervisor's side of the build loop, against the real loop script run by dash and by bash.
@Suite(.timeLimit(.minutes(1))) struct PodStageRunnerTests {
    /// A prepared workspace with the build loop running in `shell`, as in a build container.
    /// The build loop as a container's main process: spawned with default signal dispositions and an
    /// empty signal mask (Foundation's `Process` would pass on the blocked mask of the concurrency thread
    /// that starts it, and a stage's `trap … TERM` would then never run).
    final class BuildContainer: Sendable {
        let workspace: PodWorkspace
        let pid: pid_t
        private let output: Int32

        init(shell: String) throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("pod-\(UUID().uuidString)").path
            workspace = PodWorkspace(root: root)
            try workspace.prepare()
            let spawned = try SpawnedShell.spawn(
                executable: shell, arguments: [workspace.buildLoopPath],
                environment: ["FLYWHEEL_ROOT": root, "PATH": "/usr/bin:/bin"], workingDirectory: root
            )
            pid = spawned.pid
            output = spawned.outputDescriptor
        }

        /// Asks the loop to stop, reaps it, and returns its raw wait status.
        @discardableResult
        func stop() -> Int32 {
            workspace.stopBuildLoop()
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            close(output)
            try? FileManager.default.removeItem(atPath: workspace.root)
            return status
        }
    }

    final class Collected: TraceWriter, Sendable {
        let bytes = Mutex<[UInt8]>([])
        func write(_ data: UnsafeRawBufferPointer) { bytes.withLock { $0 += data } }
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
    }

    static let shells = ["/bin/sh", "/bin/bash"].filter { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(arguments: shells) func runsStagesInOrderWithExactOutputAndExitCodes(shell: String) async throws {
        let container = try BuildContainer(shell: shell)
        defer { container.stop() }
        let runner = PodStageRunner(workspace: container.workspace)
        let first = Collected()
        let one = try await runner.start(StageScript(name: "step_script", text: "printf 'a\\n'; printf 'b' >&2; printf '\\001\\377'\nexit 0\n"), output: first)
        #expect(await one.wait() == .exited(0))
        #expect(first.bytes.withLock { $0 } == Array("a\nb".utf8) + [1, 255])
        let second = Collected()
        let two = try await runner.start(StageScript(name: "after_script", text: "echo after; exit 7\n"), output: second)
        #expect(await two.wait() == .exited(7))
        #expect(second.text == "after\n")
    }

    @Test func terminateReachesTheStageAndItsChildren() async throws {
        let container = try BuildContainer(shell: "/bin/sh")
        defer { container.stop() }
        let runner = PodStageRunner(workspace: container.workspace)
        let output = Collected()
        let marker = container.workspace.root + "/child-alive"
        let stage = try await runner.start(
            StageScript(name: "step_script", text: "trap 'echo got-term; exit 143' TERM\n(trap 'rm -f \(marker); exit 0' TERM; touch \(marker); while :; do sleep 0.1; done) &\necho ready\nwait\n"),
            output: output
        )
        while !output.text.contains("ready") { await Task.yield() }
        stage.terminate()
        #expect(await stage.wait() == .exited(143))
        #expect(output.text.contains("got-term"))
        #expect(!FileManager.default.fileExists(atPath: marker), "the stage's child got TERM too")
    }

    @Test func deadBuildContainerIsReportedLost() async throws {
        let container = try BuildContainer(shell: "/bin/sh")
        let runner = PodStageRunner(workspace: container.workspace, staleAfter: .seconds(1))
        let output = Collected()
        let stage = try await runner.start(StageScript(name: "step_script", text: "echo started; sleep 4\n"), output: output)
        while !output.text.contains("started") { await Task.yield() }
        kill(container.pid, SIGKILL)
        guard case .lost(let why) = await stage.wait() else {
            Issue.record("expected the stage to be lost")
            return
        }
        #expect(why.contains("heartbeat"))
        container.stop()
    }

    @Test func stopEndsTheBuildLoop() async throws {
        let container = try BuildContainer(shell: "/bin/sh")
        #expect(container.stop() == 0, "exited normally with status 0")
    }
}
