import NIOHTTP1
import Simulators
import Testing

@Suite struct TwoPhaseCommitTests {
    @Test func jobStaysPendingUntilAcknowledged() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            let taken = try await client.requestJob(features: ["two_phase_job_commit": true])
            #expect(taken.status == 201)
            var snapshot = try #require(simulator.job(job))
            #expect(snapshot.state == .pending)
            #expect(snapshot.assigned)
            #expect(snapshot.twoPhaseCommit)
            #expect(!snapshot.acknowledged)

            // Trace before the ack is refused.
            let early = try await client.patchTrace(job, start: 0, Array("hello".utf8))
            #expect(early.status == 403)
            #expect(early.header("Job-Status") == "pending")
            #expect(early.text.contains("Job is not processing on runner"))

            // Keep-alive while preparing.
            let keepAlive = try await client.updateJob(job, state: "pending")
            #expect(keepAlive.status == 200)
            #expect(keepAlive.header("Job-Status") == "pending")

            // A final state before the ack is an invalid transition.
            let invalid = try await client.updateJob(job, state: "success")
            #expect(invalid.status == 400)

            let ack = try await client.updateJob(job, state: "running")
            #expect(ack.status == 200)
            #expect(ack.header("Job-Status") == "running")
            snapshot = try #require(simulator.job(job))
            #expect(snapshot.state == .running)
            #expect(snapshot.acknowledged)

            #expect(try await client.patchTrace(job, start: 0, Array("hello".utf8)).status == 202)
            // `pending` once the job is bound to a manager is a conflict.
            #expect(try await client.updateJob(job, state: "pending").status == 409)
        }
    }

    @Test func withoutTheFeatureTheJobRunsAtOnce() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.requestJob()
            #expect(simulator.job(job)?.state == .running)
            let ack = try await client.updateJob(job, state: "running")
            #expect(ack.status == 200)
            #expect(ack.header("Job-Status") == "running")
        }
    }

    @Test func waitForStateResumesOnTheAck() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.requestJob(features: ["two_phase_job_commit": true])
            async let running = simulator.waitForState(job: job, .running, timeout: .seconds(60))
            _ = try await client.updateJob(job, state: "running")
            #expect(try await running.acknowledged)
        }
    }
}
