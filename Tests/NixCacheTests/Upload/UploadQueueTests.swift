import Foundation
import Logging
import NixCache
import Simulators
import Testing

@Suite("Upload queue: retries, Retry-After, circuit breaker, isolation", .serialized)
struct UploadQueueTests {
    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"))
    func transientErrorsAreRetried() async throws {
        let fixture = try NixStoreFixture("retry")
        let (top, _) = try await fixture.buildClosure(tag: "retry")
        let simulator = try BinaryCacheSimulator(directory: fixture.scratch.file("served"))
        simulator.failNext(2, status: 503, method: "PUT", pathSuffix: ".narinfo")
        simulator.failNext(1, status: 500, method: "PUT", pathSuffix: ".nar.zst")
        let database = try fixture.database()
        try await SimulatorServer.with(simulator) { port in
            let statistics = await UploadHarness.push([top], to: try UploadHarness.targets(["http://127.0.0.1:\(port)"]), database: database)
            #expect(statistics.pathsUploaded == 2)
            #expect(statistics.pathsFailed == 0)
            #expect(statistics.retries == 3)
            #expect(simulator.requests.filter { $0.status >= 500 }.count == 3)
        }
    }

    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"))
    func retryAfterIsHonoured() async throws {
        let fixture = try NixStoreFixture("retry-after")
        let (top, _) = try await fixture.buildClosure(tag: "retryafter")
        let simulator = try BinaryCacheSimulator(directory: fixture.scratch.file("served"))
        simulator.failNext(1, status: 429, retryAfter: "1", method: "PUT", pathSuffix: ".nar.zst")
        let database = try fixture.database()
        try await SimulatorServer.with(simulator) { port in
            let started = ContinuousClock.now
            let configuration = CacheUploaderConfiguration(jobs: 1, retry: UploadHarness.quickRetry)
            let statistics = await UploadHarness.push([top], to: try UploadHarness.targets(["http://127.0.0.1:\(port)"]),
                                                      database: database, configuration: configuration)
            let elapsed = ContinuousClock.now - started
            #expect(statistics.pathsUploaded == 2)
            #expect(statistics.retries == 1)
            #expect(elapsed >= .seconds(1), "Retry-After: 1 waited although the back-off is 5-20 ms (took \(elapsed))")
        }
    }

    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"))
    func theCircuitBreakerStopsHammeringAndResumes() async throws {
        let fixture = try NixStoreFixture("breaker")
        let (top, _) = try await fixture.buildClosure(tag: "breaker")
        let simulator = try BinaryCacheSimulator(directory: fixture.scratch.file("served"))
        let database = try fixture.database()
        try await SimulatorServer.with(simulator) { port in
            let targets = try UploadHarness.targets(["http://127.0.0.1:\(port)"])
            simulator.isUnavailable = true
            let configuration = CacheUploaderConfiguration(
                jobs: 4, retry: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(2)),
                circuitBreaker: CircuitBreakerPolicy(failureThreshold: 3, coolDown: .milliseconds(200), maximumCoolDown: .milliseconds(400)))
            let uploader = CacheUploader(targets: targets, database: database, configuration: configuration, logger: Logger(label: "test.breaker"))
            await withDiscardingTaskGroup { group in
                group.addTask { await uploader.run() }
                await uploader.enqueue([top])
                let drained = await uploader.flush(timeout: .milliseconds(1500))
                #expect(!drained, "the cache is down")
                #expect(uploader.statistics.circuitOpen)
                // Without the breaker, 1.5 s of 1-2 ms back-offs would be hundreds of requests;
                // with it: 3 failures to open, then one probe per cool-down (200 ms, 400 ms, 400 ms…).
                let requestsWhileDown = simulator.requests.count
                #expect(requestsWhileDown <= 12, "\(requestsWhileDown) requests while the cache was down")
                #expect(uploader.statistics.pathsFailed == 0, "paths wait for the cache instead of failing")

                simulator.isUnavailable = false
                let recovered = await uploader.flush(timeout: .seconds(30))
                #expect(recovered)
                uploader.finish()
            }
            let statistics = uploader.statistics
            #expect(statistics.pathsUploaded == 2)
            #expect(statistics.pathsFailed == 0)
            #expect(!statistics.circuitOpen)
        }
    }

    /// A path whose files no longer match the database is refused; paths that reference it
    /// are not published; unrelated paths are uploaded all the same.
    @Test(.enabled(if: NixStoreFixture.available, "needs nix-bin"))
    func aBrokenPathDoesNotStopTheOthers() async throws {
        let fixture = try NixStoreFixture("broken")
        let broken = try await fixture.buildClosure(tag: "broken")
        let healthy = try await fixture.buildClosure(tag: "healthy")
        let leafFile = fixture.store.physicalPath(of: broken.leaf)
        let original = try Data(contentsOf: URL(fileURLWithPath: leafFile))
        var corrupted = original
        corrupted[0] ^= 0x20
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: leafFile)
        try corrupted.write(to: URL(fileURLWithPath: leafFile))

        let cache = fixture.scratch.file("cache")
        let events = EventLog()
        let statistics = await UploadHarness.push(
            [broken.top, healthy.top], to: try UploadHarness.targets(["file://\(cache)"]), database: try fixture.database(), events: events)
        #expect(statistics.pathsUploaded == 2)
        #expect(statistics.pathsFailed == 2)
        #expect(Set(events.uploaded) == [healthy.top, healthy.leaf])
        let failures = events.failures
        #expect(failures[broken.leaf.path]?.contains("refusing to upload") == true, "\(failures)")
        #expect(failures[broken.leaf.path]?.contains("--repair") == true)
        #expect(failures[broken.top.path]?.contains("was not uploaded") == true)
        for path in [broken.top, broken.leaf] {
            #expect(!FileManager.default.fileExists(atPath: "\(cache)/\(path.hashPart).narinfo"))
        }
        let narFiles = try FileManager.default.contentsOfDirectory(atPath: cache + "/nar")
        #expect(narFiles.count == 2, "no NAR or staging file of the refused path is left: \(narFiles)")
    }
}
