import GitLabRunnerAPI

/// Where a job runs when no GitLab hands it out (`flywheel exec`): the values GitLab would fill in
/// from the project, the pipeline and the job record.
public struct LocalJobContext: Sendable {
    public var jobID: Int64 = 1
    public var jobToken: String
    public var pipelineID: Int64 = 1
    public var projectID: Int64 = 1
    /// `namespace/project`, e.g. `local/flywheel`.
    public var projectFullPath: String
    /// The URL GitLab would clone from (`file://…` for a local checkout).
    public var repositoryURL: String
    public var ref: String
    public var sha: String
    public var serverURL: String
    /// Variables given on the command line (`--var K=V`), after the YAML ones, as project variables come.
    public var extraVariables: [JobVariable] = []

    public init(jobToken: String, projectFullPath: String, repositoryURL: String, ref: String, sha: String, serverURL: String) {
        self.jobToken = jobToken
        self.projectFullPath = projectFullPath
        self.repositoryURL = repositoryURL
        self.ref = ref
        self.sha = sha
        self.serverURL = serverURL
    }
}
