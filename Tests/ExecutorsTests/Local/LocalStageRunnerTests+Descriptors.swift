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
        if result == nil, let said = try? String(contentsOfFile: Self.childReport(parent: getpid()), encoding: .utf8) {
            Issue.record("child said: \(said)")  // a failed exit test returns no result, so the child also leaves a file
        }
        try? FileManager.default.removeItem(atPath: Self.childReport(parent: getpid()))
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
        // The escaped process's pid also goes to a file: under load the 100 ms drain can end before its
        // output line is read, and an escaped `sleep 300` left alive holds the pipe open.
        let pidFile = sandbox.root + "/escaped.pid"
        _ = try await run(Self.escapingScript.replacingOccurrences(of: "echo \"pid=$!\"", with: "echo \"$!\" > '\(pidFile)'; echo \"pid=$!\""), runner: escaping)
        if let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            _ = Glibc.kill(pid, SIGKILL)
        } else {
            FileHandle.standardError.write(Data("the escaped process wrote no pid file\n".utf8))
            exit(2)
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
            let report = "descriptors before: \(before)\nafter: \(after)\n"
            FileHandle.standardError.write(Data(report.utf8))
            try? report.write(toFile: Self.childReport(parent: getppid()), atomically: true, encoding: .utf8)
            exit(1)
        }
    }

    /// Where the exit test's child leaves what it found, for the parent (`parent` is its pid).
    static func childReport(parent: pid_t) -> String {
        NSTemporaryDirectory() + "flywheel-descriptor-leak-\(parent).txt"
    }
}
