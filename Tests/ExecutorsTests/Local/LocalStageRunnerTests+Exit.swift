@testable import Executors
import JobExecution
import Testing

extension LocalStageRunnerTests {
    @Test("the shell's exit status is reported", arguments: [Int32(0), 3, 255])
    func exitCodes(code: Int32) async throws {
        let (exit, output) = try await run("echo before; exit \(code)")
        #expect(exit == .exited(code))
        #expect(exit.exitCode == code)
        #expect(output.text == "before\n")
    }

    @Test("a shell killed by a signal is reported as signaled, exit code 128 + signal")
    func signaled() async throws {
        let (exit, _) = try await run("kill -9 $$")
        #expect(exit == .signaled(9))
        #expect(exit.exitCode == 137)
    }

    @Test("a stage that closes its output before exiting still reports its exit status")
    func outputClosedBeforeExit() async throws {
        let (exit, output) = try await run("echo early; exec >&- 2>&-; sleep 0.1; exit 4")
        #expect(exit == .exited(4))
        #expect(output.text == "early\n")
    }

    @Test("wait() can be called concurrently and again later, always with the same result")
    func repeatedWait() async throws {
        let (stage, _) = try await start("echo ready; exit 7")
        async let first = stage.wait()
        async let second = stage.wait()
        let results = await [first, second]
        #expect(results == [.exited(7), .exited(7)])
        #expect(await stage.wait() == .exited(7))
        // Signalling a finished stage is a no-op.
        stage.terminate()
        stage.kill()
        #expect(await stage.wait() == .exited(7))
    }
}
