import ArgumentParser
import Executors
import Foundation
import GitLabRunnerAPI
import JobExecution
import Logging
import Pipeline
import RunnerConfiguration

/// `flywheel exec`: runs one job of a local `.gitlab-ci.yml` without GitLab, through the same
/// supervisor and executor as `flywheel run`, printing the trace as it is produced.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a job of a local .gitlab-ci.yml without GitLab (the committed state of the repository).",
        discussion: """
            The job gets the payload GitLab would send for it (variables, steps, image, services, timeout) and \
            runs with the shell executor. Its sources are cloned from the local repository's HEAD: commit \
            first, or pass --var GIT_STRATEGY=none to run in an empty directory. Without JOB, lists the jobs. \
            Exit status: 0 when the job succeeds, its script's exit code when it fails with one, else 1.
            """
    )

    @Argument(help: "The job to run.") var job: String?
    @Option(help: "The pipeline file.") var file: String = ".gitlab-ci.yml"
    @Option(help: "Executor: shell (kubernetes is not available in exec yet).") var executor: String = "shell"
    @Option(name: .customLong("var"), help: "A variable K=V for the job, like a project CI/CD variable (repeatable).")
    var variables: [String] = []
    @Option(help: "Where the job's directory is created (default: a temporary directory, removed afterwards).")
    var buildsDir: String?

    func run() async throws {
        let fileURL = URL(fileURLWithPath: file)
        let fileDirectory = fileURL.deletingLastPathComponent().path
        let projectDirectory = Self.git(["rev-parse", "--show-toplevel"], in: fileDirectory) ?? fileDirectory
        let document: PipelineDocument
        let definition: PipelineJob
        do {
            document = try PipelineDocument.load(file: fileURL.path, projectDirectory: projectDirectory)
            guard let job else {
                print(document.jobNames.joined(separator: "\n"))
                return
            }
            definition = try PipelineJob(named: job, in: document)
        } catch {
            throw ValidationFailure(error.description)
        }
        guard executor == "shell" else {
            throw ValidationFailure("--executor \(executor): flywheel exec runs jobs with the shell executor only, for now")
        }
        if !definition.ignoredKeywords.isEmpty {
            Self.warn("job `\(definition.name)` uses \(definition.ignoredKeywords.map { "`\($0)`" }.joined(separator: ", ")), which flywheel exec does not carry out; they are ignored")
        }
        var extra: [JobVariable] = []
        for assignment in variables {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationFailure("--var \(assignment): expected KEY=VALUE")
            }
            extra.append(JobVariable(key: String(assignment[..<equals]), value: String(assignment[assignment.index(after: equals)...])))
        }
        let sha = Self.git(["rev-parse", "HEAD"], in: projectDirectory)
        if sha == nil, !extra.contains(where: { $0.key == "GIT_STRATEGY" }) {
            throw ValidationFailure("\(projectDirectory) is not a git repository with a commit: flywheel exec clones HEAD. Pass --var GIT_STRATEGY=none to run without sources.")
        }
        if sha != nil, let status = Self.git(["status", "--porcelain", "--untracked-files=no"], in: projectDirectory), !status.isEmpty {
            Self.warn("uncommitted changes in \(projectDirectory) are not part of the job: it clones HEAD")
        }
        let token = "glcbt-exec-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
        var context = LocalJobContext(
            jobToken: token, projectFullPath: "local/" + URL(fileURLWithPath: projectDirectory).lastPathComponent,
            repositoryURL: "file://" + projectDirectory,
            ref: Self.git(["rev-parse", "--abbrev-ref", "HEAD"], in: projectDirectory) ?? "main", sha: sha ?? "",
            serverURL: "http://localhost"
        )
        context.extraVariables = extra
        let payload = definition.payload(context)

        let temporary = buildsDir == nil
        let builds = buildsDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("flywheel-exec-\(UUID().uuidString.prefix(8))").path
        defer { if temporary { try? FileManager.default.removeItem(atPath: builds) } }
        var logger = Logger(label: "flywheel.exec")
        logger.logLevel = .warning
        let api = ConsoleJobAPI()
        var timing = TraceUploader.Timing()
        timing.initialInterval = .milliseconds(100)
        timing.maximumInterval = .milliseconds(100)
        let shell = ShellExecutor(
            settings: RunnerSettings(name: "exec", url: "http://localhost", token: "exec-local", executor: .shell, buildsDir: builds),
            systemID: "s_exec", api: api, timing: timing, logger: logger
        )
        let outcome = await shell.run(payload, control: JobControl())
        switch outcome.result {
        case .success:
            return
        case .failed(_, let exitCode):
            throw ExitCode(exitCode.map { $0 == 0 ? 1 : $0 } ?? 1)
        case .canceled, .aborted:
            throw ExitCode(1)
        }
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("flywheel exec: warning: \(text)\n".utf8))
    }

    /// Output of `git -C directory arguments…`, trimmed; `nil` when git fails.
    static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
