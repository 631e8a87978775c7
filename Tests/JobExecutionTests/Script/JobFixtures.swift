import Foundation
import GitLabRunnerAPI
import JobExecution

/// Jobs for the script tests.
enum JobFixtures {
    static let token = "glcbt-64_q7WmExampleJobToken"

    /// A job of project `acme/widget` with `steps` and `variables` (plus a masked `CI_JOB_TOKEN`).
    static func job(
        steps: [JobStep] = [], variables: [JobVariable] = [], gitInfo: GitInfo = GitInfo(), allowGitFetch: Bool = false,
        hooks: [(name: String, script: [String])] = []
    ) throws -> JobPayload {
        var job = JobPayload(
            id: 4242, token: token, allowGitFetch: allowGitFetch,
            jobInfo: JobInfo(id: 4242, name: "test", stage: "test", projectID: 17, projectName: "widget", projectFullPath: "acme/widget"),
            gitInfo: gitInfo,
            runnerInfo: RunnerInfoPayload(timeout: 3600),
            variables: [JobVariable(key: "CI_JOB_TOKEN", value: token, isPublic: false, masked: true)] + variables,
            steps: steps
        )
        let hookJSON = try JSONSerialization.data(withJSONObject: hooks.map { ["name": $0.name, "script": $0.script] })
        job.hooks = try JSONDecoder().decode([JobHook].self, from: hookJSON)
        return job
    }

    /// A builder for `job` with its builds directory at `<root>/builds`.
    static func builder(_ job: JobPayload, root: String, runner: RunnerContext = RunnerContext(), shell: String = "bash") -> StageScriptBuilder {
        let layout = JobLayout(buildsDir: root + "/builds", job: job)
        return StageScriptBuilder(job: job, layout: layout, variables: JobVariables(job: job, layout: layout, runner: runner), shell: shell)
    }
}
