import NIOHTTP1
import Simulators
import Testing

@Suite struct CancelTests {
    @Test func gracefulCancelGoesThroughCanceling() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart(features: ["cancel_gracefully": true])
            #expect(simulator.cancel(job: job, graceful: true) == .canceling)
            let patch = try await client.patchTrace(job, start: 0, Array("after_script output".utf8))
            #expect(patch.status == 202)
            #expect(patch.header("Job-Status") == "canceling")
            let keepAlive = try await client.updateJob(job, state: "running")
            #expect(keepAlive.status == 200)
            #expect(keepAlive.header("Job-Status") == "canceling")
            let final = try await client.updateJob(job, state: "failed", extra: ["failure_reason": "script_failure"])
            #expect(final.status == 200)
            #expect(final.header("Job-Status") == "canceled")
            let done = try await simulator.waitForFinalState(job: job, timeout: .seconds(5))
            #expect(done.state == .canceled)
            #expect(done.failureReason == nil)
        }
    }

    @Test func gracefulCancelWithoutTheFeatureIsHard() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            #expect(simulator.cancel(job: job, graceful: true) == .canceled)
        }
    }

    @Test func theManagersFirstInfoDecides() async throws {
        try await withSimulator { simulator, client in
            // verify without features creates the manager; the later request's features are not believed yet.
            let verify = try await client.sendJSON(.POST, "/api/v4/runners/verify", [
                "token": .string(client.runnerToken), "system_id": "s_0123456789ab", "info": ["name": "x"],
            ])
            #expect(verify.status == 200)
            let job = simulator.enqueue()
            _ = try await client.takeAndStart(features: ["cancel_gracefully": true])
            #expect(simulator.cancel(job: job, graceful: true) == .canceled)
        }
    }

    @Test func hardCancelAbortsAndLaterCallsAre403() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart(features: ["cancel_gracefully": true])
            #expect(simulator.cancel(job: job, graceful: false) == .canceled)
            let patch = try await client.patchTrace(job, start: 0, Array("x".utf8))
            #expect(patch.status == 403)
            #expect(patch.header("Job-Status") == "canceled")
            let update = try await client.updateJob(job, state: "success")
            #expect(update.status == 403)
            #expect(update.header("Job-Status") == "canceled")
        }
    }

    @Test func cancelingAQueuedJobRemovesIt() async throws {
        try await withSimulator { simulator, client async throws in
            let job = simulator.enqueue()
            #expect(simulator.cancel(job: job, graceful: true) == .canceled)
            #expect(simulator.queuedJobIDs.isEmpty)
            #expect(try await client.requestJob().status == 204)
            #expect(simulator.cancel(job: 31337, graceful: false) == nil)
        }
    }

    @Test func ackOfACancelingJobReportsCanceling() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.requestJob(features: ["cancel_gracefully": true])
            _ = simulator.cancel(job: job, graceful: true)
            let ack = try await client.updateJob(job, state: "running")
            #expect(ack.status == 200)
            #expect(ack.header("Job-Status") == "canceling")
        }
    }
}
