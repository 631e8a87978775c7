import NIOCore
import NIOHTTP1
import Simulators
import Testing

@Suite struct JobRequestTests {
    @Test func tagsRouteJobsAsGitLabMatchesThem() async throws {
        try await withSimulator { simulator, client in
            simulator.addRunner(token: "glrt-nix", tags: ["nix", "linux"])
            simulator.addRunner(token: "glrt-any", tags: ["docker"], runUntagged: true)
            let nixJob = simulator.enqueue(job: ["tag_list": ["nix"]])
            let untagged = simulator.enqueue()
            let both = simulator.enqueue(job: ["tag_list": ["nix", "docker"]])
            // The configured runner has no tags: it runs only untagged jobs.
            let first = try await client.requestJob()
            #expect(first.json?["id"]?.intValue == untagged.rawValue)
            let nix = try await client.requestJob(token: "glrt-nix")
            #expect(nix.json?["id"]?.intValue == nixJob.rawValue)
            #expect(nix.json?["tag_list"] == nil, "tags route the job; they are not part of the payload")
            // No runner has both tags: the job stays queued.
            #expect(try await client.requestJob(token: "glrt-nix").status == 204)
            #expect(try await client.requestJob(token: "glrt-any").status == 204)
            #expect(simulator.queuedJobIDs == [both.rawValue])
        }
    }

    @Test func emptyQueueAnswers204WithLastUpdate() async throws {
        try await withSimulator { simulator, client in
            let response = try await client.requestJob()
            #expect(response.status == 204)
            #expect(response.header("X-GitLab-Last-Update") == simulator.queueVersion)
            #expect(response.header("Gitlab-Ci-Builds-Polling") == "yes")
            #expect(response.body.isEmpty)
        }
    }

    @Test func currentLastUpdateIsHeldUntilAJobIsQueued() async throws {
        try await withSimulator { simulator, client in
            let first = try await client.requestJob()
            let lastUpdate = try #require(first.header("X-GitLab-Last-Update"))
            async let held = client.requestJob(lastUpdate: lastUpdate)
            try await simulator.waitForHeldLongPolls(1, timeout: .seconds(60))
            let job = simulator.enqueue()
            let woken = try await held
            // Workhorse answers 204 as soon as the queue changes, without X-GitLab-Last-Update.
            #expect(woken.status == 204)
            #expect(woken.header("X-GitLab-Last-Update") == nil)
            #expect(woken.header("Gitlab-Ci-Builds-Polling") == "yes")
            // The re-request with the old value reaches Rails and gets the job.
            let taken = try await client.requestJob(lastUpdate: lastUpdate)
            #expect(taken.status == 201)
            #expect(taken.json?["id"]?.intValue == job.rawValue)
            #expect(simulator.heldLongPolls == 0)
        }
    }

    @Test func longPollEndsWith204AfterTheTimeout() async throws {
        try await withSimulator({ $0.longPollTimeout = .milliseconds(300) }) { simulator, client in
            let lastUpdate = try #require(try await client.requestJob().header("X-GitLab-Last-Update"))
            let clock = ContinuousClock()
            let start = clock.now
            let response = try await client.requestJob(lastUpdate: lastUpdate)
            #expect(response.status == 204)
            #expect(response.header("X-GitLab-Last-Update") == nil)
            #expect(clock.now - start >= .milliseconds(250))
        }
    }

