import Foundation
import GitLabRunnerAPI
import JobExecution
import Testing

@Suite struct StageScriptBuilderTests {
    static let tricky: [(key: String, value: String)] = [
        ("Q_SINGLE", "it's 'quoted'"),
        ("Q_DOUBLE", "say \"hi\""),
        ("Q_DOLLAR", "$HOME ${PATH} $$ $(id) `id`"),
        ("Q_BACKSLASH", "back\\slash \\n \\\\ \\'"),
        ("Q_NEWLINES", "line1\nline2\n\n"),
        ("Q_PERCENT", "100% %s %d %%"),
        ("Q_UNICODE", "ünïcødé 🚀 日本語"),
        ("Q_SPACES", "  leading and trailing  "),
        ("Q_EMPTY", ""),
        ("Q_GLOB", "* ? [a-z] ~"),
    ]

    /// Runs `stage` in `shell` inside a fresh directory; returns the result and the directory root.
    static func run(_ stage: StageScript, shell: String, root: TemporaryDirectory) throws -> ScriptHarness.Result {
        try FileManager.default.createDirectory(atPath: root.file("builds/acme/widget"), withIntermediateDirectories: true)
        return try ScriptHarness.run(stage, shell: shell, in: root.path, home: root.path)
    }

    @Test(arguments: ScriptHarness.shells)
    func exportedValuesRoundTripExactly(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let variables = Self.tricky.map { JobVariable(key: $0.key, value: $0.value, raw: true) }
        let commands = Self.tricky.map { "printf '%s' \"$\($0.key)\" > \"$CI_PROJECT_DIR/\($0.key).out\"" }
        let job = try JobFixtures.job(steps: [JobStep(name: "script", script: commands)], variables: variables)
        let builder = JobFixtures.builder(job, root: root.path)
        let result = try Self.run(builder.step(job.steps[0]), shell: shell, root: root)
        #expect(result.status == 0, "\(result.output)")
        for (key, value) in Self.tricky {
            let written = try String(contentsOfFile: root.file("builds/acme/widget/\(key).out"), encoding: .utf8)
            #expect(written == value, "\(key)")
        }
    }

    @Test(arguments: ScriptHarness.shells)
    func fileVariablesAreWrittenPrivatelyAndExportedAsTheirPath(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let content = "-----BEGIN KEY-----\nit's $secret \\ 100%\n-----END KEY-----"
        let job = try JobFixtures.job(
            steps: [JobStep(name: "script", script: ["cat \"$DEPLOY_KEY\" > key.out", "printf '%s' \"$DEPLOY_KEY\" > path.out"])],
            variables: [JobVariable(key: "DEPLOY_KEY", value: content, isPublic: false, file: true, raw: true)]
        )
        let builder = JobFixtures.builder(job, root: root.path)
        let result = try Self.run(builder.step(job.steps[0]), shell: shell, root: root)
        #expect(result.status == 0, "\(result.output)")
        let project = root.file("builds/acme/widget")
        let filePath = project + ".tmp/DEPLOY_KEY"
        #expect(try String(contentsOfFile: project + "/key.out", encoding: .utf8) == content)
        #expect(try String(contentsOfFile: project + "/path.out", encoding: .utf8) == filePath)
        let permissions = try FileManager.default.attributesOfItem(atPath: filePath)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        let cleanup = try Self.run(builder.cleanup(), shell: shell, root: root)
        #expect(cleanup.status == 0, "\(cleanup.output)")
        #expect(!FileManager.default.fileExists(atPath: filePath))
    }

