import NIOHTTP1
import Simulators
import Testing

@Suite struct FaultTests {
    @Test func statusFaultIsAnsweredInsteadOfProcessing() async throws {
        try await withSimulator { simulator, client in
            simulator.enqueue()
            simulator.arm(.status(429, headers: ["Retry-After": "1"]), endpoint: .request, count: 2)
            for _ in 0..<2 {
                let limited = try await client.requestJob()
                #expect(limited.status == 429)
                #expect(limited.header("Retry-After") == "1")
            }
            #expect(simulator.queuedJobIDs.count == 1)
            #expect(try await client.requestJob().status == 201)
            #expect(simulator.armedFaultUses == 0)
            #expect(simulator.requests(to: .request).map(\.responseStatus) == [429, 429, 201])
        }
    }

    @Test func faultsCanTargetOneJob() async throws {
        try await withSimulator { simulator, client in
            let first = simulator.enqueue()
            let second = simulator.enqueue()
            _ = try await client.takeAndStart()
            _ = try await client.takeAndStart()
            simulator.arm(.status(502), endpoint: .trace, job: second.rawValue)
            #expect(try await client.patchTrace(first, start: 0, Array("a".utf8)).status == 202)
            #expect(try await client.patchTrace(second, start: 0, Array("b".utf8)).status == 502)
            #expect(try await client.patchTrace(second, start: 0, Array("b".utf8)).status == 202)
        }
    }

    @Test func resetClosesWithoutProcessing() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            simulator.arm(.reset, endpoint: .trace)
            await #expect(throws: (any Error).self) {
                _ = try await client.patchTrace(job, start: 0, Array("lost".utf8))
            }
            #expect(simulator.job(job)?.trace.isEmpty == true)
            let recorded = try #require(simulator.requests(to: .trace).last)
            #expect(recorded.responseStatus == nil)
            #expect(recorded.fault == .reset)
            // The next attempt goes through.
            #expect(try await client.patchTrace(job, start: 0, Array("lost".utf8)).status == 202)
        }
    }

    @Test func lostResponseProcessesThenCloses() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            simulator.arm(.lostResponse, endpoint: .trace)
            await #expect(throws: (any Error).self) {
                _ = try await client.patchTrace(job, start: 0, Array("kept".utf8))
            }
            #expect(simulator.job(job)?.traceText == "kept")
            // A client that resends the same chunk learns the server's length from the 416.
            let resend = try await client.patchTrace(job, start: 0, Array("kept".utf8))
            #expect(resend.status == 416)
            #expect(resend.header("Range") == "0-4")
        }
    }

    @Test func lostResponseOnTheFinalUpdate() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            simulator.arm(.lostResponse, endpoint: .update, job: job.rawValue)
            await #expect(throws: (any Error).self) {
                _ = try await client.updateJob(job, state: "success")
            }
            #expect(simulator.job(job)?.state == .success)
            let retry = try await client.updateJob(job, state: "success")
            #expect(retry.status == 403)
            #expect(retry.header("Job-Status") == "success")
        }
    }

    @Test func rangeMismatchRewindsTheServer() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            _ = try await client.patchTrace(job, start: 0, Array("0123456789".utf8))
            simulator.arm(.rangeMismatch(truncateBy: 4), endpoint: .trace, job: job.rawValue)
            let rewound = try await client.patchTrace(job, start: 10, Array("abc".utf8))
            #expect(rewound.status == 416)
            #expect(rewound.header("Range") == "0-6")
            #expect(simulator.job(job)?.traceText == "012345")
            #expect(try await client.patchTrace(job, start: 6, Array("6789abc".utf8)).status == 202)
            #expect(simulator.job(job)?.traceText == "0123456789abc")
        }
    }

    @Test func delayAnswersLater() async throws {
        try await withSimulator { simulator, client in
            simulator.arm(.delay(.milliseconds(300)), endpoint: .verify)
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.sendJSON(.POST, "/api/v4/runners/verify", ["token": .string(client.runnerToken)])
            #expect(response.status == 200)
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test func anyEndpointMatchesEverything() async throws {
        try await withSimulator { simulator, client async throws in
            simulator.arm(.status(503), endpoint: .any, count: 2)
            #expect(try await client.requestJob().status == 503)
            #expect(try await client.sendJSON(.POST, "/api/v4/runners/verify", ["token": .string(client.runnerToken)]).status == 503)
            #expect(try await client.requestJob().status == 204)
        }
    }
}
