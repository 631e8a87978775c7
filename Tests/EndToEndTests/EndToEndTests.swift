import Foundation
import Simulators
import Testing

/// The real `flywheel run` binary against the GitLab simulator: final state, failure reason, exit code,
/// and the trace GitLab assembled, byte for byte (its crc32 and size equal what the agent reported).
@Suite(.timeLimit(.minutes(3))) struct EndToEndTests {
    /// Runs `body` with a started simulator and agent, then stops both.
    func withAgent(
        options: AgentProcess.Options = AgentProcess.Options(),
        _ body: (GitLabSimulator, AgentProcess) async throws -> Void
    ) async throws {
        let simulator = try await GitLabSimulator.started()
        let agent = try AgentProcess(simulator: simulator, options: options)
        try await running(agent, against: simulator) { try await body(simulator, agent) }
    }

    /// The exact trace was received: what the agent reported matches what GitLab holds.
    func expectExactTrace(_ job: SimulatedJobSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(job.checksumMatches == true, "reported \(job.reportedChecksum ?? "nil"), server has \(job.traceChecksum)", sourceLocation: sourceLocation)
        #expect(job.bytesizeMatches == true, sourceLocation: sourceLocation)
        #expect(job.reportedBytesize == job.trace.count, sourceLocation: sourceLocation)
    }

    @Test func successfulJob() async throws {
        try await withAgent { simulator, agent in
            let id = simulator.enqueue(job: SimulatedJobs.script([#"printf 'line one\nline two without newline'"#, "echo", "echo done"]))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .success)
            #expect(job.failureReason == nil)
            #expect(job.exitCode == nil)
            #expect(job.traceText.contains("line one\nline two without newline\u{1b}[32;1m$ echo\u{1b}[0;m\n\n"))
            #expect(job.traceText.contains("$ echo done"))
            #expect(job.traceText.contains("Job succeeded"))
            expectExactTrace(job)
            // The agent logs at debug level here; neither the runner token nor the job token may appear.
            let log = agent.log
            #expect(log.contains("job received"))
            #expect(!log.contains(GitLabSimulatorConfiguration().runnerToken))
            #expect(!log.contains(job.token))
        }
    }

    @Test func scriptFailureReportsExitCodeAndRunsAfterScript() async throws {
        try await withAgent { simulator, _ in
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo before", "exit 3", "echo never"], after: [#"echo "after:$CI_JOB_STATUS""#]))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .failed)
            #expect(job.failureReason == "script_failure")
            #expect(job.exitCode == 3)
            #expect(job.traceText.contains("after:failed"))
            #expect(!job.traceText.contains("\nnever"))
            #expect(job.traceText.contains("ERROR: Job failed: exit code 3"))
            expectExactTrace(job)
        }
    }

    @Test func jobTimeout() async throws {
        try await withAgent { simulator, _ in
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo start", "sleep 120", "echo never"], after: [#"echo "after:$CI_JOB_STATUS""#], timeout: 2))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .failed)
            #expect(job.failureReason == "job_execution_timeout")
            #expect(job.traceText.contains("after:timedout"))
            #expect(!job.traceText.contains("\nnever"))
            expectExactTrace(job)
        }
    }

    @Test func cancelingStopsTheScriptAndRunsAfterScript() async throws {
        try await withAgent { simulator, _ in
            let id = simulator.enqueue(job: SimulatedJobs.script(
                ["echo started", "for i in $(seq 1 600); do echo tick; sleep 0.2; done", "echo never"], after: [#"echo "after:$CI_JOB_STATUS""#]
            ))
            try await simulator.waitForTrace(job: id, containing: "started\n", timeout: .seconds(60))
            _ = simulator.cancel(job: id, graceful: true)
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .canceled)
            #expect(job.traceText.contains("after:canceled"))
            #expect(!job.traceText.contains("\nnever"))
            expectExactTrace(job)
        }
    }

    @Test func cancelingIsNoticedByTheKeepAliveOfASilentJob() async throws {
        try await withAgent { simulator, _ in
            // Nothing printed: only the keep-alive PUT (after 30 s of silence) carries `Job-Status: canceling`.
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo started", "sleep 300"], after: [#"echo "after:$CI_JOB_STATUS""#]))
            try await simulator.waitForTrace(job: id, containing: "started\n", timeout: .seconds(60))
            _ = simulator.cancel(job: id, graceful: true)
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .canceled)
            #expect(job.traceText.contains("after:canceled"))
            #expect(job.updates.contains { $0.state == "running" && $0.jobStatus == .canceling })
            expectExactTrace(job)
        }
    }

    @Test func canceledAbortsWithoutAfterScript() async throws {
        try await withAgent { simulator, agent in
            let id = simulator.enqueue(job: SimulatedJobs.script(
                ["echo started", "while true; do echo tick; sleep 0.2; done"], after: ["echo after-script-ran"]
            ))
            try await simulator.waitForTrace(job: id, containing: "started\n", timeout: .seconds(60))
            _ = simulator.cancel(job: id, graceful: false)
            // The next trace update is refused with 403; the agent kills the script and ends the job,
            // so a drain completes at once (a running `while true` would hold it for the 30 s timeout).
            agent.signal(SIGTERM)
            #expect(await agent.waitForExit() == 0)
            let job = try #require(simulator.job(id))
            #expect(job.state == .canceled)
            #expect(!job.traceText.contains("after-script-ran"))
            #expect(!job.updates.contains { $0.state == "success" || $0.state == "failed" })
            #expect(agent.log.contains("job aborted by GitLab"))
            #expect(simulator.requests.contains { $0.jobID == id.rawValue && $0.responseStatus == 403 })
        }
    }

    @Test func maskedSecretSplitAcrossWritesNeverReachesTheServer() async throws {
        try await withAgent { simulator, _ in
            let secret = "Sup3rS3cretValue-xyz"
            let id = simulator.enqueue(job: SimulatedJobs.script(
                // Half the secret, a pause longer than the trace interval, then the other half.
                [#"printf 'key=%s' "$(printf '%s' "$SECRET" | cut -c1-8)"; sleep 1.5; printf '%s\n' "$(printf '%s' "$SECRET" | cut -c9-)""#,
                 #"echo "again: $SECRET""#],
                variables: [["key": "SECRET", "value": secret, "public": false, "masked": true]]
            ))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .success)
            #expect(!job.traceText.contains(secret))
            #expect(!job.traceText.contains("Sup3rS3c"))
            #expect(job.traceText.contains("key=[MASKED]\n"))
            #expect(job.traceText.contains("again: [MASKED]"))
            let sent = simulator.requests(to: .trace).flatMap(\.body)
            #expect(!String(decoding: sent, as: UTF8.self).contains("Sup3rS3c"))
            expectExactTrace(job)
        }
    }

    @Test func serverErrorsAndResetsOnPatchAndPutAreRetried() async throws {
        try await withAgent { simulator, _ in
            simulator.arm(.status(500), endpoint: .trace, count: 2)
            simulator.arm(.reset, endpoint: .trace, count: 2)
            simulator.arm(.status(502), endpoint: .update, count: 2)
            simulator.arm(.reset, endpoint: .update, count: 1)
            let id = simulator.enqueue(job: SimulatedJobs.script(["for i in $(seq 1 50); do echo line $i; done"]))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(90))
            #expect(job.state == .success)
            // Every armed fault was met (none left) and the job still ended with the exact trace.
            #expect(simulator.armedFaultUses == 0)
            let expected = (1...50).map { "line \($0)\n" }.joined()
            #expect(job.traceText.contains(expected))
            expectExactTrace(job)
        }
    }

    @Test func lostPatchResponseDuplicatesNoBytes() async throws {
        try await withAgent { simulator, _ in
            simulator.arm(.lostResponse, endpoint: .trace, count: 2)
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo unique-marker-line", "sleep 1.5", "echo second-marker-line"]))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .success)
            #expect(job.traceText.components(separatedBy: "unique-marker-line\n").count == 2)
            #expect(job.traceText.components(separatedBy: "second-marker-line\n").count == 2)
            expectExactTrace(job)
        }
    }

    @Test func rangeMismatchIsResynchronised() async throws {
        try await withAgent { simulator, _ in
            simulator.arm(.rangeMismatch(truncateBy: 7), endpoint: .trace, count: 1)
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo first-part", "sleep 1.5", "echo second-part"]))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .success)
            #expect(job.traceText.contains("first-part\n"))
            #expect(job.traceText.contains("second-part\n"))
            #expect(job.tracePatches.contains { $0.responseStatus == 416 })
            expectExactTrace(job)
        }
    }

    @Test func finalUpdateRepeatedWhileGitLabAnswers202() async throws {
        try await withAgent { simulator, _ in
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo hi"]))
            simulator.arm(.finalUpdateAccepted(times: 3, interval: 1), endpoint: .update, job: id.rawValue, count: 1)
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .success)
            #expect(job.updates.filter { $0.state == "success" }.count == 4)
            #expect(job.acceptedFinalUpdates == 3)
            expectExactTrace(job)
        }
    }

    @Test func outputLimitTruncatesWithNoticeAndJobStillSucceeds() async throws {
        var options = AgentProcess.Options()
        options.outputLimitKiB = 1
        try await withAgent(options: options) { simulator, _ in
            let id = simulator.enqueue(job: SimulatedJobs.script(["head -c 5000 /dev/zero | tr '\\0' x; echo", "echo tail-marker"]))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .success)
            #expect(job.traceText.contains("Job's log exceeded limit of 1024 bytes."))
            #expect(!job.traceText.contains("tail-marker"))
            #expect(job.trace.count < 1400)
            expectExactTrace(job)
        }
    }

    @Test func drainLetsTheRunningJobFinishAndTakesNoNewJob() async throws {
        try await withAgent { simulator, agent in
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo started", "sleep 2", "echo finished"]))
            try await simulator.waitForTrace(job: id, containing: "started\n", timeout: .seconds(60))
            agent.signal(SIGTERM)
            let second = simulator.enqueue(job: SimulatedJobs.script(["echo second"]))
            #expect(await agent.waitForExit() == 0)
            let job = try #require(simulator.job(id))
            #expect(job.state == .success)
            #expect(job.traceText.contains("finished\n"))
            expectExactTrace(job)
            #expect(simulator.job(second)?.assigned == false)
        }
    }

    @Test func drainPastShutdownTimeoutReportsRunnerInterrupted() async throws {
        var options = AgentProcess.Options()
        options.shutdownTimeout = 1
        try await withAgent(options: options) { simulator, agent in
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo started", "sleep 120", "echo never"]))
            try await simulator.waitForTrace(job: id, containing: "started\n", timeout: .seconds(60))
            agent.signal(SIGTERM)
            #expect(await agent.waitForExit() == 0)
            let job = try #require(simulator.job(id))
            #expect(job.state == .failed)
            #expect(job.failureReason == "runner_interrupted")
            #expect(!job.traceText.contains("\nnever"))
            expectExactTrace(job)
        }
    }

    @Test func twoPhaseAcceptComesBeforeAnyTrace() async throws {
        try await withAgent { simulator, _ in
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo hi"]))
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.twoPhaseCommit)
            let requests = simulator.requests.filter { $0.jobID == id.rawValue }
            let firstUpdate = try #require(requests.first { $0.endpoint == .update })
            let firstPatch = try #require(requests.first { $0.endpoint == .trace })
            #expect(firstUpdate.sequence < firstPatch.sequence)
            #expect(firstUpdate.json?["state"]?.stringValue == "running")
        }
    }
}
