import GitLabRunnerAPI

extension PipelineJob {
    /// The `features.failure_reasons` a current GitLab advertises (research notes §6.1).
    public static let advertisedFailureReasons = [
        "unknown_failure", "script_failure", "api_failure", "stuck_or_timeout_failure",
        "runner_system_failure", "job_execution_timeout", "runner_unsupported",
        "runner_configuration_error", "runner_external_dependency_failure", "runner_interrupted",
    ]

    /// The payload GitLab would send a runner for this job (`POST /jobs/request` → 201).
    public func payload(_ context: LocalJobContext) -> JobPayload {
        let projectName = context.projectFullPath.split(separator: "/").last.map(String.init) ?? context.projectFullPath
        var variables = [
            JobVariable(key: "CI_JOB_ID", value: String(context.jobID)),
            JobVariable(key: "CI_JOB_TOKEN", value: context.jobToken, isPublic: false, masked: true),
            JobVariable(key: "CI_SERVER_URL", value: context.serverURL),
            JobVariable(key: "CI", value: "true"),
            JobVariable(key: "GITLAB_CI", value: "true"),
            JobVariable(key: "CI_JOB_NAME", value: name),
            JobVariable(key: "CI_JOB_STAGE", value: stage),
            JobVariable(key: "CI_PIPELINE_ID", value: String(context.pipelineID)),
            JobVariable(key: "CI_PROJECT_ID", value: String(context.projectID)),
            JobVariable(key: "CI_PROJECT_NAME", value: projectName),
            JobVariable(key: "CI_PROJECT_PATH", value: context.projectFullPath),
            JobVariable(key: "CI_COMMIT_SHA", value: context.sha),
            JobVariable(key: "CI_COMMIT_REF_NAME", value: context.ref),
        ]
        if let image { variables.append(JobVariable(key: "CI_JOB_IMAGE", value: image.name)) }
        variables += self.variables + context.extraVariables
        var steps = [JobStep(name: "script", script: beforeScript + script, timeout: timeoutSeconds, when: "on_success", allowFailure: false)]
        if !afterScript.isEmpty {
            steps.append(JobStep(name: "after_script", script: afterScript, timeout: timeoutSeconds, when: "always", allowFailure: true))
        }
        return JobPayload(
            id: context.jobID, token: context.jobToken, allowGitFetch: true,
            jobInfo: JobInfo(
                id: context.jobID, name: name, stage: stage, pipelineID: context.pipelineID, projectID: context.projectID,
                projectName: projectName, projectFullPath: context.projectFullPath
            ),
            gitInfo: GitInfo(
                repoURL: context.repositoryURL, ref: context.ref, sha: context.sha,
                beforeSHA: "0000000000000000000000000000000000000000", refType: "branch",
                refspecs: ["+refs/heads/\(context.ref):refs/remotes/origin/\(context.ref)"], depth: 20
            ),
            runnerInfo: RunnerInfoPayload(timeout: timeoutSeconds),
            variables: variables, steps: steps, image: image, services: services,
            features: JobFeatures(traceSections: true, failureReasons: Self.advertisedFailureReasons)
        )
    }
}
