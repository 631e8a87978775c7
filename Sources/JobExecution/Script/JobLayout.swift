import GitLabRunnerAPI

/// Where a job's files live on the machine that runs its stages.
public struct JobLayout: Sendable, Equatable {
    /// The builds root (`CI_BUILDS_DIR`).
    public var buildsDir: String
    /// The checkout (`CI_PROJECT_DIR`).
    public var projectDir: String
    /// The job's private scratch directory, `<projectDir>.tmp` (`RUNNER_TEMP_PROJECT_DIR`): file variables live here.
    public var tempDir: String
    /// Where stage scripts are written.
    public var scriptsDir: String

    /// - Parameters:
    ///   - tempDir: defaults to `<projectDir>.tmp`.
    ///   - scriptsDir: defaults to `<tempDir>/scripts`.
    public init(buildsDir: String, projectDir: String, tempDir: String? = nil, scriptsDir: String? = nil) {
        self.buildsDir = Self.trimmed(buildsDir)
        self.projectDir = Self.trimmed(projectDir)
        let temp = tempDir.map(Self.trimmed) ?? self.projectDir + ".tmp"
        self.tempDir = temp
        self.scriptsDir = scriptsDir.map(Self.trimmed) ?? temp + "/scripts"
    }

    /// The layout of `job` under `buildsDir`, with the project at ``defaultProjectDir(buildsDir:job:)``.
    public init(buildsDir: String, job: JobPayload) {
        self.init(buildsDir: buildsDir, projectDir: Self.defaultProjectDir(buildsDir: buildsDir, job: job))
    }

    /// `<buildsDir>/<project_full_path>`, or `<buildsDir>/project-<project id>` when the path is empty
    /// or unusable (absolute, or with `.`/`..` components).
    public static func defaultProjectDir(buildsDir: String, job: JobPayload) -> String {
        let root = trimmed(buildsDir)
        let components = job.jobInfo.projectFullPath.split(separator: "/", omittingEmptySubsequences: false)
        let usable = !components.isEmpty && components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." && !$0.contains("\0") }
        let relative = usable ? components.joined(separator: "/") : "project-\(job.jobInfo.projectID)"
        return root == "/" ? "/" + relative : root + "/" + relative
    }

    /// `path` without trailing slashes (`/` stays `/`).
    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
