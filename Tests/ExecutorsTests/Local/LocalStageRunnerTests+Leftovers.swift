@testable import Executors
import Glibc
import JobExecution
import Testing

extension LocalStageRunnerTests {
    /// The pid a script printed as `pid=<n>`.
    private func printedPID(_ text: String) -> pid_t? {
        text.split(separator: "\n").first { $0.hasPrefix("pid=") }.flatMap { pid_t($0.dropFirst(4)) }
    }

    /// Starts `sleep 300` in a new session (outside the stage's process group) holding the output pipe,
    /// prints `pid=<its pid>` once it has escaped, and exits 0.
    static let escapingScript = """
        mkfifo escaped
        setsid sh -c 'echo > escaped; exec sleep 300' &
        read line < escaped
        echo "pid=$!"
        exit 0
        """

    @Test("a background process holding the output pipe neither hangs the stage nor survives it")
    func backgroundProcessIsKilled() async throws {
        let (exit, output) = try await run("sleep 300 &\necho \"pid=$!\"\nexit 0")
        #expect(exit == .exited(0))
        let pid = try #require(printedPID(output.text))
        #expect(ProcessState.waitUntilGone(pid))
        #expect(!output.text.contains("WARNING"))
    }

    @Test("a process that escaped the process group cannot hold the stage beyond the drain timeout")
    func escapedProcessOutputIsDropped() async throws {
        var runner = sandbox.runner()
        runner.outputDrainTimeout = .milliseconds(300)
        // The fifo makes the script wait until the child has left the process group.
        let (exit, output) = try await run(Self.escapingScript, runner: runner)
        let pid = try #require(printedPID(output.text))
        defer { _ = Glibc.kill(pid, SIGKILL) }
        #expect(exit == .exited(0))
        #expect(output.text == "pid=\(pid)\n" + LocalRunningStage.abandonedOutputWarning)
        #expect(!ProcessState.isGone(pid), "the escaped process is outside the group and keeps running")
    }
}
