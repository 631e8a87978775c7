import Foundation
import Simulators
import Testing

/// Artifacts through the real agent and the GitLab simulator: one job uploads, the next downloads.
@Suite(.timeLimit(.minutes(3))) struct ArtifactsEndToEndTests {
    func withAgent(maximumArtifactSize: Int? = nil, _ body: (GitLabSimulator, AgentProcess) async throws -> Void) async throws {
        var configuration = GitLabSimulatorConfiguration()
        configuration.longPollTimeout = .seconds(5)
        configuration.traceUpdateInterval = 1
        configuration.maximumArtifactSize = maximumArtifactSize
        let simulator = GitLabSimulator(configuration: configuration)
        _ = try await simulator.start()
        let agent = try AgentProcess(simulator: simulator)
        try await running(agent, against: simulator) { try await body(simulator, agent) }
    }

    @Test func dependentJobSeesExactlyTheUploadedFiles() async throws {
        try await withAgent { simulator, _ in
            var producer = SimulatedJobs.script([
                "mkdir -p out/sub out/empty", "echo alpha > out/a.txt", "echo beta > out/sub/b.txt",
                "echo scratch > out/skip.tmp", "echo not-an-artifact > elsewhere.txt", "printf '#!/bin/sh\\necho tool\\n' > out/tool.sh", "chmod +x out/tool.sh",
            ])
            producer["artifacts"] = [[
                "name": "out", "untracked": false, "paths": ["out/", "missing/"], "exclude": ["out/*.tmp"], "when": "on_success",
                "expire_in": "1 week", "artifact_type": "archive", "artifact_format": "zip",
            ]]
            let first = simulator.enqueue(job: producer)
            let produced = try await simulator.waitForFinalState(job: first, timeout: .seconds(60))
            #expect(produced.state == .success, "\(produced.traceText)")
            #expect(produced.traceText.contains("201 Created"))
            #expect(produced.traceText.contains("missing/: no matching files"))
            let stored = simulator.artifacts(job: first.rawValue)
            #expect(stored.map(\.filename) == ["out.zip"])
            #expect(stored.first?.type == "archive" && stored.first?.format == "zip" && stored.first?.expireIn == "1 week")

            let token = "glcbt-sim-consumer-token-0001"
            var consumer = SimulatedJobs.script([
                "find . -path ./.git -prune -o -print | sort", "./out/tool.sh",
            ])
            consumer["token"] = token
            // Another project, so its directory starts empty (the shell executor reuses a project's directory).
            consumer["job_info"] = ["name": "consumer", "stage": "test", "project_id": 43, "project_name": "consumer", "project_full_path": "group/consumer"]
            consumer["dependencies"] = [["id": first.rawValue, "name": "producer", "token": token, "artifacts_file": ["filename": "out.zip", "size": stored.first?.bytes.count ?? 0]]]
            let second = simulator.enqueue(job: consumer)
            let consumed = try await simulator.waitForFinalState(job: second, timeout: .seconds(60))
            #expect(consumed.state == .success, "\(consumed.traceText)")
            #expect(consumed.traceText.contains("\n.\n./out\n./out/a.txt\n./out/empty\n./out/sub\n./out/sub/b.txt\n./out/tool.sh\n"), "\(consumed.traceText)")
            #expect(consumed.traceText.contains("\ntool\n"), "the executable bit survived")
            #expect(consumed.checksumMatches == true)
        }
    }

    @Test func missingDependencyFailsTheJobBeforeItsScript() async throws {
        try await withAgent { simulator, _ in
            let token = "glcbt-sim-orphan-token-00001"
            var consumer = SimulatedJobs.script(["echo never"])
            consumer["token"] = token
            consumer["dependencies"] = [["id": 99999, "name": "gone", "token": token, "artifacts_file": ["filename": "a.zip", "size": 10]]]
            let id = simulator.enqueue(job: consumer)
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .failed)
            #expect(job.traceText.contains("404 Not Found"))
            #expect(!job.traceText.contains("\nnever"))
        }
    }

    @Test func tooLargeArchiveFailsTheJobWithAClearMessage() async throws {
        try await withAgent(maximumArtifactSize: 2_000) { simulator, _ in
            var job = SimulatedJobs.script(["mkdir -p out", "head -c 100000 /dev/urandom > out/big.bin"])
            job["artifacts"] = [["name": "", "paths": ["out/"], "when": "on_success", "artifact_type": "archive", "artifact_format": "zip"]]
            let id = simulator.enqueue(job: job)
            let done = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(done.state == .failed)
            #expect(done.failureReason == "script_failure")
            #expect(done.traceText.contains("413 Request Entity Too Large"))
            #expect(done.traceText.contains("Job failed: the artifacts could not be uploaded"))
            #expect(simulator.artifacts(job: id.rawValue).isEmpty)
        }
    }

    @Test func onFailureArtifactsAreUploadedForAFailedJobOnly() async throws {
        try await withAgent { simulator, _ in
            var job = SimulatedJobs.script(["mkdir -p logs", "echo diagnostics > logs/run.log", "exit 2"])
            job["artifacts"] = [
                ["name": "logs", "paths": ["logs/"], "when": "on_failure", "artifact_type": "archive", "artifact_format": "zip"],
                ["name": "release", "paths": ["logs/"], "when": "on_success", "artifact_type": "archive", "artifact_format": "zip"],
            ]
            let id = simulator.enqueue(job: job)
            let done = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(done.state == .failed && done.exitCode == 2)
            #expect(done.traceText.contains("Uploading artifacts for failed job"))
            #expect(simulator.artifacts(job: id.rawValue).map(\.filename) == ["logs.zip"])
        }
    }
}
