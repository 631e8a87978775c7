import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Simulators
import Testing

@Suite struct HTTPServerTests {
    private func withServer(
        maximumBodySize: Int = 1024,
        _ body: (Int, HTTPClient) async throws -> Void
    ) async throws {
        let server = SimulatorHTTPServer(handler: EchoHandler(), maximumBodySize: maximumBodySize)
        let port = try await server.bind(host: "127.0.0.1", port: 0)
        let http = HTTPClient()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await server.serve() }
            do {
                try await body(port, http)
            } catch {
                server.shutdown()
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
            server.shutdown()
            try await group.waitForAll()
        }
    }

    private func get(_ http: HTTPClient, _ url: String, body: [UInt8]? = nil) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        if let body {
            request.method = .POST
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await http.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: bytes))
    }

    @Test func servesRequestsWithKeepAliveAndQuery() async throws {
        try await withServer { port, http in
            for index in 0..<5 {
                let (status, text) = try await get(http, "http://127.0.0.1:\(port)/a%20b?q=\(index)", body: [1, 2, 3])
                #expect(status == 200)
                #expect(text == "POST /a b 3 \(index)")
            }
        }
    }

    @Test func oversizedBodiesAre413() async throws {
        try await withServer(maximumBodySize: 16) { port, http in
            let (status, _) = try await get(http, "http://127.0.0.1:\(port)/", body: Array(repeating: 0, count: 17))
            #expect(status == 413)
            let (okStatus, _) = try await get(http, "http://127.0.0.1:\(port)/", body: Array(repeating: 0, count: 16))
            #expect(okStatus == 200)
        }
    }

    @Test func resetConnectionDropsWithoutAnswer() async throws {
        try await withServer { port, http in
            await #expect(throws: (any Error).self) {
                _ = try await get(http, "http://127.0.0.1:\(port)/reset")
            }
            let (status, _) = try await get(http, "http://127.0.0.1:\(port)/after")
            #expect(status == 200)
        }
    }

    @Test func stopAnswersHeldLongPolls() async throws {
        let simulator = GitLabSimulator()
        try await simulator.start()
        let http = HTTPClient()
        let client = TestClient(http: http, baseURL: simulator.baseURL)
        let lastUpdate = try #require(try await client.requestJob().header("X-GitLab-Last-Update"))
        async let held = client.requestJob(lastUpdate: lastUpdate)
        try await simulator.waitForHeldLongPolls(1, timeout: .seconds(60))
        let clock = ContinuousClock()
        let start = clock.now
        await simulator.stop()
        let response = try await held
        #expect(response.status == 204)
        #expect(clock.now - start < .seconds(5))
        try await http.shutdown()
    }

    @Test func restartKeepsState() async throws {
        let simulator = GitLabSimulator()
        let port = try await simulator.start()
        let job = simulator.enqueue()
        await simulator.stop()
        try await simulator.start(port: port)
        let http = HTTPClient()
        let client = TestClient(http: http, baseURL: simulator.baseURL)
        #expect(try await client.requestJob().json?["id"]?.intValue == job.rawValue)
        try await http.shutdown()
        await simulator.stop()
        await #expect(throws: SimulatorError.self) {
            _ = try await simulator.waitForFinalState(job: job, timeout: .seconds(5))
        }
    }
}
