import AsyncHTTPClient
import Foundation
import Glibc
import NIOCore
import NIOHTTP1
import Simulators
import Testing
import TestSupport

/// `/metrics`, `/healthz` and `/readyz` of a running `flywheel run`.
@Suite(.timeLimit(.minutes(2))) struct StatusServerTests {
    /// A loopback port nothing listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                guard bind(fd, raw, length) == 0, getsockname(fd, raw, &length) == 0 else { throw CocoaError(.fileReadUnknown) }
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static var promtool: String? {
        ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func get(_ http: HTTPClient, _ url: String) async throws -> (status: Int, body: String) {
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    @Test func metricsPassPromtoolAndReadinessFlipsDuringDrain() async throws {
        let simulator = try await GitLabSimulator.started()
        let port = try Self.freePort()
        var options = AgentProcess.Options()
        options.listenAddress = "127.0.0.1:\(port)"
        let agent = try AgentProcess(simulator: simulator, options: options)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            // The job runs until the test lets it end, so the drain below happens while it runs.
            let release = agent.directory.appendingPathComponent("release-job").path
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo started", "while [ ! -f '\(release)' ]; do sleep 0.1; done", "echo finished"]))
            try await simulator.waitForTrace(job: id, containing: "started\n", timeout: .seconds(60))
            let base = "http://127.0.0.1:\(port)"
            #expect(try await get(http, base + "/healthz").status == 200)
            let ready = try await get(http, base + "/readyz")
            #expect(ready.status == 200, "\(ready.body)")

            let metrics = try await get(http, base + "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.body.contains("flywheel_capacity 4"))
            #expect(metrics.body.contains(#"flywheel_jobs_running{runner="e2e"} 1"#))
            #expect(metrics.body.contains("flywheel_job_requests_total"))
            #expect(!metrics.body.contains(GitLabSimulatorConfiguration().runnerToken))
            if let promtool = Self.promtool {
                let file = agent.directory.appendingPathComponent("metrics.txt")
                try metrics.body.write(to: file, atomically: true, encoding: .utf8)
                let check = try await ChildProcess.run("/bin/sh", ["-c", "\(promtool) check metrics < '\(file.path)'"])
                #expect(check.status == 0, "promtool: \(check.output)")
            } else {
                #expect(ProcessInfo.processInfo.environment["CI"] != "true", "promtool is missing; `make test` installs the prometheus package")
            }

            agent.signal(SIGTERM)
            // The signal is handled asynchronously: ask until the agent says it drains (bounded).
            var draining = try await get(http, base + "/readyz")
            let deadline = ContinuousClock.now + .seconds(20)
            while draining.status == 200, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                draining = try await get(http, base + "/readyz")
            }
            #expect(draining.status == 503)
            #expect(draining.body.contains("draining"))
            #expect(try await get(http, base + "/metrics").body.contains("flywheel_draining 1"))
            FileManager.default.createFile(atPath: release, contents: nil)
            #expect(await agent.waitForExit() == 0)
            #expect(simulator.job(id)?.state == .success)
        } catch {
            Issue.record("agent log:\n\(agent.log)")
            try? await http.shutdown()
            await agent.stop()
            await simulator.stop()
            throw error
        }
        try await http.shutdown()
        await agent.stop()
        await simulator.stop()
    }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func statusPageShowsRunnersRunningJobsAndOutcomes() async throws {
        let simulator = try await GitLabSimulator.started()
        let port = try Self.freePort()
        var options = AgentProcess.Options()
        options.listenAddress = "127.0.0.1:\(port)"
        let agent = try AgentProcess(simulator: simulator, options: options)
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let release = agent.directory.appendingPathComponent("release-job").path
            let id = simulator.enqueue(job: SimulatedJobs.script(["echo started", "while [ ! -f '\(release)' ]; do sleep 0.1; done"]))
            try await simulator.waitForTrace(job: id, containing: "started\n", timeout: .seconds(60))
            let base = "http://127.0.0.1:\(port)"
            let during = try await get(http, base + "/")
            #expect(during.status == 200)
            #expect(during.body.hasPrefix("<!DOCTYPE html>"))
            #expect(during.body.contains("<td>e2e</td><td>\(simulator.baseURL)</td><td>shell</td>"), "the runner row")
            #expect(during.body.contains("<tr><td>\(id.rawValue)</td><td>group/e2e</td><td>e2e</td><td>e2e</td><td>shell</td><td>—</td>"), "the running job row: \(during.body)")
            #expect(!during.body.contains("<script"), "works without JavaScript")
            #expect(!during.body.contains(GitLabSimulatorConfiguration().runnerToken))
            #expect(!during.body.contains(id.token))

            if let chromium = Self.chromium {
                let shot = agent.directory.appendingPathComponent("status.png").path
                _ = try await ChildProcess.run(chromium, [
                    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1200,900",
                    "--user-data-dir=" + agent.directory.appendingPathComponent("chromium").path, "--screenshot=" + shot, base + "/",
                ])
                let png = FileManager.default.contents(atPath: shot) ?? Data()
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "chromium rendered the page to a PNG")
                #expect(png.count > 5_000)
            } else {
                Issue.record("chromium is missing: `make test` installs it (Debian package chromium); the screenshot check did not run")
            }

            FileManager.default.createFile(atPath: release, contents: nil)
            let job = try await simulator.waitForFinalState(job: id, timeout: .seconds(60))
            #expect(job.state == .success)
            try await simulator.waitForRequests(simulator.requests(to: .request).count + 1, to: .request, timeout: .seconds(30))
            let after = try await get(http, base + "/")
            #expect(after.body.contains("<td class=\"ok\">success</td>"), "the outcome row: \(after.body)")
            #expect(after.body.contains("<h2>Running jobs</h2>\n<p>None.</p>"))
        } catch {
            Issue.record("agent log:\n\(agent.log)")
            try? await http.shutdown()
            await agent.stop()
            await simulator.stop()
            throw error
        }
        try? await http.shutdown()
        await agent.stop()
        await simulator.stop()
    }
}
