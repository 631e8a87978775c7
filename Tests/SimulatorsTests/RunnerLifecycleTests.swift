import NIOHTTP1
import Simulators
import Testing

@Suite struct RunnerLifecycleTests {
    @Test func legacyRegistration() async throws {
        try await withSimulator { simulator, client in
            let registered = try await client.sendJSON(.POST, "/api/v4/runners", [
                "token": "GR1348941simregistration", "description": "test", "run_untagged": true,
                "locked": false, "paused": false, "info": ["name": "flywheel"],
            ])
            #expect(registered.status == 201)
            let token = try #require(registered.json?["token"]?.stringValue)
            #expect(!token.hasPrefix("glrt-"))
            #expect(registered.json?["id"]?.intValue == 2)
            #expect(registered.json?["token_expires_at"]?.isNull == true)
            #expect(simulator.runners.count == 2)
            // The new runner can request jobs.
            #expect(try await client.requestJob(token: token).status == 204)

            let bad = try await client.sendJSON(.POST, "/api/v4/runners", ["token": "GR1348941wrong"])
            #expect(bad.status == 403)
            let missing = try await client.sendJSON(.POST, "/api/v4/runners", ["description": "x"])
            #expect(missing.status == 400)
        }
    }

    @Test func registrationTokensDisabledIs410() async throws {
        try await withSimulator({ $0.registrationTokensEnabled = false }) { simulator, client in
            let response = try await client.sendJSON(.POST, "/api/v4/runners", ["token": "GR1348941simregistration"])
            #expect(response.status == 410)
        }
    }

    @Test func verifyRecordsTheManager() async throws {
        try await withSimulator { simulator, client in
            let info: SimulatedJSON = ["name": "flywheel", "features": ["cancel_gracefully": true, "two_phase_job_commit": true]]
            let response = try await client.sendJSON(
                .POST,
                "/api/v4/runners/verify",
                ["token": .string(client.runnerToken), "system_id": "s_abcdefabcdef", "info": info],
                headers: [("RUNNER-TOKEN", client.runnerToken)]
            )
            #expect(response.status == 200)
            #expect(response.json?["id"]?.intValue == 1)
            #expect(response.json?["token"]?.stringValue == client.runnerToken)
            #expect(response.json?["token_expires_at"] != nil)
            let manager = try #require(simulator.managers().first)
            #expect(manager.systemID == "s_abcdefabcdef")
            #expect(manager.info == info)
            #expect(manager.advertises("cancel_gracefully"))

            let bad = try await client.sendJSON(.POST, "/api/v4/runners/verify", ["token": "glrt-unknown"])
            #expect(bad.status == 403)
        }
    }

    @Test func deleteManagerKeepsTheRunner() async throws {
        try await withSimulator { simulator, client in
            _ = try await client.requestJob(systemID: "s_111111111111")
            let deleted = try await client.sendJSON(
                .DELETE, "/api/v4/runners/managers", ["token": .string(client.runnerToken), "system_id": "s_111111111111"]
            )
            #expect(deleted.status == 204)
            #expect(simulator.managers().isEmpty)
            let again = try await client.sendJSON(
                .DELETE, "/api/v4/runners/managers", ["token": .string(client.runnerToken), "system_id": "s_111111111111"]
            )
            #expect(again.status == 404)
            let badToken = try await client.sendJSON(
                .DELETE, "/api/v4/runners/managers", ["token": "glrt-nope", "system_id": "s_111111111111"]
            )
            #expect(badToken.status == 403)
            let noSystemID = try await client.sendJSON(.DELETE, "/api/v4/runners/managers", ["token": .string(client.runnerToken)])
            #expect(noSystemID.status == 400)
            #expect(!simulator.runnerDeleted)
            #expect(simulator.requests(to: .unregister).isEmpty)
        }
    }

    @Test func deleteRunnerDeletesEverything() async throws {
        try await withSimulator { simulator, client in
            _ = try await client.requestJob()
            let response = try await client.sendJSON(.DELETE, "/api/v4/runners", ["token": .string(client.runnerToken)])
            #expect(response.status == 204)
            #expect(simulator.runnerDeleted)
            #expect(simulator.managers().isEmpty)
            #expect(simulator.requests(to: .unregister).count == 1)
            #expect(try await client.requestJob().status == 403)
            let again = try await client.sendJSON(.DELETE, "/api/v4/runners", ["token": .string(client.runnerToken)])
            #expect(again.status == 403)
        }
    }

    @Test func resetAuthenticationTokenRotates() async throws {
        try await withSimulator { simulator, client in
            let response = try await client.sendJSON(
                .POST, "/api/v4/runners/reset_authentication_token", ["token": .string(client.runnerToken)]
            )
            #expect(response.status == 201)
            let newToken = try #require(response.json?["token"]?.stringValue)
            #expect(newToken.hasPrefix("glrt-"))
            #expect(newToken != client.runnerToken)
            #expect(try await client.requestJob().status == 403)
            #expect(try await client.requestJob(token: newToken).status == 204)
        }
    }
}
