@testable import Executors
import Foundation
import Glibc
import JobExecution
import Testing

extension LocalStageRunnerTests {
    @Test("the environment is exactly the one given (plus what the shell itself sets)")
    func exactEnvironment() async throws {
        let environment = ["PATH": "/usr/bin:/bin", "FLYWHEEL_ONE": "1", "FLYWHEEL_SPACED": "a b  c"]
        let (exit, output) = try await run("env", runner: sandbox.runner(environment: environment))
        #expect(exit == .exited(0))
        var seen: [String: String] = [:]
        for line in output.text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            seen[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        for shellOwn in ["PWD", "OLDPWD", "SHLVL", "_"] { seen[shellOwn] = nil }
        #expect(seen == environment)
    }

    @Test("the stage starts in the working directory, which is created when missing")
    func workingDirectory() async throws {
        let (exit, output) = try await run("pwd -P")
        #expect(exit == .exited(0))
        let resolved = try #require(realpath(sandbox.workingDirectory, nil))
        defer { free(resolved) }
        #expect(output.text == String(cString: resolved) + "\n")
    }

    @Test("the script is written to <scriptsDirectory>/<stage>, both private to the agent's user")
    func scriptFile() async throws {
        let text = "echo from-file\n"
        let (exit, output) = try await run(text, name: "get_sources")
        #expect(exit == .exited(0))
        #expect(output.text == "from-file\n")
        let path = sandbox.scriptsDirectory + "/get_sources"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
        #expect(stat(sandbox.scriptsDirectory, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o700)
    }

    @Test("stdin is /dev/null")
    func stdinIsDevNull() async throws {
        let (exit, output) = try await run("readlink /proc/$$/fd/0; cat; echo end")
        #expect(exit == .exited(0))
        #expect(output.text == "/dev/null\nend\n")
    }

    @Test("no usable shell is a StageLaunchError naming the places looked at")
    func missingShell() async throws {
        var runner = sandbox.runner()
        runner.shellCandidates = ["/nonexistent/bash"]
        let error = await #expect(throws: StageLaunchError.self) {
            _ = try await runner.start(StageScript(name: "step_script", text: "true"), output: CollectingTraceWriter())
        }
        #expect(error?.stage == "step_script")
        #expect(error?.reason.contains("/nonexistent/bash") == true)
    }

    @Test("an unsupported shell name is a StageLaunchError")
    func unsupportedShell() async throws {
        let error = await #expect(throws: StageLaunchError.self) {
            _ = try await self.sandbox.runner(shell: "fish").start(StageScript(name: "step_script", text: "true"), output: CollectingTraceWriter())
        }
        #expect(error?.reason.contains("fish") == true)
    }

    @Test("a stage name that is not a plain file name is rejected")
    func pathLikeStageName() async throws {
        await #expect(throws: StageLaunchError.self) {
            _ = try await self.sandbox.runner().start(StageScript(name: "../escape", text: "true"), output: CollectingTraceWriter())
        }
    }
}
