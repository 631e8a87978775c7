import Foundation
import GitLabRunnerAPI
import Testing

@Suite struct JobPayloadTests {
    @Test func decodesTheComposedExampleOfTheNotes() throws {
        let json = """
            {"id": 4242, "token": "glcbt-64_q7WmExampleJobToken", "allow_git_fetch": true,
             "job_info": {"id": 4242, "name": "unit-tests", "stage": "test", "pipeline_id": 901, "project_id": 17,
                          "project_name": "widget", "project_full_path": "acme/widget", "time_in_queue_seconds": 1.7,
                          "project_jobs_running_on_instance_runners_count": "+Inf"},
             "git_info": {"repo_url": "https://gitlab-ci-token:x@gitlab.example.com/acme/widget.git", "ref": "main",
                          "sha": "3f1c0a9e", "before_sha": "0000", "ref_type": "branch",
                          "refspecs": ["+refs/pipelines/901:refs/pipelines/901"], "depth": 20, "repo_object_format": "sha1", "protected": true},
             "runner_info": {"uuid": "a1b2", "timeout": 3600, "runner_session_url": null},
             "variables": [{"key": "CI_JOB_TOKEN", "value": "glcbt-64", "public": false, "masked": true},
                           {"key": "DEPLOY_KEY", "value": "k", "public": false, "masked": false, "file": true},
                           {"key": "TEMPLATE", "value": "literal $NOT", "public": true, "raw": true},
                           {"key": "PLAIN", "value": "v", "public": true}],
             "steps": [{"name": "script", "script": ["make test"], "timeout": 3600, "when": "on_success", "allow_failure": false},
                       {"name": "after_script", "script": ["echo cleanup"], "timeout": 3600, "when": "always", "allow_failure": true}],
             "image": {"name": "rockylinux:9", "entrypoint": null, "ports": []},
             "services": [{"name": "docker:27-dind", "alias": "docker", "entrypoint": null, "command": null, "ports": [], "variables": []}],
             "artifacts": [{"name": "out", "untracked": false, "paths": ["out/"], "when": "on_success", "expire_in": "1 week",
                            "artifact_type": "archive", "artifact_format": "zip"}],
             "cache": [{"key": "deps", "untracked": false, "paths": ["vendor/"], "policy": "pull-push", "when": "on_success", "fallback_keys": []}],
             "dependencies": [{"id": 4240, "name": "build", "token": "t", "artifacts_file": {"filename": "artifacts.zip", "size": 10240}}],
             "features": {"trace_sections": true, "failure_reasons": ["script_failure"]},
             "hooks": []}
            """
        let job = try JSONDecoder().decode(JobPayload.self, from: Data(json.utf8))
        #expect(job.id == 4242)
        #expect(job.allowGitFetch)
        #expect(job.jobInfo.projectFullPath == "acme/widget")
        #expect(job.gitInfo.depth == 20)
        #expect(job.timeoutSeconds == 3600)
        #expect(job.variables[0].masked && !job.variables[0].isPublic)
        #expect(job.variables[1].file && !job.variables[1].raw)
        #expect(job.variables[2].raw)
        #expect(!job.variables[3].masked && !job.variables[3].file)
        #expect(job.steps.map(\.name) == ["script", "after_script"])
        #expect(job.image?.name == "rockylinux:9")
        #expect(job.services.first?.alias == "docker")
        #expect(job.dependencies.first?.artifactsFile?.size == 10240)
        #expect(job.features.traceSections)
    }

    @Test func minimalPayloadGetsDefaults() throws {
        let job = try JSONDecoder().decode(JobPayload.self, from: Data(#"{"id": 1, "token": "t", "runner_info": {"timeout": 0}}"#.utf8))
        #expect(job.timeoutSeconds == 7200)
        #expect(job.steps.isEmpty)
        #expect(!job.features.traceSections)
    }

    @Test func missingTokenIsAnError() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(JobPayload.self, from: Data(#"{"id": 1}"#.utf8))
        }
    }
}
