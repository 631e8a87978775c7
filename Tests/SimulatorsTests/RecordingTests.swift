import NIOHTTP1
import Simulators
import Testing

@Suite struct RecordingTests {
    @Test func everyRequestIsRecordedWithExactBytes() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart()
            let chunk: [UInt8] = [0x1B, 0x5B, 0x30, 0x4B, 0x00, 0xFF, 0x0A]
            _ = try await client.patchTrace(job, start: 0, chunk)
            let requests = simulator.requests
            #expect(requests.map(\.endpoint) == [.request, .update, .trace])
            #expect(requests.map(\.sequence) == [0, 1, 2])
            let patch = requests[2]
            #expect(patch.method == "PATCH")
            #expect(patch.path == "/api/v4/jobs/\(job.rawValue)/trace")
            #expect(patch.jobID == job.rawValue)
            #expect(patch.body == chunk)
            #expect(patch.headers["content-range"] == "0-6")
            #expect(patch.headers["JOB-TOKEN"] == job.token)
            #expect(patch.responseStatus == 202)
            let request = requests[0]
            #expect(request.headers["RUNNER-TOKEN"] == client.runnerToken)
            #expect(request.json?["system_id"]?.stringValue == "s_0123456789ab")
            #expect(request.json?["info"]?["executor"]?.stringValue == "kubernetes")
            #expect(simulator.job(job)?.trace == chunk)
        }
    }

    @Test func unknownPathsAreRecordedAnd404() async throws {
        try await withSimulator { simulator, client in
            let response = try await client.send(.GET, "/api/v4/nothing?x=1")
            #expect(response.status == 404)
            let wrongMethod = try await client.send(.GET, "/api/v4/jobs/request")
            #expect(wrongMethod.status == 405)
            let recorded = simulator.requests
            #expect(recorded.count == 2)
            #expect(recorded[0].query == [SimulatorQueryItem(name: "x", value: "1")])
            #expect(recorded[0].endpoint == nil)
        }
    }

    @Test func waitForRequestsResumesOnArrival() async throws {
        try await withSimulator { simulator, client in
            async let seen = simulator.waitForRequests(2, to: .request, timeout: .seconds(60))
            _ = try await client.requestJob()
            _ = try await client.requestJob()
            #expect(try await seen.count == 2)
        }
    }
}
