import NIOHTTP1
import Simulators
import Testing

@Suite struct JobUpdateTests {
    @Test func finalUpdateWithMatchingChecksum() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            let trace = Array("line 1\nline 2\n".utf8)
            _ = try await client.patchTrace(job, start: 0, trace)
            var crc = CRC32()
            crc.update(trace)
            let checksum = crc.gitLabString
            let response = try await client.updateJob(job, state: "success", extra: [
                "output": ["checksum": .string(checksum), "bytesize": .int(Int64(trace.count))],
                "checksum": .string(checksum),
            ])
            #expect(response.status == 200)
            #expect(response.header("Job-Status") == "success")
            #expect(response.header("X-GitLab-Trace-Update-Interval") == "")
            let done = try await simulator.waitForFinalState(job: job, timeout: .seconds(5))
            #expect(done.state == .success)
            #expect(done.checksumMatches == true)
            #expect(done.bytesizeMatches == true)
            #expect(done.reportedBytesize == trace.count)
            #expect(done.traceChecksum == checksum)
            #expect(done.reportedChecksum == checksum)
        }
    }

    @Test func mismatchedChecksumIsRecordedButApplied() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            _ = try await client.patchTrace(job, start: 0, Array("abc".utf8))
            let response = try await client.updateJob(job, state: "failed", extra: [
                "failure_reason": "script_failure", "exit_code": 3,
                "output": ["checksum": "crc32:00000000", "bytesize": 4],
            ])
            #expect(response.status == 200)
            let snapshot = try #require(simulator.job(job))
            #expect(snapshot.state == .failed)
            #expect(snapshot.failureReason == "script_failure")
            #expect(snapshot.exitCode == 3)
            #expect(snapshot.checksumMatches == false)
            #expect(snapshot.bytesizeMatches == false)
        }
    }

    @Test func unknownFailureReasonBecomesUnknownFailure() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            _ = try await client.updateJob(job, state: "failed", extra: ["failure_reason": "job_canceled"])
            #expect(simulator.job(job)?.failureReason == "unknown_failure")
            #expect(simulator.job(job)?.updates.last?.failureReason == "job_canceled")
        }
    }

    @Test func finalUpdate202Storm() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            simulator.arm(.finalUpdateAccepted(times: 3, interval: 2), endpoint: .update, job: job.rawValue)
            // Keep-alives do not consume the fault.
            #expect(try await client.updateJob(job, state: "running").status == 200)
            for _ in 0..<3 {
                let accepted = try await client.updateJob(job, state: "success")
                #expect(accepted.status == 202)
                #expect(accepted.header("X-GitLab-Trace-Update-Interval") == "2")
                #expect(accepted.header("Job-Status") == "running")
                #expect(simulator.job(job)?.state == .running)
            }
            let applied = try await client.updateJob(job, state: "success")
            #expect(applied.status == 200)
            let snapshot = try #require(simulator.job(job))
            #expect(snapshot.state == .success)
            #expect(snapshot.acceptedFinalUpdates == 3)
            #expect(snapshot.updates.map(\.responseStatus) == [200, 200, 202, 202, 202, 200])
        }
    }

    @Test func updatesAfterTheEndAre403WithJobStatus() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            _ = try await client.updateJob(job, state: "success")
            let again = try await client.updateJob(job, state: "success")
            #expect(again.status == 403)
            #expect(again.header("Job-Status") == "success")
        }
    }

    @Test func tokenAndStateValidation() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            let wrong = try await client.updateJob(job.rawValue, token: "glcbt-nope", state: "running")
            #expect(wrong.status == 403)
            #expect(wrong.header("Job-Status") == nil)
            let unknown = try await client.updateJob(4242, token: job.token, state: "running")
            #expect(unknown.status == 404)
            let invalid = try await client.updateJob(job, state: "exploded")
            #expect(invalid.status == 400)
            #expect(invalid.header("Job-Status") == "running")
            // GitLab requires the token parameter even when the header is present.
            let headerOnly = try await client.sendJSON(
                .PUT, "/api/v4/jobs/\(job.rawValue)", ["state": "running"], headers: [("JOB-TOKEN", job.token)]
            )
            #expect(headerOnly.status == 400)
            #expect(simulator.job(job)?.state == .running)
        }
    }

    @Test func waitForFinalStateTimesOut() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            await #expect(throws: SimulatorError.timedOut(waitingFor: "job \(job.rawValue) to finish")) {
                try await simulator.waitForFinalState(job: job, timeout: .milliseconds(100))
            }
            await #expect(throws: SimulatorError.unknownJob(5)) {
                try await simulator.waitForFinalState(job: 5, timeout: .milliseconds(100))
            }
        }
    }
}
