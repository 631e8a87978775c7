@testable import Executors
import Glibc
import JobExecution
import Testing

extension LocalStageRunnerTests {
    @Test("terminate() sends SIGTERM to the stage, whose TERM trap runs")
    func terminateRunsTrap() async throws {
        let (stage, output) = try await start("trap 'echo got-term; exit 143' TERM; sleep 300 & echo ready; wait")
        await output.waitFor("ready\n")
        stage.terminate()
        let exit = await stage.wait()
        #expect(exit == .exited(143))
        #expect(output.text == "ready\ngot-term\n")
    }

    @Test("kill() stops a stage that survives SIGTERM")
    func killStopsTermIgnoringStage() async throws {
        let (stage, output) = try await start("trap 'echo survived-term' TERM; echo ready; while :; do sleep 1; done")
        await output.waitFor("ready\n")
        stage.terminate()
        await output.waitFor("survived-term\n")
        stage.kill()
        stage.kill()
        #expect(await stage.wait() == .signaled(SIGKILL))
    }

    @Test("signals ignored by the agent are back to default in the stage")
    func signalDispositionsReset() async throws {
        let previousHangUp = signal(SIGHUP, SIG_IGN)
        let previousUser = signal(SIGUSR1, SIG_IGN)
        defer {
            signal(SIGHUP, previousHangUp)
            signal(SIGUSR1, previousUser)
        }
        let (exit, output) = try await run("grep -E '^Sig(Ign|Blk):' /proc/self/status")
        #expect(exit == .exited(0))
        // Standard signals only: glibc's posix_spawn leaves its internal real-time signals (32, 33)
        // ignored, and they cannot be named in a sigset.
        var masks: [String: UInt64] = [:]
        for line in output.text.split(separator: "\n") {
            let parts = line.split(separator: ":")
            masks[String(parts[0])] = UInt64(parts[1].trimmingPrefix("\t"), radix: 16)
        }
        #expect(masks.keys.sorted() == ["SigBlk", "SigIgn"])
        #expect(masks["SigIgn"].map { $0 & 0x7fff_ffff } == 0)
        #expect(masks["SigBlk"].map { $0 & 0x7fff_ffff } == 0)
    }
}
