import Simulators

/// Job payloads for the end-to-end tests, shaped as GitLab sends them.
enum SimulatedJobs {
    static func script(
        _ script: [String], after: [String] = [], variables: [[String: Any]] = [], timeout: Int = 3600
    ) -> [String: Any] {
        var steps: [[String: Any]] = [["name": "script", "script": script, "timeout": timeout, "when": "on_success", "allow_failure": false]]
        if !after.isEmpty {
            steps.append(["name": "after_script", "script": after, "timeout": timeout, "when": "always", "allow_failure": true])
        }
        return [
            "job_info": ["name": "e2e", "stage": "test", "project_id": 42, "project_name": "e2e", "project_full_path": "group/e2e"],
            "runner_info": ["timeout": timeout],
            "variables": [["key": "GIT_STRATEGY", "value": "none", "public": true]] + variables,
            "steps": steps,
        ]
    }
}

extension GitLabSimulator {
    /// A simulator on an ephemeral loopback port that asks for a 1 s trace interval (tests stay fast).
    static func started(longPoll: Duration = .seconds(5)) async throws -> GitLabSimulator {
        var configuration = GitLabSimulatorConfiguration()
        configuration.longPollTimeout = longPoll
        configuration.traceUpdateInterval = 1
        let simulator = GitLabSimulator(configuration: configuration)
        _ = try await simulator.start()
        return simulator
    }
}
