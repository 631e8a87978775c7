@testable import Executors
import Foundation
import Glibc
import JobExecution
import Testing

extension LocalStageRunnerTests {
    @Test("the stage inherits only stdin, stdout and stderr, even descriptors without close-on-exec")
    func noDescriptorsLeakIntoStage() async throws {
        let inheritable = open("/dev/null", O_RDONLY)
        try #require(inheritable >= 0)
        defer { close(inheritable) }
        // `ls` lists its own descriptors: 0-2 plus the one it opened to read the directory.
        let (exit, output) = try await run("ls /proc/self/fd")
        #expect(exit == .exited(0))
        #expect(output.text == "0\n1\n2\n3\n")
    }

    /// Runs in a child process of its own (an exit test): other suites of the same `swift test` run open
    /// and close descriptors concurrently, so a whole-process descriptor count is only exact in isolation.
    @Test("running stages leaves the agent's open descriptors unchanged")
    func noDescriptorsLeakInAgent() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            try await LocalStageRunnerTests().checkNoDescriptorLeak()
        }
        if let result, result.exitStatus != .exitCode(0) {
            Issue.record("child said: \(String(decoding: result.standardErrorContent, as: UTF8.self))")
        }
    }

    func checkNoDescriptorLeak() async throws {
        _ = try await run("true")  // warm up lazily opened runtime descriptors
        let before = OpenDescriptors.stageRelated()

        _ = try await run("echo hello; echo world >&2")
        _ = try await run("sleep 300 & exit 3")
        let (stage, output) = try await start("echo ready; while :; do sleep 1; done")
        await output.waitFor("ready\n")
        stage.kill()
        // No #expect in this child: an expectation event opens the exit test's back channel, a descriptor
        // of its own. What these stages do is asserted by the other tests; here only descriptors count.
        _ = await stage.wait()
        var escaping = sandbox.runner()
        escaping.outputDrainTimeout = .milliseconds(100)
        let (_, escaped) = try await run(Self.escapingScript, runner: escaping)
        if let line = escaped.text.split(separator: "\n").first, let pid = pid_t(line.dropFirst(4)) {
            _ = Glibc.kill(pid, SIGKILL)
        }

        // A shell that cannot be executed fails the launch without leaking the pipe.
        let bogusShell = sandbox.root + "/not-a-program"
        _ = FileManager.default.createFile(atPath: bogusShell, contents: Array("\u{7f}ELF garbage".utf8).withUnsafeBytes { Data($0) }, attributes: [.posixPermissions: 0o755])
        var broken = sandbox.runner()
        broken.shellCandidates = [bogusShell]
        do {
            _ = try await broken.start(StageScript(name: "step_script", text: "true"), output: CollectingTraceWriter())
            FileHandle.standardError.write(Data("the bogus shell started\n".utf8))
            exit(3)
        } catch {}

        // The drain thread of the escaped stage closes its pipe when the killed process's end closes,
        // asynchronously: give it a bounded moment under load before comparing.
        // (A blocking sleep: a first Task.sleep could make the runtime open a timer descriptor of its own.)
        var after = OpenDescriptors.stageRelated()
        let deadline = ContinuousClock.now + .seconds(10)
        while after != before, ContinuousClock.now < deadline {
            usleep(50_000)
            after = OpenDescriptors.stageRelated()
        }
        if after != before {
            FileHandle.standardError.write(Data("descriptors before: \(before)\nafter: \(after)\n".utf8))
            exit(1)
        }
    }
}
