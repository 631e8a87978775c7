import Executors
import Foundation
import JobExecution
import Synchronization
import Testing

/// The supervisor's side of the build loop, against the real loop script run by dash and by bash.
@Suite(.timeLimit(.minutes(1))) struct PodStageRunnerTests {
    /// A prepared workspace with the build loop running in `shell`, as in a build container.
    final class BuildContainer: Sendable {
        let workspace: PodWorkspace
        let process: Process

        init(shell: String) throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("pod-\(UUID().uuidString)").path
            workspace = PodWorkspace(root: root)
            try workspace.prepare()
            process = Process()
            process.executableURL = URL(fileURLWithPath: shell)
            process.arguments = [workspace.buildLoopPath]
            process.environment = ["FLYWHEEL_ROOT": root, "PATH": "/usr/bin:/bin"]
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        func stop() {
            workspace.stopBuildLoop()
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: workspace.root)
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
        kill(container.process.processIdentifier, SIGKILL)
        guard case .lost(let why) = await stage.wait() else {
            Issue.record("expected the stage to be lost")
            return
        }
        #expect(why.contains("heartbeat"))
        container.stop()
    }

    @Test func stopEndsTheBuildLoop() async throws {
        let container = try BuildContainer(shell: "/bin/sh")
        container.workspace.stopBuildLoop()
        container.process.waitUntilExit()
        #expect(container.process.terminationStatus == 0)
        try? FileManager.default.removeItem(atPath: container.workspace.root)
    }
}
