import NIOHTTP1
import Simulators
import Testing

@Suite struct TraceTests {
    @Test func appendsAndAnswers202WithRangeAndInterval() async throws {
        try await withSimulator({ $0.traceUpdateInterval = 7 }) { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            let first = try await client.patchTrace(job, start: 0, Array("hello ".utf8))
            #expect(first.status == 202)
            #expect(first.header("Range") == "0-6")
            #expect(first.header("Job-Status") == "running")
            #expect(first.header("X-GitLab-Trace-Update-Interval") == "7")
            let second = try await client.patchTrace(job, start: 6, Array("world".utf8))
            #expect(second.status == 202)
            #expect(second.header("Range") == "0-11")
            let snapshot = try #require(simulator.job(job))
            #expect(snapshot.traceText == "hello world")
            #expect(snapshot.traceUpdateCount == 2)
            #expect(snapshot.tracePatches.allSatisfy { $0.endMatchesBody })
        }
    }

    @Test func wrongStartIs416WithTheStoredLength() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            _ = try await client.patchTrace(job, start: 0, Array("abcdef".utf8))
            let ahead = try await client.patchTrace(job, start: 10, Array("zz".utf8))
            #expect(ahead.status == 416)
            #expect(ahead.header("Range") == "0-6")
            let duplicate = try await client.patchTrace(job, start: 0, Array("abcdef".utf8))
            #expect(duplicate.status == 416)
            #expect(duplicate.header("Range") == "0-6")
            #expect(simulator.job(job)?.traceText == "abcdef")
            // Resuming from the advertised length works.
            #expect(try await client.patchTrace(job, start: 6, Array("g".utf8)).status == 202)
        }
    }

    @Test func serverTrustsStartAndRecomputesEnd() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            let response = try await client.patchTrace(job, start: 0, Array("abc".utf8), contentRange: "0-99")
            #expect(response.status == 202)
            #expect(response.header("Range") == "0-3")
            #expect(simulator.job(job)?.tracePatches.first?.endMatchesBody == false)
        }
    }

    @Test func missingOrMalformedContentRangeIs400() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            #expect(try await client.patchTrace(job, start: 0, Array("a".utf8), omitContentRange: true).status == 400)
            #expect(try await client.patchTrace(job, start: 0, Array("a".utf8), contentRange: "bytes 0-0").status == 400)
            #expect(try await client.patchTrace(job, start: 0, Array("a".utf8), contentRange: "0").status == 400)
            #expect(simulator.job(job)?.trace.isEmpty == true)
        }
    }

    @Test func tokenIsCheckedAndUnknownJobIs404() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            let wrong = try await client.patchTrace(job, start: 0, Array("a".utf8), token: "glcbt-wrong")
            #expect(wrong.status == 403)
            #expect(wrong.header("Job-Status") == nil)
            let unknown = try await client.patchTrace(SimulatedJobID(rawValue: 9999, token: job.token), start: 0, Array("a".utf8))
            #expect(unknown.status == 404)
            // The token may also come as a query parameter.
            let viaQuery = try await client.send(
                .PATCH,
                "/api/v4/jobs/\(job.rawValue)/trace?token=\(job.token)",
                headers: [("Content-Range", "0-0")],
                body: Array("q".utf8)
            )
            #expect(viaQuery.status == 202)
        }
    }

    @Test func queuedAndFinishedJobsRefusePatchesWithJobStatus() async throws {
        try await withSimulator { simulator, client in
            let queued = simulator.enqueue()
            let notYet = try await client.patchTrace(queued, start: 0, Array("a".utf8))
            #expect(notYet.status == 403)
            #expect(notYet.header("Job-Status") == "pending")
            _ = try await client.takeAndStart()
            _ = try await client.updateJob(queued, state: "success")
            let finished = try await client.patchTrace(queued, start: 0, Array("a".utf8))
            #expect(finished.status == 403)
            #expect(finished.header("Job-Status") == "success")
        }
    }

    @Test func traceSizeLimitFailsTheJob() async throws {
        try await withSimulator({ $0.traceSizeLimit = 8 }) { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            #expect(try await client.patchTrace(job, start: 0, Array("12345".utf8)).status == 202)
            #expect(try await client.patchTrace(job, start: 5, Array("6789".utf8)).status == 403)
            let snapshot = try #require(simulator.job(job))
            #expect(snapshot.state == .failed)
            #expect(snapshot.failureReason == "trace_size_exceeded")
        }
    }

    @Test func waitForTraceResumesWhenBytesArrive() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            async let seen = simulator.waitForTrace(job: job, containing: "needle", timeout: .seconds(60))
            _ = try await client.patchTrace(job, start: 0, Array("hay ne".utf8))
            _ = try await client.patchTrace(job, start: 6, Array("edle hay".utf8))
            #expect(try await seen.traceText == "hay needle hay")
        }
    }

    @Test func debugTraceIsRecordedAtOffsetZero() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            let response = try await client.send(
                .PATCH,
                "/api/v4/jobs/\(job.rawValue)/trace?debug_trace=true",
                headers: [("JOB-TOKEN", job.token), ("Content-Range", "0-1")],
                body: Array("ab".utf8)
            )
            #expect(response.status == 202)
            #expect(simulator.job(job)?.debugTrace == true)
        }
    }
}
