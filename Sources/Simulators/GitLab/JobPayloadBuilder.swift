/// Completes an enqueued job payload with the defaults a GitLab 201 would carry.
/// Whatever the enqueued payload gives wins; nested objects are merged key by key.
enum JobPayloadBuilder {
    /// The `features.failure_reasons` of the notes' composed example (§6.1).
    static let failureReasons: [String] = [
        "unknown_failure", "script_failure", "api_failure", "stuck_or_timeout_failure",
        "runner_system_failure", "job_execution_timeout", "runner_unsupported",
        "runner_configuration_error", "runner_external_dependency_failure", "runner_interrupted",
    ]

    static func payload(id: Int64, token: String, given: SimulatedJSON, serverURL: String) -> SimulatedJSON {
        let given = given.objectValue ?? [:]
        var payload = given
        payload["id"] = .int(id)
        payload["token"] = .string(token)
        if payload["allow_git_fetch"] == nil { payload["allow_git_fetch"] = true }

        payload["job_info"] = merge(
            defaults: [
                "id": .int(id), "name": "simulated-job", "stage": "test", "pipeline_id": 1,
                "project_id": 1, "project_name": "project", "project_full_path": "simulator/project",
                "namespace_id": 1, "root_namespace_id": 1, "organization_id": 1, "user_id": 1,
                "time_in_queue_seconds": 0, "project_jobs_running_on_instance_runners_count": "+Inf",
                "queue_size": 0, "queue_depth": 0,
            ],
            given: given["job_info"]
        )

        let scheme = serverURL.hasPrefix("https://") ? "https" : "http"
        let host = serverURL.dropFirst(serverURL.hasPrefix("\(scheme)://") ? scheme.count + 3 : 0)
        payload["git_info"] = merge(
            defaults: [
                "repo_url": .string("\(scheme)://gitlab-ci-token:\(token)@\(host)/simulator/project.git"),
                "ref": "main",
                "sha": "3f1c0a9e2b7d4c6f8a1b2c3d4e5f60718293a4b5",
                "before_sha": "0000000000000000000000000000000000000000",
                "ref_type": "branch",
                "refspecs": ["+refs/pipelines/1:refs/pipelines/1", "+refs/heads/main:refs/remotes/origin/main"],
                "depth": 20,
                "repo_object_format": "sha1",
                "protected": false,
            ],
            given: given["git_info"]
        )

        payload["runner_info"] = merge(
            defaults: ["timeout": 3600, "runner_session_url": .null],
            given: given["runner_info"]
        )

        let givenVariables = given["variables"]?.arrayValue ?? []
        let givenKeys = Set(givenVariables.compactMap { $0["key"]?.stringValue })
        let defaultVariables: [SimulatedJSON] = [
            ["key": "CI_JOB_ID", "value": .string(String(id)), "public": true, "masked": false],
            ["key": "CI_JOB_TOKEN", "value": .string(token), "public": false, "masked": true],
            ["key": "CI_SERVER_URL", "value": .string(serverURL), "public": true, "masked": false],
        ]
        payload["variables"] = .array(
            defaultVariables.filter { !givenKeys.contains($0["key"]?.stringValue ?? "") } + givenVariables
        )

        if payload["steps"] == nil {
            payload["steps"] = [
                [
                    "name": "script", "script": ["echo simulated job"], "timeout": 3600,
                    "when": "on_success", "allow_failure": false,
                ]
            ]
        }

        payload["features"] = merge(
            defaults: ["trace_sections": true, "failure_reasons": .array(failureReasons.map { .string($0) })],
            given: given["features"]
        )
        return .object(payload)
    }

    private static func merge(defaults: [String: SimulatedJSON], given: SimulatedJSON?) -> SimulatedJSON {
        guard let given else { return .object(defaults) }
        guard case .object(let members) = given else { return given }
        return .object(defaults.merging(members) { _, mine in mine })
    }
}
