import Foundation
import NIOHTTP1
import Simulators
import Testing

@Suite struct AdminAPITests {
    @Test func enqueueInspectAndWaitOverHTTP() async throws {
        try await withSimulator { simulator, client in
            let created = try await client.sendJSON(.POST, "/-/sim/jobs", ["steps": [["name": "script", "script": ["true"]]]])
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.intValue)
            let token = try #require(created.json?["token"]?.stringValue)
            let job = SimulatedJobID(rawValue: id, token: token)

            _ = try await client.takeAndStart()
            _ = try await client.patchTrace(job, start: 0, Array("out\n".utf8))

            async let waited = client.send(.GET, "/-/sim/jobs/\(id)/wait?timeout=10")
            _ = try await client.updateJob(job, state: "success")
            let snapshot = try await waited
            #expect(snapshot.status == 200)
            #expect(snapshot.json?["state"]?.stringValue == "success")
            #expect(snapshot.json?["trace_text"]?.stringValue == "out\n")
            #expect(snapshot.json?["trace_base64"]?.stringValue == Data("out\n".utf8).base64EncodedString())

            let trace = try await client.send(.GET, "/-/sim/jobs/\(id)/trace")
            #expect(trace.body == Array("out\n".utf8))
            let single = try await client.send(.GET, "/-/sim/jobs/\(id)")
            #expect(single.json?["updates"]?.arrayValue?.count == 2)
            #expect(try await client.send(.GET, "/-/sim/jobs/999").status == 404)

            // Admin calls are not part of the runner-API record.
            #expect(simulator.requests.allSatisfy { !$0.path.hasPrefix("/-/sim") })
            let recorded = try await client.send(.GET, "/-/sim/requests")
            #expect(recorded.json?.arrayValue?.count == simulator.requests.count)
            #expect(recorded.json?.arrayValue?.last?["endpoint"]?.stringValue == "update")
        }
    }

    @Test func waitTimesOutWith408() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            let response = try await client.send(.GET, "/-/sim/jobs/\(job.rawValue)/wait?timeout=0.1")
            #expect(response.status == 408)
            #expect(response.json?["state"]?.stringValue == "pending")
            let running = try await client.send(.GET, "/-/sim/jobs/\(job.rawValue)/wait?timeout=0.1&state=running")
            #expect(running.status == 408)
        }
    }

    @Test func cancelOverHTTP() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue()
            _ = try await client.takeAndStart(features: ["cancel_gracefully": true])
            let response = try await client.send(.POST, "/-/sim/jobs/\(job.rawValue)/cancel?graceful=true")
            #expect(response.status == 200)
            #expect(response.json?["state"]?.stringValue == "canceling")
            let hard = try await client.send(.POST, "/-/sim/jobs/\(job.rawValue)/cancel?graceful=false")
            #expect(hard.json?["state"]?.stringValue == "canceled")
        }
    }

    @Test func faultsOverHTTP() async throws {
        try await withSimulator { simulator, client in
            let armed = try await client.sendJSON(.POST, "/-/sim/faults", [
                "endpoint": "request", "count": 1, "kind": "status", "status": 502, "headers": ["Retry-After": "1"],
            ])
            #expect(armed.status == 201)
            let listed = try await client.send(.GET, "/-/sim/faults")
            #expect(listed.json?.arrayValue?.count == 1)
            let failed = try await client.requestJob()
            #expect(failed.status == 502)
            #expect(failed.header("Retry-After") == "1")

            let nested = try await client.sendJSON(.POST, "/-/sim/faults", [
                "endpoint": "update", "fault": ["kind": "final_update_accepted", "times": 2, "interval": 5],
            ])
            #expect(nested.status == 201)
            #expect(simulator.armedFaultUses == 2)
            #expect(try await client.send(.DELETE, "/-/sim/faults").status == 204)
            #expect(simulator.armedFaultUses == 0)

            let bad = try await client.sendJSON(.POST, "/-/sim/faults", ["endpoint": "request", "kind": "explode"])
            #expect(bad.status == 400)
            let badEndpoint = try await client.sendJSON(.POST, "/-/sim/faults", ["endpoint": "nowhere", "kind": "reset"])
            #expect(badEndpoint.status == 400)
        }
    }

    @Test func managersRunnersAndQueue() async throws {
        try await withSimulator { simulator, client in
            _ = try await client.requestJob(systemID: "s_cccccccccccc")
            simulator.enqueue()
            let managers = try await client.send(.GET, "/-/sim/managers")
            #expect(managers.json?.arrayValue?.first?["system_id"]?.stringValue == "s_cccccccccccc")
            let runners = try await client.send(.GET, "/-/sim/runners")
            #expect(runners.json?.arrayValue?.first?["deleted"]?.boolValue == false)
            let queue = try await client.send(.GET, "/-/sim/queue")
            #expect(queue.json?["jobs"]?.arrayValue == [1000])
            #expect(queue.json?["version"]?.stringValue == simulator.queueVersion)
        }
    }
}
