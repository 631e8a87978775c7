import AsyncHTTPClient
import Foundation
import GitLabRunnerAPI
import Logging
import Simulators
import Testing

/// `GitLabClient` against the GitLab simulator: exact headers and bodies on the wire.
@Suite(.timeLimit(.minutes(1))) struct GitLabClientTests {
    let token = GitLabSimulatorConfiguration().runnerToken

    func withClient(_ body: (GitLabSimulator, GitLabClient) async throws -> Void) async throws {
        var configuration = GitLabSimulatorConfiguration()
        configuration.longPollTimeout = .seconds(2)
        let simulator = GitLabSimulator(configuration: configuration)
        _ = try await simulator.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        let info = RunnerInfo(version: "9.9.9", revision: "abc", architecture: "amd64", executor: "shell")
        let client = GitLabClient(
            serverURL: simulator.baseURL + "/ci/", info: info, httpClient: http,
            retry: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(10)), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        do {
            try await body(simulator, client)
        } catch {
            try? await http.shutdown()
            await simulator.stop()
            throw error
        }
        try await http.shutdown()
        await simulator.stop()
    }

    @Test func jobRequestCarriesTokenTwiceSystemIDInfoAndEchoesLastUpdate() async throws {
        try await withClient { simulator, client in
            guard case .noJob(let lastUpdate) = try await client.requestJob(runnerToken: token, systemID: "s_0123456789ab", lastUpdate: nil) else {
                Issue.record("expected 204")
                return
            }
            let first = try #require(simulator.requests(to: .request).first)
            #expect(first.json?["token"]?.stringValue == token)
            #expect(first.headers["RUNNER-TOKEN"] == token)
            #expect(first.json?["system_id"]?.stringValue == "s_0123456789ab")
            #expect(first.json?["last_update"] == nil)
            #expect(first.json?["info"]?["features"]?["cancel_gracefully"]?.boolValue == true)
            #expect(first.json?["info"]?["features"]?["two_phase_job_commit"]?.boolValue == true)
            #expect(first.json?["info"]?["features"]?["upload_multiple_artifacts"]?.boolValue == false)
            #expect(first.json?["info"]?["version"]?.stringValue == "9.9.9")
            #expect(first.body.count < 32 * 1024)
            let requestID = try #require(first.headers["X-Request-Id"])
            #expect(requestID.count == 32 && requestID.allSatisfy(\.isHexDigit))
            #expect(first.headers["User-Agent"]?.hasPrefix("flywheel ") == true)
            #expect(lastUpdate != nil)

            simulator.enqueue(job: ["steps": [["name": "script", "script": ["true"]]]])
            guard case .job(let job, _) = try await client.requestJob(runnerToken: token, systemID: "s_0123456789ab", lastUpdate: lastUpdate) else {
                Issue.record("expected a job")
                return
            }
            #expect(job.steps.first?.script == ["true"])
            let second = try #require(simulator.requests(to: .request).last)
            #expect(second.json?["last_update"]?.stringValue == lastUpdate)
        }
    }

    @Test func tracePatchesUseInclusiveContentRangeAndReadRange() async throws {
        try await withClient { simulator, client in
            let id = simulator.enqueue(job: [:])
            guard case .job(let job, _) = try await client.requestJob(runnerToken: token, systemID: "s_0123456789ab", lastUpdate: nil) else {
                Issue.record("expected a job")
                return
            }
            #expect(job.id == id.rawValue)
            _ = try await client.updateJob(id: job.id, jobToken: job.token, update: JobUpdate(state: .running))
            #expect(try await client.patchTrace(id: job.id, jobToken: job.token, offset: 0, bytes: Array("hello".utf8))
                == .appended(serverLength: 5, status: .running, updateInterval: 3))
            #expect(try await client.patchTrace(id: job.id, jobToken: job.token, offset: 5, bytes: Array(" world".utf8))
                == .appended(serverLength: 11, status: .running, updateInterval: 3))
            let ranges = simulator.requests(to: .trace).map { $0.headers["Content-Range"] }
            #expect(ranges == ["0-4", "5-10"])
            #expect(simulator.requests(to: .trace).allSatisfy { $0.headers["JOB-TOKEN"] == job.token })
            // A patch from the wrong offset is answered 416 with the length the server holds.
            #expect(try await client.patchTrace(id: job.id, jobToken: job.token, offset: 3, bytes: Array("x".utf8))
                == .rangeMismatch(serverLength: 11, status: nil))
        }
    }

    @Test func finalUpdateSendsChecksumSizeReasonAndExitCode() async throws {
        try await withClient { simulator, client in
            simulator.enqueue(job: [:])
            guard case .job(let job, _) = try await client.requestJob(runnerToken: token, systemID: "s_0123456789ab", lastUpdate: nil) else {
                Issue.record("expected a job")
                return
            }
            _ = try await client.updateJob(id: job.id, jobToken: job.token, update: JobUpdate(state: .running))
            let output = TraceOutput(crc32: 0, bytesize: 0)
            let answer = try await client.updateJob(id: job.id, jobToken: job.token, update: JobUpdate(state: .failed, failureReason: "script_failure", exitCode: 3, output: output))
            #expect(answer == .accepted(.failed))
            let final = try #require(simulator.requests(to: .update).last)
            #expect(final.headers["JOB-TOKEN"] == job.token)
            #expect(final.json?["token"]?.stringValue == job.token)
            #expect(final.json?["state"]?.stringValue == "failed")
            #expect(final.json?["failure_reason"]?.stringValue == "script_failure")
            #expect(final.json?["exit_code"]?.intValue == 3)
            #expect(final.json?["output"]?["checksum"]?.stringValue == "crc32:00000000")
            #expect(final.json?["output"]?["bytesize"]?.intValue == 0)
            #expect(final.json?["checksum"]?.stringValue == "crc32:00000000")
            #expect(simulator.job(job.id)?.checksumMatches == true)
        }
    }

    @Test func retriesRateLimitedRequestsAfterRetryAfter() async throws {
        try await withClient { simulator, client in
            simulator.arm(.status(429, headers: ["Retry-After": "0"]), endpoint: .request, count: 2)
            let answer = try await client.requestJob(runnerToken: token, systemID: "s_0123456789ab", lastUpdate: nil)
            guard case .noJob = answer else {
                Issue.record("expected 204 after the retries, got \(answer)")
                return
            }
            #expect(simulator.requests(to: .request).count == 3)
        }
    }

    @Test func forbiddenTokenIsReported() async throws {
        try await withClient { _, client in
            guard case .forbidden = try await client.requestJob(runnerToken: "glrt-wrong", systemID: "s_0123456789ab", lastUpdate: nil) else {
                Issue.record("expected 403")
                return
            }
            await #expect(throws: GitLabAPIError.self) {
                _ = try await client.verify(runnerToken: "glrt-wrong", systemID: "s_0123456789ab")
            }
        }
    }
}