    @Test func abandonedLongPollIsReleased() async throws {
        try await withSimulator { simulator, client in
            let lastUpdate = try #require(try await client.requestJob().header("X-GitLab-Last-Update"))
            // The client gives up (deadline) while Workhorse holds the request: the connection
            // closes and the held request is dropped, as Workhorse drops it on a gone client.
            await #expect(throws: (any Error).self) {
                _ = try await client.requestJob(lastUpdate: lastUpdate, timeout: .milliseconds(300))
            }
            try await simulator.waitForNoHeldLongPolls(timeout: .seconds(60))
            #expect(simulator.requests(to: .request).last?.responseStatus == 204)
        }
    }

    @Test func staleLastUpdateIsAnsweredAtOnce() async throws {
        try await withSimulator { simulator, client in
            let response = try await client.requestJob(lastUpdate: "0123456789abcdef0123456789abcdef")
            #expect(response.status == 204)
            #expect(response.header("X-GitLab-Last-Update") == simulator.queueVersion)
        }
    }

    @Test func withoutWorkhorseThereIsNoLongPoll() async throws {
        try await withSimulator({ $0.longPollTimeout = .zero }) { simulator, client in
            let lastUpdate = try #require(try await client.requestJob().header("X-GitLab-Last-Update"))
            let response = try await client.requestJob(lastUpdate: lastUpdate)
            #expect(response.status == 204)
            #expect(response.header("X-GitLab-Last-Update") == lastUpdate)
            #expect(response.header("Gitlab-Ci-Builds-Polling") == nil)
        }
    }

    @Test func jobPayloadShapeAndDefaults() async throws {
        try await withSimulator { simulator, client in
            let job = simulator.enqueue(job: [
                "variables": [["key": "MY_VAR", "value": "x", "public": true]],
                "runner_info": ["timeout": 120],
                "job_info": ["name": "unit"],
            ])
            #expect(job.rawValue == 1000)
            #expect(job.token.hasPrefix("glcbt-sim-"))
            let response = try await client.requestJob()
            #expect(response.status == 201)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("X-GitLab-Last-Update") == nil)
            let payload = try #require(response.json)
            #expect(payload["id"]?.intValue == 1000)
            #expect(payload["token"]?.stringValue == job.token)
            #expect(payload["job_info"]?["id"]?.intValue == 1000)
            #expect(payload["job_info"]?["name"]?.stringValue == "unit")
            #expect(payload["runner_info"]?["timeout"]?.intValue == 120)
            #expect(payload["git_info"]?["repo_url"]?.stringValue?.contains("gitlab-ci-token:\(job.token)@") == true)
            #expect(payload["features"]?["trace_sections"]?.boolValue == true)
            #expect(payload["features"]?["failure_reasons"]?.arrayValue?.count == 10)
            let variables = try #require(payload["variables"]?.arrayValue)
            func variable(_ key: String) -> SimulatedJSON? { variables.first { $0["key"]?.stringValue == key } }
            #expect(variable("CI_JOB_ID")?["value"]?.stringValue == "1000")
            #expect(variable("CI_JOB_TOKEN")?["value"]?.stringValue == job.token)
            #expect(variable("CI_JOB_TOKEN")?["masked"]?.boolValue == true)
            #expect(variable("CI_JOB_TOKEN")?["public"]?.boolValue == false)
            #expect(variable("CI_SERVER_URL")?["value"]?.stringValue == simulator.baseURL)
            #expect(variable("CI_PROJECT_DIR") == nil)
            #expect(variable("MY_VAR")?["value"]?.stringValue == "x")
            #expect(payload["steps"]?.arrayValue?.first?["name"]?.stringValue == "script")

            let snapshot = try #require(simulator.job(job))
            #expect(snapshot.state == .running)
            #expect(snapshot.assigned)
            #expect(snapshot.systemID == "s_0123456789ab")
            #expect(snapshot.deliveredPayload == payload)
        }
    }

    @Test func callerFieldsWinOverDefaults() async throws {
        try await withSimulator { simulator, client in
            let job = try simulator.enqueue(jobJSON: Array(#"""
                {"id": 77, "token": "glcbt-mine", "variables": [{"key": "CI_SERVER_URL", "value": "https://gitlab.example.com", "public": true}],
                 "features": {"trace_sections": false}}
                """#.utf8))
            #expect(job == SimulatedJobID(rawValue: 77, token: "glcbt-mine"))
            let payload = try #require(try await client.requestJob().json)
            #expect(payload["id"]?.intValue == 77)
            #expect(payload["token"]?.stringValue == "glcbt-mine")
            #expect(payload["features"]?["trace_sections"]?.boolValue == false)
            let servers = payload["variables"]?.arrayValue?.filter { $0["key"]?.stringValue == "CI_SERVER_URL" }
            #expect(servers?.count == 1)
            #expect(servers?.first?["value"]?.stringValue == "https://gitlab.example.com")
            #expect(simulator.enqueue().rawValue == 1000)
        }
    }

    @Test func jobsAreHandedOutOnceInOrder() async throws {
        try await withSimulator { simulator, client async throws in
            let first = simulator.enqueue()
            let second = simulator.enqueue()
            #expect(try await client.requestJob().json?["id"]?.intValue == first.rawValue)
            #expect(try await client.requestJob().json?["id"]?.intValue == second.rawValue)
            #expect(try await client.requestJob().status == 204)
        }
    }

    @Test func unknownTokenIs403AndMissingTokenIs400() async throws {
        try await withSimulator { simulator, client in
            simulator.enqueue()
            let forbidden = try await client.requestJob(token: "glrt-wrong")
            #expect(forbidden.status == 403)
            let missing = try await client.sendJSON(.POST, "/api/v4/jobs/request", ["info": [:]])
            #expect(missing.status == 400)
            #expect(simulator.queuedJobIDs.count == 1)
        }
    }

    @Test func jsonWithoutJSONContentTypeIsNotParsed() async throws {
        try await withSimulator { simulator, client in
            let body = SimulatedJSON.object(["token": .string(client.runnerToken)]).encoded
            let response = try await client.send(.POST, "/api/v4/jobs/request", body: body)
            #expect(response.status == 400)
        }
    }

    @Test func bodiesOf32KiBOrMoreAre413() async throws {
        try await withSimulator { simulator, client in
            simulator.enqueue()
            let padding = String(repeating: "x", count: 32 * 1024)
            let big = SimulatedJSON.object(["token": .string(client.runnerToken), "info": ["name": .string(padding)]])
            let response = try await client.sendJSON(.POST, "/api/v4/jobs/request", big)
            #expect(response.status == 413)
            var justUnder = Array(SimulatedJSON.object(["token": .string(client.runnerToken), "x": ""]).encoded)
            let fill = 32 * 1024 - 1 - justUnder.count
            justUnder = Array(SimulatedJSON.object(["token": .string(client.runnerToken), "x": .string(String(repeating: "y", count: fill))]).encoded)
            #expect(justUnder.count == 32 * 1024 - 1)
            let accepted = try await client.send(.POST, "/api/v4/jobs/request", headers: [("Content-Type", "application/json")], body: justUnder)
            #expect(accepted.status == 201)
        }
    }

    @Test func managersAreCreatedOnFirstContactAndKeepTheirFirstInfo() async throws {
        try await withSimulator { simulator, client in
            _ = try await client.requestJob(systemID: "s_aaaaaaaaaaaa", features: ["cancel_gracefully": true])
            _ = try await client.requestJob(systemID: "s_aaaaaaaaaaaa", features: [:])
            _ = try await client.requestJob(systemID: "s_bbbbbbbbbbbb")
            let managers = simulator.managers()
            #expect(managers.map(\.systemID) == ["s_aaaaaaaaaaaa", "s_bbbbbbbbbbbb"])
            #expect(managers[0].contacts == 2)
            #expect(managers[0].advertises("cancel_gracefully"))
            #expect(managers[0].lastInfo?["features"]?["cancel_gracefully"] == nil)
            let legacy = try await client.sendJSON(.POST, "/api/v4/jobs/request", ["token": .string(client.runnerToken)])
            #expect(legacy.status == 204)
            #expect(simulator.managers().last?.systemID == "<legacy>")
        }
    }
}
