import Simulators

/// Runs a simulator handler on a loopback port for the duration of `body`.
enum SimulatorServer {
    static func with<Result: Sendable>(
        _ handler: any SimulatorHTTPHandler, maximumBodySize: Int = 64 << 20,
        _ body: (Int) async throws -> Result
    ) async throws -> Result {
        let server = SimulatorHTTPServer(handler: handler, maximumBodySize: maximumBodySize)
        let port = try await server.bind(host: "127.0.0.1", port: 0)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await server.serve() }
            do {
                let result = try await body(port)
                server.shutdown()
                try await group.waitForAll()
                return result
            } catch {
                server.shutdown()
                group.cancelAll()
                throw error
            }
        }
    }
}