    @Test(arguments: ScriptHarness.shells)
    func commandsAreEchoedExactlyThenRun(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let commands = [
            #"echo "100% \n 'q' \"dq\" \$HOME""#,
            #"printf '%s\n' 'a\b %d'"#,
            "echo ünï 🚀",
        ]
        let job = try JobFixtures.job(steps: [JobStep(name: "script", script: commands)])
        let result = try Self.run(JobFixtures.builder(job, root: root.path).step(job.steps[0]), shell: shell, root: root)
        #expect(result.status == 0, "\(result.output)")
        let green = "\u{1b}[32;1m$ ", reset = "\u{1b}[0;m\n"
        let expected = green + commands[0] + reset + "100% \\n 'q' \"dq\" $HOME\n"
            + green + commands[1] + reset + "a\\b %d\n"
            + green + commands[2] + reset + "ünï 🚀\n"
        // dash's echo interprets "\n" itself; bash's does not. Compare the echo lines for both, the output for bash.
        for command in commands { #expect(result.output.contains(green + command + reset)) }
        if shell == "/bin/bash" { #expect(result.output == expected) }
    }

    @Test(arguments: ScriptHarness.shells)
    func errexitStopsAtTheFirstFailingCommandWithItsStatus(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let job = try JobFixtures.job(steps: [JobStep(name: "script", script: ["echo one", "sh -c 'exit 42'", "echo two"])])
        let result = try Self.run(JobFixtures.builder(job, root: root.path).step(job.steps[0]), shell: shell, root: root)
        #expect(result.status == 42)
        #expect(result.output.contains("one\n"))
        #expect(!result.output.contains("two\n"))

        let inner = try JobFixtures.job(steps: [JobStep(name: "script", script: ["echo a; false; echo b", "echo c"])])
        let second = try Self.run(JobFixtures.builder(inner, root: root.path).step(inner.steps[0]), shell: shell, root: root)
        #expect(second.status == 1)
        #expect(second.output.contains("a\n"))
        #expect(!second.output.contains("b\n"))
        #expect(!second.output.contains("c\n"))
    }

    @Test(arguments: ScriptHarness.shells)
    func aSyntaxErrorFailsTheStageWithoutRunningLaterCommands(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let job = try JobFixtures.job(steps: [JobStep(name: "script", script: ["echo before", "if then fi (", "echo after"])])
        let result = try Self.run(JobFixtures.builder(job, root: root.path).step(job.steps[0]), shell: shell, root: root)
        #expect(result.status != 0)
        #expect(result.output.contains("before\n"))
        #expect(!result.output.contains("after\n"))
    }

    @Test(arguments: ScriptHarness.shells)
    func multiLineCommandsAreCollapsedInTheEchoAndRunWhole(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let commands = ["echo first\necho second\n", "cat <<EOF\nheredoc $CI_SERVER\nEOF", "if true; then\n  echo inside\nfi"]
        let job = try JobFixtures.job(steps: [JobStep(name: "script", script: commands)])
        let result = try Self.run(JobFixtures.builder(job, root: root.path).step(job.steps[0]), shell: shell, root: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\u{1b}[32;1m$ echo first # collapsed multi-line command\u{1b}[0;m\nfirst\nsecond\n"))
        #expect(result.output.contains("$ cat <<EOF # collapsed multi-line command\u{1b}[0;m\nheredoc yes\n"))
        #expect(result.output.contains("$ if true; then # collapsed multi-line command\u{1b}[0;m\ninside\n"))
    }

    @Test(arguments: ScriptHarness.shells)
    func shellStateCarriesAcrossCommandsAndStdinIsEmpty(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let commands = ["mkdir -p sub && cd sub", "LOCAL=kept", "echo \"$(basename \"$PWD\") $LOCAL\"", "if read line; then echo got; else echo eof; fi", "   ", ""]
        let job = try JobFixtures.job(steps: [JobStep(name: "script", script: commands)])
        let stage = JobFixtures.builder(job, root: root.path).step(job.steps[0])
        #expect(stage.name == "step_script")
        let result = try Self.run(stage, shell: shell, root: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("sub kept\n"))
        #expect(result.output.contains("eof\n"))
        #expect(!result.output.contains("$ \u{1b}[0;m"), "blank commands are skipped")
    }

    @Test(arguments: ScriptHarness.shells)
    func afterScriptSeesTheJobStatusAndStartsFresh(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let job = try JobFixtures.job(steps: [
            JobStep(name: "script", script: ["echo \"status=$CI_JOB_STATUS\"", "cd /", "MINE=1"]),
            JobStep(name: "after_script", script: ["echo \"after=$CI_JOB_STATUS pwd=$PWD mine=${MINE:-unset}\""], when: "always", allowFailure: true),
        ])
        let builder = JobFixtures.builder(job, root: root.path)
        let step = try Self.run(builder.step(job.steps[0]), shell: shell, root: root)
        #expect(step.output.contains("status=running\n"))
        let after = builder.afterScript(jobStatus: "failed")
        #expect(after.name == "after_script")
        let result = try Self.run(after, shell: shell, root: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("after=failed pwd=\(root.file("builds/acme/widget")) mine=unset\n"))
    }

    @Test(arguments: ScriptHarness.shells)
    func expandedVariablesReachTheScript(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let job = try JobFixtures.job(
            steps: [JobStep(name: "script", script: ["printf '%s|%s|%s\\n' \"$OUT_DIR\" \"$TEMPLATE\" \"$PRICE\""])],
            variables: [
                JobVariable(key: "OUT_DIR", value: "${CI_PROJECT_DIR}/out"),
                JobVariable(key: "TEMPLATE", value: "literal $NOT_EXPANDED", raw: true),
                JobVariable(key: "PRICE", value: "$$5 $UNDEFINED."),
            ]
        )
        let result = try Self.run(JobFixtures.builder(job, root: root.path).step(job.steps[0]), shell: shell, root: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("\(root.file("builds/acme/widget"))/out|literal $NOT_EXPANDED|$5 .\n"))
    }

    @Test(arguments: ScriptHarness.shells)
    func variablesWithoutAShellNameAreNotExported(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let job = try JobFixtures.job(
            steps: [JobStep(name: "script", script: ["echo \"good=$GOOD\""])],
            variables: [JobVariable(key: "BAD-NAME", value: "x"), JobVariable(key: "1ABC", value: "y"), JobVariable(key: "GOOD", value: "z")]
        )
        let stage = JobFixtures.builder(job, root: root.path).step(job.steps[0])
        #expect(!stage.text.contains("BAD-NAME"))
        #expect(!stage.text.contains("1ABC"))
        let result = try Self.run(stage, shell: shell, root: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("good=z\n"))
    }

    @Test func pipefailWhereTheShellHasIt() throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let job = try JobFixtures.job(steps: [JobStep(name: "script", script: ["false | cat", "echo reached"])])
        let stage = JobFixtures.builder(job, root: root.path).step(job.steps[0])
        let bash = try Self.run(stage, shell: "/bin/bash", root: root)
        #expect(bash.status == 1)
        #expect(!bash.output.contains("reached"))
        let dash = try Self.run(stage, shell: "/bin/sh", root: root)
        #expect(dash.status == 0, "dash has no pipefail; the script must still run: \(dash.output)")
        #expect(dash.output.contains("reached\n"))
    }

    @Test func skeletonAndDebugTrace() throws {
        let plain = try JobFixtures.job(steps: [JobStep(name: "script", script: ["true"])])
        let text = JobFixtures.builder(plain, root: "/tmp/x").step(plain.steps[0]).text
        #expect(text.hasPrefix("#!/usr/bin/env bash\n"))
        #expect(text.contains("trap 'exit 1' TERM\n"))
        #expect(text.contains("set -o errexit\n"))
        #expect(text.contains("set +o noclobber\n"))
        #expect(text.contains(") < /dev/null\nexit 0\n"))
        #expect(!text.contains("xtrace"))
        let debug = try JobFixtures.job(steps: [JobStep(name: "script", script: ["true"])], variables: [JobVariable(key: "CI_DEBUG_TRACE", value: "true")])
        #expect(JobFixtures.builder(debug, root: "/tmp/x", shell: "sh").step(debug.steps[0]).text.hasPrefix("#!/bin/sh\n"))
        #expect(JobFixtures.builder(debug, root: "/tmp/x").step(debug.steps[0]).text.contains("set -o xtrace\n"))
    }

    @Test(arguments: ScriptHarness.shells)
    func afterScriptWithoutAStepDoesNothing(shell: String) throws {
        let root = try TemporaryDirectory("script")
        defer { root.remove() }
        let job = try JobFixtures.job(steps: [JobStep(name: "script", script: ["true"])])
        let result = try Self.run(JobFixtures.builder(job, root: root.path).afterScript(jobStatus: "success"), shell: shell, root: root)
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
    }
}
