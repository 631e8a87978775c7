import GitLabRunnerAPI

/// Turns a job into the POSIX shell scripts of its stages (notes §10.2).
///
/// Every script runs under bash and dash alike and starts in a fresh process: it exports all job
/// variables itself (file variables are written to ``JobLayout/tempDir``), changes into the project
/// directory and runs its commands with `errexit`, so the first failing command ends the stage with
/// its exit status. Each command is echoed in bold green as `$ <command>`, exactly as written.
public struct StageScriptBuilder: Sendable {
    /// The job the scripts are for.
    public let job: JobPayload
    /// Where the job's directories are.
    public let layout: JobLayout
    /// The variables every script exports.
    public let variables: JobVariables
    /// The shell named in the scripts' `#!` line (`bash` or `sh`); the scripts are POSIX either way.
    public let shell: String

    /// - Parameters:
    ///   - variables: usually `JobVariables(job: job, layout: layout, runner: …)`.
    ///   - shell: `bash`, `sh` or a shell path, for the `#!` line.
    public init(job: JobPayload, layout: JobLayout, variables: JobVariables, shell: String = "bash") {
        self.job = job
        self.layout = layout
        self.variables = variables
        self.shell = shell
    }

    /// The stage running `step`'s commands, named `step_<step name>`.
    public func step(_ step: JobStep) -> StageScript {
        var body = ShellScriptWriter()
        writeExports(into: &body)
        body.line("cd \(ShellQuote.single(layout.projectDir))")
        for command in step.script { body.userCommand(command) }
        return stage(named: "step_" + TraceSection.sanitizedName(step.name), body: body)
    }

    /// The after_script stage: the job's `after_script` step with `CI_JOB_STATUS` set to `jobStatus`
    /// (`success`, `failed`, `canceled` or `timedout`). Without such a step the stage does nothing.
    public func afterScript(jobStatus: String) -> StageScript {
        var body = ShellScriptWriter()
        writeExports(into: &body, overrides: ["CI_JOB_STATUS": jobStatus])
        body.line("cd \(ShellQuote.single(layout.projectDir))")
        for command in job.steps.first(where: { $0.name == "after_script" })?.script ?? [] {
            body.userCommand(command)
        }
        return stage(named: "after_script", body: body)
    }

    /// The cleanup stage: removes the file variables written to ``JobLayout/tempDir``.
    public func cleanup() -> StageScript {
        var body = ShellScriptWriter()
        for variable in exportedVariables where variable.file {
            body.line("rm -f \(ShellQuote.single(filePath(of: variable.key)))")
        }
        return stage(named: "cleanup_file_variables", body: body)
    }

    // MARK: Script parts

    /// Whether the job asked for shell tracing (`CI_DEBUG_TRACE=true`).
    var debugTrace: Bool {
        variables.value(of: "CI_DEBUG_TRACE")?.lowercased() == "true"
    }

    /// The variables a script can export (valid shell names only).
    var exportedVariables: [JobVariable] {
        variables.all.filter { ShellQuote.isVariableName($0.key) }
    }

    /// Where file variable `key` is written.
    func filePath(of key: String) -> String {
        layout.tempDir + "/" + key
    }

    /// Exports every variable; file variables are written (owner-only) to the temp directory and
    /// exported as their path.
    func writeExports(into body: inout ShellScriptWriter, overrides: [String: String] = [:]) {
        let variables = exportedVariables
        var madeTempDir = false
        for variable in variables {
            let value = overrides[variable.key] ?? variable.value
            guard variable.file else {
                body.export(variable.key, value)
                continue
            }
            if !madeTempDir {
                body.line("mkdir -p \(ShellQuote.single(layout.tempDir))")
                madeTempDir = true
            }
            let path = ShellQuote.single(filePath(of: variable.key))
            body.line("(umask 077 && printf '%s' \(ShellQuote.single(value)) > \(path))")
            body.line("chmod 600 \(path)")
            body.line("export \(variable.key)=\(path)")
        }
        for (key, value) in overrides.sorted(by: { $0.key < $1.key })
        where ShellQuote.isVariableName(key) && !variables.contains(where: { $0.key == key }) {
            body.export(key, value)
        }
    }

    /// Wraps `body` in the stage skeleton.
    func stage(named name: String, body: ShellScriptWriter) -> StageScript {
        var script = ShellScriptWriter()
        script.line(shell.hasPrefix("/") ? "#!\(shell)" : (shell == "sh" ? "#!/bin/sh" : "#!/usr/bin/env \(shell)"))
        script.line("# flywheel stage \(name) of job \(job.id)")
        script.line("trap 'exit 1' TERM")
        if debugTrace { script.line("set -o xtrace") }
        script.line("if (set -o pipefail) 2>/dev/null; then set -o pipefail; fi")
        script.line("set -o errexit")
        script.line("set +o noclobber")
        script.line("(")
        script.line("trap 'exit 1' TERM")
        script.line(body.text.isEmpty ? ":" : String(body.text.dropLast()))
        script.line(") < /dev/null")
        script.line("exit 0")
        return StageScript(name: name, text: script.text)
    }
}
